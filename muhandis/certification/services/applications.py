"""The application workflow: a candidate applies, referees confirm, the registrar decides
whether the candidate is eligible for assessment."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.accounts.services import EDUCATION_ORDER, record_degree
from muhandis.core import audit
from muhandis.core.mail import send_in_language
from muhandis.core.uploads import check_upload

from ..models import (
    Application,
    CertificateLanguage,
    EducationEntry,
    Evidence,
    ExperienceEntry,
    Referee,
    Scheme,
)

REFEREE_LINK_SALT = "muhandis.certification.referee"
REFEREE_LINK_DAYS = 14
MAX_EVIDENCE_FILES = 20


def _record(
    action: str,
    application: Application,
    actor: User | None,
    request: HttpRequest | None,
    **details: Any,
) -> None:
    audit.record(action, actor=actor, target=application, request=request, **details)


def start_application(
    *, candidate: User, scheme: Scheme, request: HttpRequest | None = None
) -> Application:
    if scheme.status != Scheme.Status.ACTIVE:
        raise ValidationError(_("This scheme is not open for applications."))
    try:
        with transaction.atomic():
            application = Application.objects.create(candidate=candidate, scheme=scheme)
            _record(
                "certification.application.started",
                application,
                candidate,
                request,
                after={"scheme": scheme.code, "version": scheme.version},
            )
    except IntegrityError as exc:
        raise ValidationError(_("You already have an open application for this scheme.")) from exc
    return application


def _require_editable(application: Application, actor: User) -> None:
    if application.candidate_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This is not your application."))
    if not application.editable:
        raise ValidationError(_("This application can no longer be changed."))


def add_education(
    *,
    application: Application,
    actor: User,
    level: str,
    institution: str,
    field: str,
    year: int,
    request: HttpRequest | None = None,
) -> EducationEntry:
    _require_editable(application, actor)
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("The year of graduation is in the future.")})
    entry = EducationEntry(
        application=application,
        level=level,
        institution=institution.strip(),
        field=field.strip(),
        year=year,
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        _record("certification.application.education_added", application, actor, request)
        # The profile's highest education is the one answer to "what education has this person";
        # its checklist and the application then agree.
        record_degree(
            person=application.candidate,
            level=entry.level,
            institution=entry.institution,
            field=entry.field,
            year=entry.year,
            actor=actor,
            request=request,
        )
    return entry


def add_experience(
    *,
    application: Application,
    actor: User,
    employer: str,
    position: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    duties: str = "",
    request: HttpRequest | None = None,
) -> ExperienceEntry:
    _require_editable(application, actor)
    today = timezone.localdate()
    if start_date > today:
        raise ValidationError({"start_date": _("The start date is in the future.")})
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    entry = ExperienceEntry(
        application=application,
        employer=employer.strip(),
        position=position.strip(),
        start_date=start_date,
        end_date=end_date,
        duties=duties.strip(),
    )
    entry.full_clean()
    entry.save()
    _record("certification.application.experience_added", application, actor, request)
    return entry


def add_referee(
    *,
    application: Application,
    actor: User,
    name: str,
    email: str,
    relation: str,
    request: HttpRequest | None = None,
) -> Referee:
    _require_editable(application, actor)
    email = email.strip().lower()
    if email == application.candidate.email.lower():
        raise ValidationError({"email": _("A referee must be someone other than you.")})
    if application.referees.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This referee is already named.")})
    if application.referees.count() >= application.scheme.referees_required + 2:
        raise ValidationError(_("You have named enough referees."))
    referee = Referee(
        application=application, name=name.strip(), email=email, relation=relation.strip()
    )
    referee.full_clean()
    referee.save()
    _record("certification.application.referee_added", application, actor, request)
    return referee


def add_evidence(
    *,
    application: Application,
    actor: User,
    upload: UploadedFile,
    kind: str,
    request: HttpRequest | None = None,
) -> Evidence:
    _require_editable(application, actor)
    if kind not in Evidence.Kind.values:
        raise ValidationError({"kind": _("Choose what the document is.")})
    if application.evidence.count() >= MAX_EVIDENCE_FILES:
        raise ValidationError({"file": _("You have uploaded the most files allowed (20).")})
    checked = check_upload(upload, field="file")
    evidence = Evidence(
        application=application,
        kind=kind,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    evidence.file.save("evidence", upload, save=False)
    evidence.save()
    _record(
        "certification.application.evidence_added",
        application,
        actor,
        request,
        after={"sha256": evidence.sha256, "kind": kind},
    )
    return evidence


def remove_entry(
    *,
    application: Application,
    actor: User,
    entry: EducationEntry | ExperienceEntry | Referee | Evidence,
    request: HttpRequest | None = None,
) -> None:
    _require_editable(application, actor)
    if entry.application_id != application.pk:
        raise PermissionDenied(_("This is not part of your application."))
    if isinstance(entry, Referee) and entry.invited_at:
        raise ValidationError(_("A referee who has been asked already cannot be removed."))
    if isinstance(entry, Evidence):
        entry.file.delete(save=False)
    entry.delete()
    _record(
        "certification.application.entry_removed",
        application,
        actor,
        request,
        before={"entry": type(entry).__name__.lower()},
    )


def experience_years(
    entries: Iterable[ExperienceEntry], *, today: datetime.date | None = None
) -> float:
    """Years of experience, counting overlapping periods once."""
    today = today or timezone.localdate()
    periods = sorted((e.start_date, min(e.end_date or today, today)) for e in entries)
    spans: list[tuple[datetime.date, datetime.date]] = []
    for start, end in periods:
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    days = sum((end - start).days for start, end in spans)
    return round(days / 365.25, 1)


def _meets_education(entries: Iterable[EducationEntry], required: str) -> bool:
    if not required:
        return True
    best = max((EDUCATION_ORDER.index(e.level) for e in entries), default=-1)
    return best >= EDUCATION_ORDER.index(required)


def submission_problems(application: Application) -> list[str]:
    """What the candidate must still do before the application can be submitted."""
    scheme = application.scheme
    education, experience = list(application.education.all()), list(application.experience.all())
    problems = []
    if not education:
        problems.append(_("Add your education."))
    elif not _meets_education(education, scheme.education_level):
        problems.append(
            _("The scheme requires at least: %(level)s.")
            % {"level": scheme.get_education_level_display()}
        )
    years = experience_years(experience)
    if years < scheme.experience_years:
        problems.append(
            _(
                "The scheme requires %(needed)d years of experience; your entries "
                "add up to %(years)s."
            )
            % {"needed": scheme.experience_years, "years": years}
        )
    if application.referees.count() < scheme.referees_required:
        problems.append(_("Name %(n)d referees.") % {"n": scheme.referees_required})
    if not application.evidence.exists():
        problems.append(_("Upload at least one document, for example your diploma."))
    return problems


def submit_application(
    *,
    application: Application,
    actor: User,
    accept_code_of_conduct: bool,
    accept_data_processing: bool,
    answer: str = "",
    certificate_language: str = "",
    request: HttpRequest | None = None,
) -> Application:
    _require_editable(application, actor)
    problems = submission_problems(application)
    if certificate_language and certificate_language not in CertificateLanguage.values:
        problems.append(_("Choose a language for the certificate."))
    if not accept_code_of_conduct:
        problems.append(_("Accept the scheme's code of conduct."))
    if not accept_data_processing:
        problems.append(_("Agree to the processing of your personal data."))
    if application.status == Application.Status.INFO_REQUESTED and not answer.strip():
        problems.append(_("Answer the registrar's request."))
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    with transaction.atomic():
        before = application.status
        application.status = Application.Status.SUBMITTED
        application.submitted_at = now
        application.code_of_conduct_accepted_at = now
        application.data_processing_accepted_at = now
        if answer.strip():
            application.candidate_answer = answer.strip()
        application.certificate_language = certificate_language
        application.save()
        invited = _invite_referees(application, now)
        _record(
            "certification.application.submitted",
            application,
            actor,
            request,
            before={"status": before},
            after={"status": application.status, "referees_invited": invited},
        )
    return application


def referee_token(referee: Referee) -> str:
    """The signed token of a referee's link; inviting again makes earlier links invalid."""
    if referee.invited_at is None:
        raise ValueError("A referee gets a link only once invited.")
    return signing.dumps(
        {"r": referee.pk, "at": referee.invited_at.isoformat()}, salt=REFEREE_LINK_SALT
    )


def referee_link(referee: Referee) -> str:
    token = referee_token(referee)
    with translation.override(referee.application.candidate.preferred_language):
        path = reverse("certification:referee", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def _invite_referees(application: Application, now: datetime.datetime) -> int:
    waiting = list(application.referees.filter(invited_at__isnull=True))
    for referee in waiting:
        referee.invited_at = now
        referee.save(update_fields=["invited_at"])
        notify(
            referee.email,
            "referee_invitation",
            application.candidate.preferred_language,
            {
                "referee": referee,
                "application": application,
                "link": referee_link(referee),
                "days": REFEREE_LINK_DAYS,
            },
        )
    return len(waiting)


def notify(to: str, template: str, language: str, context: dict) -> None:
    """Email ``templates/certification/email/<template>`` to ``to``, in ``language``."""
    send_in_language(to, f"certification/email/{template}", language, context)


def referee_from_token(token: str) -> Referee:
    """The referee a link belongs to; a clear ValidationError if the link cannot be used."""
    try:
        data = signing.loads(
            token, salt=REFEREE_LINK_SALT, max_age=datetime.timedelta(days=REFEREE_LINK_DAYS)
        )
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("This link has expired. Ask the candidate to name you again."), code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(
            _("This link is not valid. Check that you copied all of it."), code="invalid"
        ) from exc
    referee = (
        Referee.objects.select_related("application__candidate", "application__scheme")
        .filter(pk=data.get("r"))
        .first()
    )
    if (
        referee is None
        or referee.invited_at is None
        or referee.invited_at.isoformat() != data.get("at")
    ):
        raise ValidationError(_("This link is no longer valid."), code="invalid")
    if referee.answered_at is not None:
        raise ValidationError(
            _("This link has already been used: your answer was recorded."), code="used"
        )
    return referee


def respond_as_referee(
    *,
    token: str,
    confirmed: bool,
    years: int | None,
    statement: str,
    request: HttpRequest | None = None,
) -> Referee:
    with transaction.atomic():
        referee = referee_from_token(token)
        referee = Referee.objects.select_for_update().get(pk=referee.pk)
        if referee.answered_at is not None:
            raise ValidationError(_("This link has already been used: your answer was recorded."))
        if confirmed and not years:
            raise ValidationError(
                {"years": _("Say how many years of the candidate's work you can confirm.")}
            )
        referee.answered_at = timezone.now()
        referee.confirmed = confirmed
        referee.confirmed_years = years if confirmed else None
        referee.statement = statement.strip()
        referee.save()
        _record(
            "certification.referee.answered",
            referee.application,
            None,
            request,
            after={"referee": referee.pk, "confirmed": confirmed, "years": referee.confirmed_years},
        )
    return referee


@dataclass(frozen=True)
class EligibilityCheck:
    label: str
    passed: bool
    detail: str


def eligibility(application: Application) -> list[EligibilityCheck]:
    """The registrar's checklist, computed from the application."""
    scheme = application.scheme
    education = list(application.education.all())
    referees = list(application.referees.all())
    years = experience_years(application.experience.all())
    confirmed = [r for r in referees if r.confirmed]
    best = max(education, key=lambda e: EDUCATION_ORDER.index(e.level), default=None)
    return [
        EligibilityCheck(
            _("Education"),
            _meets_education(education, scheme.education_level),
            _("%(has)s; required: %(needed)s")
            % {
                "has": best.get_level_display() if best else _("none given"),
                "needed": scheme.get_education_level_display() or _("no minimum"),
            },
        ),
        EligibilityCheck(
            _("Experience"),
            years >= scheme.experience_years,
            _("%(years)s years declared; required: %(needed)d")
            % {"years": years, "needed": scheme.experience_years},
        ),
        EligibilityCheck(
            _("Referees"),
            len(confirmed) >= scheme.referees_required,
            _("%(confirmed)d of %(needed)d confirmed; %(waiting)d not answered yet")
            % {
                "confirmed": len(confirmed),
                "needed": scheme.referees_required,
                "waiting": sum(1 for r in referees if r.answered_at is None),
            },
        ),
        EligibilityCheck(
            _("Evidence"),
            application.evidence.exists(),
            _("%(n)d documents uploaded") % {"n": application.evidence.count()},
        ),
        EligibilityCheck(
            _("Code of conduct and data processing"),
            bool(
                application.code_of_conduct_accepted_at and application.data_processing_accepted_at
            ),
            _("accepted") if application.code_of_conduct_accepted_at else _("not accepted"),
        ),
    ]


DECISIONS = {
    "accept": Application.Status.ACCEPTED,
    "reject": Application.Status.REJECTED,
    "request_info": Application.Status.INFO_REQUESTED,
}


def decide_eligibility(
    *,
    application: Application,
    actor: User,
    decision: str,
    reason: str,
    request: HttpRequest | None = None,
) -> Application:
    """The registrar accepts the application for assessment, rejects it, or asks for more."""
    if Role.REGISTRAR not in usable_roles(actor):
        raise PermissionDenied(_("Only a registrar decides on eligibility."))
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose accept, reject or request information.")})
    if decision != "accept" and not reason.strip():
        raise ValidationError({"reason": _("Give the reason: the candidate will read it.")})
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != Application.Status.SUBMITTED:
            raise ValidationError(_("This application is not waiting for a decision."))
        application.status = DECISIONS[decision]
        application.decision_reason = reason.strip()
        if decision == "request_info":
            application.info_request = reason.strip()
        application.save(update_fields=["status", "decision_reason", "info_request", "updated_at"])
        _record(
            "certification.application.eligibility_decided",
            application,
            actor,
            request,
            before={"status": Application.Status.SUBMITTED},
            after={"status": application.status},
            reason=reason.strip(),
        )
        candidate = application.candidate
        notify(
            candidate.email,
            "eligibility_decision",
            candidate.preferred_language,
            {
                "application": application,
                "candidate": candidate,
                "link": settings.SITE_URL.rstrip("/") + application_path(application),
            },
        )
    return application


def application_path(application: Application) -> str:
    with translation.override(application.candidate.preferred_language):
        return reverse("certification:application", kwargs={"public_id": application.public_id})


def withdraw_application(
    *, application: Application, actor: User, request: HttpRequest | None = None
) -> Application:
    if application.candidate_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This is not your application."))
    if application.status not in (
        Application.Status.DRAFT,
        Application.Status.SUBMITTED,
        Application.Status.INFO_REQUESTED,
    ):
        raise ValidationError(_("This application can no longer be withdrawn."))
    before = application.status
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _record(
        "certification.application.withdrawn",
        application,
        actor,
        request,
        before={"status": before},
        after={"status": application.status},
    )
    return application
