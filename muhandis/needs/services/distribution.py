"""Who is asked to answer a survey: invitations by role, to employers' representatives as
supervisors, or from a pasted list of addresses; sending the personal links by email in each
person's language, and reminding those who have not answered.

An invitation copies the person's language, region and gender when it is made (response rates
per region and gender need them for those who never answer). One invitation per survey,
address and kind: inviting someone twice is counted, not repeated."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import (
    EmploymentRelation,
    Region,
    RoleAssignment,
    User,
)
from muhandis.accounts.roles import Role
from muhandis.core import audit
from muhandis.core.mail import send_in_language

from ..models import Invitation, RespondentKind, Response, Survey, SurveyStatus

INVITATION_TEMPLATE = "needs/email/invitation"
REMINDER_TEMPLATE = "needs/email/reminder"
MAX_PASTED_LINES = 5000


@dataclass
class Invited:
    """What an invitation run did: how many were added, and who had been invited already."""

    created: int = 0
    already: list[str] = field(default_factory=list)


def default_language() -> str:
    return settings.LANGUAGE_CODE


def _check_survey(survey: Survey) -> None:
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("The survey is closed: nobody more can be invited."))


def _check_kind(survey: Survey, kind: str) -> None:
    if kind not in survey.kinds:
        raise ValidationError(
            {
                "kind": _("This survey is not answered by “%(kind)s”.")
                % {"kind": RespondentKind(kind).label}
            }
        )


def _check_distribution(distribution: str) -> str:
    distribution = " ".join(distribution.split())[:100]
    if not distribution:
        raise ValidationError(
            {"distribution": _("Name the distribution list, e.g. “Members, Tashkent”.")}
        )
    return distribution


def _invite(
    *,
    actor: Any,
    survey: Survey,
    distribution: str,
    kind: str,
    people: Iterable[tuple[str, User | None]],
    language: str | None = None,
    source: str,
) -> Invited:
    """Create an invitation for each (email, person) not invited yet as ``kind``."""
    existing = set(
        Invitation.objects.filter(survey=survey, kind=kind).values_list("email", flat=True)
    )
    result = Invited()
    rows = []
    for email, person in people:
        email = email.strip().lower()
        if email in existing:
            result.already.append(email)
            continue
        existing.add(email)
        rows.append(
            Invitation(
                survey=survey,
                distribution=distribution,
                person=person,
                email=email,
                kind=kind,
                language=(person.preferred_language if person else "")
                or language
                or default_language(),
                region=person.region if person else None,
                gender=person.gender if person else "",
            )
        )
    with transaction.atomic():
        Invitation.objects.bulk_create(rows, ignore_conflicts=True)
        result.created = len(rows)
        audit.record(
            "needs.invitations.added",
            actor=actor,
            target=survey,
            after={
                "distribution": distribution,
                "kind": kind,
                "source": source,
                "added": result.created,
                "already_invited": len(result.already),
            },
        )
    return result


def _people(queryset: Any, region: Region | None) -> list[tuple[str, User]]:
    people = queryset.filter(is_active=True, anonymised_at__isnull=True).exclude(email="")
    if region is not None:
        people = people.filter(region=region)
    people = people.select_related("region").distinct().order_by("email")
    return [(person.email, person) for person in people]


def invite_role(
    *,
    actor: Any,
    survey: Survey,
    role: str,
    distribution: str,
    kind: str = RespondentKind.SELF,
    region: Region | None = None,
) -> Invited:
    """Invite everyone who holds ``role`` now (e.g. every engineer), in ``region`` if given."""
    _check_survey(survey)
    _check_kind(survey, kind)
    distribution = _check_distribution(distribution)
    Role(role)
    holders = RoleAssignment.objects.filter(role=role, revoked_at__isnull=True).values("user_id")
    return _invite(
        actor=actor,
        survey=survey,
        distribution=distribution,
        kind=kind,
        people=_people(User.objects.filter(pk__in=holders), region),
        source=f"role:{role}",
    )


def invite_supervisors(
    *, actor: Any, survey: Survey, distribution: str, region: Region | None = None
) -> Invited:
    """Invite as supervisors everyone who represents an organisation now, or holds the
    employer representative's role, to answer about their staff."""
    _check_survey(survey)
    _check_kind(survey, RespondentKind.SUPERVISOR)
    distribution = _check_distribution(distribution)
    employers = RoleAssignment.objects.filter(role=Role.EMPLOYER, revoked_at__isnull=True).values(
        "user_id"
    )
    people = User.objects.filter(
        Q(pk__in=employers)
        | Q(
            employments__relation=EmploymentRelation.REPRESENTATIVE,
            employments__end_date__isnull=True,
        )
    )
    return _invite(
        actor=actor,
        survey=survey,
        distribution=distribution,
        kind=RespondentKind.SUPERVISOR,
        people=_people(people, region),
        source="supervisors",
    )


def parse_emails(text: str) -> list[str]:
    """The addresses of a pasted list, one a line (blank lines skipped), lower-cased and each
    once; a ValidationError lists every line that is not an address, by its number."""
    lines = text.splitlines()
    if len(lines) > MAX_PASTED_LINES:
        raise ValidationError(
            {"emails": _("Paste at most %(count)s lines at a time.") % {"count": MAX_PASTED_LINES}}
        )
    emails, errors = [], []
    for number, line in enumerate(lines, start=1):
        email = line.strip().strip(",;").strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _("Line %(number)s: “%(text)s” is not an email address.")
                % {"number": number, "text": line.strip()[:80]}
            )
            continue
        if email not in emails:
            emails.append(email)
    if errors:
        raise ValidationError({"emails": errors})
    if not emails:
        raise ValidationError({"emails": _("Paste at least one email address, one a line.")})
    return emails


def invite_emails(
    *,
    actor: Any,
    survey: Survey,
    text: str,
    distribution: str,
    kind: str = RespondentKind.SELF,
    language: str | None = None,
) -> Invited:
    """Invite the addresses of a pasted list. An address of a registered person takes their
    language, region and gender; others get ``language`` (the association's by default). A
    list with a line that is not an address is refused whole, naming each such line."""
    _check_survey(survey)
    _check_kind(survey, kind)
    distribution = _check_distribution(distribution)
    emails = parse_emails(text)
    known = {
        person.email.lower(): person
        for person in User.objects.filter(email__in=emails).select_related("region")
    }
    return _invite(
        actor=actor,
        survey=survey,
        distribution=distribution,
        kind=kind,
        people=[(email, known.get(email)) for email in emails],
        language=language,
        source="list",
    )


# Sending ---------------------------------------------------------------------------------------


def personal_link(invitation: Invitation) -> str:
    """The personal link, in the addressee's language."""
    with translation.override(invitation.language):
        path = reverse("needs:respond_personal", kwargs={"token": invitation.token})
    return settings.SITE_URL.rstrip("/") + path


def _mail(invitation: Invitation, template: str) -> None:
    survey = invitation.survey
    with translation.override(invitation.language):
        title = survey.title  # the title in the addressee's language
    context = {
        "invitation": invitation,
        "survey": survey,
        "title": title,
        "person": invitation.person,
        "supervisor": invitation.kind == RespondentKind.SUPERVISOR,
        "link": personal_link(invitation),
        "closes_on": survey.closes_on,
        "association": settings.ASSOCIATION_NAME.get(invitation.language, ""),
    }
    send_in_language(invitation.email, template, invitation.language, context)


def send_invitations(
    *, survey: Survey, actor: Any = None, now: datetime.datetime | None = None
) -> int:
    """Email every invitation of an open survey not sent yet; returns how many were sent.
    Each is claimed before its email goes, so that two runs never send the same one twice."""
    now = now or timezone.now()
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Open the survey before sending its invitations."))
    pending = list(
        Invitation.objects.filter(survey=survey, sent_at__isnull=True)
        .select_related("survey", "person")
        .order_by("pk")
    )
    sent = 0
    with transaction.atomic():
        for invitation in pending:
            claimed = Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
                sent_at=now
            )
            if claimed:
                transaction.on_commit(partial(_mail, invitation, INVITATION_TEMPLATE))
                sent += 1
        if sent:
            audit.record("needs.invitations.sent", actor=actor, target=survey, after={"sent": sent})
    return sent


def reminder_days() -> int:
    return int(settings.NEEDS_REMINDER_DAYS)


def max_reminders() -> int:
    return int(settings.NEEDS_MAX_REMINDERS)


def due_reminders(now: datetime.datetime) -> Any:
    """Invitations of open surveys, sent and not answered, last written to at least
    ``NEEDS_REMINDER_DAYS`` ago, reminded fewer than ``NEEDS_MAX_REMINDERS`` times."""
    cutoff = now - datetime.timedelta(days=reminder_days())
    return (
        Invitation.objects.filter(
            survey__status=SurveyStatus.OPEN,
            sent_at__isnull=False,
            answered_at__isnull=True,
            reminders__lt=max_reminders(),
        )
        .filter(
            Q(reminded_at__isnull=True, sent_at__lte=cutoff)
            | Q(reminded_at__isnull=False, reminded_at__lte=cutoff)
        )
        .exclude(survey__closes_on__lt=timezone.localdate(now))
        .select_related("survey", "person")
        .order_by("pk")
    )


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone whose reminder is due (see ``due_reminders``); returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=reminder_days())
    by_survey: dict[int, tuple[Survey, int]] = {}
    for invitation in due_reminders(now):
        with transaction.atomic():
            claimed = (
                Invitation.objects.filter(
                    pk=invitation.pk, answered_at__isnull=True, reminders=invitation.reminders
                )
                .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff))
                .update(reminded_at=now, reminders=invitation.reminders + 1)
            )
            if not claimed:
                continue
            transaction.on_commit(partial(_mail, invitation, REMINDER_TEMPLATE))
        survey, count = by_survey.get(invitation.survey_id, (invitation.survey, 0))
        by_survey[invitation.survey_id] = (survey, count + 1)
    for survey, count in by_survey.values():
        audit.record("needs.invitations.reminded", actor=None, target=survey, after={"sent": count})
    return sum(count for _, count in by_survey.values())


# What staff see of a survey's distribution and responses ---------------------------------------


@dataclass(frozen=True)
class ListCounts:
    distribution: str
    kind: str
    invited: int
    sent: int
    reminded: int
    answered: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.sent if self.sent else None


def distribution_counts(survey: Survey) -> list[ListCounts]:
    """Per distribution list and kind: invited, sent, reminded, answered (one query)."""
    rows = (
        Invitation.objects.filter(survey=survey)
        .values("distribution", "kind")
        .annotate(
            invited=Count("pk"),
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            reminded=Count("pk", filter=Q(reminders__gt=0)),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
        )
        .order_by("distribution", "kind")
    )
    return [ListCounts(**row) for row in rows]


def response_counts(surveys: Iterable[Survey]) -> dict[int, dict[str, int]]:
    """Per survey: responses submitted and in progress, invitations sent and answered (two
    queries, whatever the number of surveys)."""
    ids = [survey.pk for survey in surveys]
    counts = {pk: {"submitted": 0, "in_progress": 0, "sent": 0, "answered": 0} for pk in ids}
    responses = (
        Response.objects.filter(survey_id__in=ids)
        .values("survey_id")
        .annotate(
            submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
            in_progress=Count("pk", filter=Q(submitted_at__isnull=True)),
        )
    )
    for row in responses:
        counts[row["survey_id"]] |= {
            "submitted": row["submitted"],
            "in_progress": row["in_progress"],
        }
    invitations = (
        Invitation.objects.filter(survey_id__in=ids)
        .values("survey_id")
        .annotate(
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
        )
    )
    for counted in invitations:
        counts[counted["survey_id"]] |= {"sent": counted["sent"], "answered": counted["answered"]}
    return counts


def responses_by_kind(survey: Survey) -> list[dict[str, Any]]:
    """Submitted and in-progress responses per kind and channel (one query)."""
    rows = (
        Response.objects.filter(survey=survey)
        .values("kind", "channel")
        .annotate(
            submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
            in_progress=Count("pk", filter=Q(submitted_at__isnull=True)),
        )
        .order_by("kind", "channel")
    )
    return [dict(row) for row in rows]
