"""Applying to a mentoring programme as a mentor or a mentee, and withdrawing."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import Region, User
from muhandis.competencies.models import Area
from muhandis.core import audit

from ..models import Application, ApplicationStatus, Language, Mode, Pair, Programme, Side


def _check(
    *,
    programme: Programme,
    person: User,
    side: str,
    goals: str,
    hours_per_month: int,
    mode: str,
    languages: list[str],
    max_mentees: int,
    wants_language: str,
) -> None:
    if side not in Side.values:
        raise ValidationError(_("Choose whether you apply as a mentor or as a mentee."))
    if not programme.is_open(timezone.localdate()):
        raise ValidationError(
            _(
                "This programme is not open for applications: applications are taken from "
                "%(opens)s to %(closes)s."
            )
            % {"opens": programme.opens_on, "closes": programme.closes_on}
        )
    if Application.objects.filter(
        programme=programme, person=person, side=side, status=ApplicationStatus.APPLIED
    ).exists():
        raise ValidationError(_already_applied(side))
    errors: dict[str, list[str]] = {}
    if not goals.strip():
        errors["goals"] = [_("Write down what you would like to achieve in the programme.")]
    if not 1 <= hours_per_month <= 40:
        errors["hours_per_month"] = [_("Give between 1 and 40 hours a month.")]
    if mode not in Mode.values:
        errors["mode"] = [_("Choose how you can meet.")]
    if not languages or any(code not in Language.values for code in languages):
        errors["languages"] = [_("Choose at least one language you speak.")]
    if side == Side.MENTOR and not 1 <= max_mentees <= 5:
        errors["max_mentees"] = [_("A mentor takes between 1 and 5 mentees.")]
    if wants_language and wants_language not in Language.values:
        errors["wants_language"] = [_("Choose the language from the list.")]
    if errors:
        raise ValidationError(errors)


def _already_applied(side: str) -> str:
    if side == Side.MENTOR:
        return _("You have already applied to this programme as a mentor.")
    return _("You have already applied to this programme as a mentee.")


def apply(
    *,
    programme: Programme,
    person: User,
    side: str,
    goals: str,
    areas: Iterable[Area],
    hours_per_month: int,
    mode: str,
    region: Region | None,
    languages: list[str],
    max_mentees: int = 1,
    wants_woman_mentor: bool = False,
    wants_same_region: bool = False,
    wants_language: str = "",
    request: Any = None,
) -> Application:
    """``person`` applies to ``programme`` as a mentor or a mentee (``side``); a second open
    application on the same side is refused. A mentee's wishes are kept only for mentees, a
    mentor's capacity only for mentors."""
    _check(
        programme=programme,
        person=person,
        side=side,
        goals=goals,
        hours_per_month=hours_per_month,
        mode=mode,
        languages=languages,
        max_mentees=max_mentees,
        wants_language=wants_language,
    )
    mentee = side == Side.MENTEE
    application = Application(
        programme=programme,
        person=person,
        side=side,
        goals=goals.strip(),
        hours_per_month=hours_per_month,
        mode=mode,
        region=region,
        languages=list(dict.fromkeys(languages)),
        max_mentees=1 if mentee else max_mentees,
        wants_woman_mentor=wants_woman_mentor and mentee,
        wants_same_region=wants_same_region and mentee,
        wants_language=wants_language if mentee else "",
    )
    try:
        with transaction.atomic():
            application.save()
            application.areas.set(list(areas))
            audit.record(
                "mentoring.application.submitted",
                actor=person,
                target=application,
                after={"programme": programme.pk, "side": side},
                request=request,
            )
    except IntegrityError:
        # Two submissions at once: the database keeps one.
        raise ValidationError(_already_applied(side)) from None
    return application


def withdraw(*, actor: User, application: Application, request: Any = None) -> Application:
    """The applicant withdraws; an application already in an open pair cannot be withdrawn
    (staff end the pair first)."""
    with transaction.atomic():
        found = Application.objects.select_for_update().get(pk=application.pk)
        if found.person_id != actor.pk:
            raise ValidationError(_("Only the applicant can withdraw an application."))
        if found.status == ApplicationStatus.WITHDRAWN:
            raise ValidationError(_("This application is already withdrawn."))
        in_pair = Pair.objects.filter(ended_on__isnull=True).filter(
            mentor=found
        ) | Pair.objects.filter(ended_on__isnull=True, mentee=found)
        if in_pair.exists():
            raise ValidationError(
                _(
                    "You are in a mentoring pair through this application: ask the programme's "
                    "staff to end the pair first."
                )
            )
        found.status = ApplicationStatus.WITHDRAWN
        found.withdrawn_at = timezone.now()
        found.save(update_fields=["status", "withdrawn_at", "updated_at"])
        audit.record(
            "mentoring.application.withdrawn",
            actor=actor,
            target=found,
            before={"status": ApplicationStatus.APPLIED},
            after={"status": ApplicationStatus.WITHDRAWN},
            request=request,
        )
    return found
