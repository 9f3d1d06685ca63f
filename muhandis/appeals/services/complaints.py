"""Complaints: anyone complains about a certified person; the registrar acknowledges,
assigns an investigator and closes the complaint with an outcome and reasons.

The holder is told that a complaint was opened, never by whom. A substantiated complaint
changes no certificate by itself: a registrar decides on suspension on the certificate's page.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import colleague_ids, usable_roles
from muhandis.certification.models import Certificate
from muhandis.core import audit
from muhandis.core.mail import send_in_language

from ..models import Complaint, ComplaintNote
from .evidence import attach, check_evidence

# Staff who may investigate a complaint.
INVESTIGATOR_ROLES = frozenset({Role.REGISTRAR, Role.COMMITTEE, Role.EXAMINER, Role.ADMIN})


def _registrar(actor: User, message: str) -> None:
    if Role.REGISTRAR not in usable_roles(actor):
        raise PermissionDenied(message)


def _new_reference() -> str:
    # Unambiguous letters and digits only: complainants read it out on the telephone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        reference = "C-" + "".join(secrets.choice(alphabet) for _i in range(8))
        if not Complaint.objects.filter(reference=reference).exists():
            return reference


def file_complaint(
    *,
    certificate: Certificate,
    name: str,
    email: str,
    relation: str,
    description: str,
    language: str,
    evidence: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Complaint:
    """Anyone files a complaint; they get a confirmation with its reference by email."""
    if relation not in Complaint.Relation.values:
        raise ValidationError({"relation": _("Say how you know the engineer.")})
    if not description.strip():
        raise ValidationError({"description": _("Describe what happened.")})
    checked = check_evidence(evidence)
    today = timezone.localdate()
    complaint = Complaint(
        reference=_new_reference(),
        certificate=certificate,
        name=name.strip(),
        email=email.strip(),
        relation=relation,
        description=description.strip(),
        language=language,
        acknowledge_by=today + datetime.timedelta(days=settings.COMPLAINT_ACKNOWLEDGE_DAYS),
        resolve_by=today + datetime.timedelta(days=settings.COMPLAINT_RESOLVE_DAYS),
    )
    attach(complaint, checked)
    with transaction.atomic():
        complaint.full_clean(exclude=["evidence"])
        complaint.save()
        audit.record(
            "appeals.complaint.filed",
            target=complaint,
            after={"certificate": certificate.number, "relation": relation},
            request=request,
        )
        send_in_language(
            complaint.email,
            "appeals/email/complaint_received",
            language,
            {"complaint": complaint, "days": settings.COMPLAINT_ACKNOWLEDGE_DAYS},
        )
    return complaint


def _open(complaint: Complaint) -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status == Complaint.Status.CLOSED:
        raise ValidationError(_("This complaint is closed."))
    return complaint


def acknowledge_complaint(
    *, complaint: Complaint, actor: User, request: HttpRequest | None = None
) -> Complaint:
    """The registrar opens the investigation; the holder is told, without the complainant."""
    _registrar(actor, _("Only a registrar acknowledges complaints."))
    with transaction.atomic():
        complaint = _open(complaint)
        if complaint.status != Complaint.Status.RECEIVED:
            raise ValidationError(_("This complaint has already been acknowledged."))
        complaint.status = Complaint.Status.INVESTIGATING
        complaint.acknowledged_at = timezone.now()
        complaint.save()
        audit.record(
            "appeals.complaint.acknowledged",
            actor=actor,
            target=complaint,
            before={"status": Complaint.Status.RECEIVED},
            after={"status": complaint.status},
            request=request,
        )
        holder = complaint.certificate.holder
        send_in_language(
            holder.email,
            "appeals/email/complaint_opened",
            holder.preferred_language,
            {"holder": holder, "certificate": complaint.certificate, "complaint": complaint},
        )
    return complaint


def investigator_problem(person: User, complaint: Complaint) -> str | None:
    """Why ``person`` may not investigate ``complaint``, or None."""
    if not usable_roles(person) & INVESTIGATOR_ROLES:
        return _(
            "%(name)s is not on the staff, or has not turned on two-factor authentication."
        ) % {"name": person.display_name}
    holder = complaint.certificate.holder
    if person.pk == holder.pk:
        return _("Nobody may investigate a complaint about themselves.")
    if holder.pk in colleague_ids(person):
        return _("%(name)s works for the same organisation as the engineer.") % {
            "name": person.display_name
        }
    return None


def assign_investigator(
    *, complaint: Complaint, investigator: User, actor: User, request: HttpRequest | None = None
) -> Complaint:
    _registrar(actor, _("Only a registrar assigns investigators."))
    problem = investigator_problem(investigator, complaint)
    if problem:
        raise ValidationError({"investigator": problem})
    with transaction.atomic():
        complaint = _open(complaint)
        before = complaint.investigator_id
        complaint.investigator = investigator
        complaint.save(update_fields=["investigator", "updated_at"])
        audit.record(
            "appeals.complaint.investigator_assigned",
            actor=actor,
            target=complaint,
            before={"investigator": before},
            after={"investigator": investigator.pk},
            request=request,
        )
    return complaint


def may_investigate(person: User, complaint: Complaint) -> bool:
    roles = usable_roles(person)
    return Role.REGISTRAR in roles or (
        complaint.investigator_id == person.pk and bool(roles & INVESTIGATOR_ROLES)
    )


def add_note(
    *, complaint: Complaint, actor: User, text: str, request: HttpRequest | None = None
) -> ComplaintNote:
    """The registrar or the investigator records what the investigation found."""
    if not may_investigate(actor, complaint):
        raise PermissionDenied(_("Only the registrar and the investigator write notes."))
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    with transaction.atomic():
        complaint = _open(complaint)
        note = ComplaintNote.objects.create(complaint=complaint, author=actor, text=text.strip())
        audit.record(
            "appeals.complaint.note_added",
            actor=actor,
            target=complaint,
            after={"note": note.pk},
            request=request,
        )
    return note


def close_complaint(
    *,
    complaint: Complaint,
    actor: User,
    outcome: str,
    reasons: str,
    request: HttpRequest | None = None,
) -> Complaint:
    """The registrar closes the complaint; the complainant is told in the language they used."""
    _registrar(actor, _("Only a registrar closes complaints."))
    if outcome not in Complaint.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons: the complainant will read them.")})
    with transaction.atomic():
        complaint = _open(complaint)
        before = complaint.status
        complaint.status = Complaint.Status.CLOSED
        complaint.outcome = outcome
        complaint.outcome_reasons = reasons.strip()
        complaint.closed_at = timezone.now()
        complaint.save()
        audit.record(
            "appeals.complaint.closed",
            actor=actor,
            target=complaint,
            before={"status": before},
            after={"status": complaint.status, "outcome": outcome},
            reason=complaint.outcome_reasons,
            request=request,
        )
        send_in_language(
            complaint.email,
            "appeals/email/complaint_closed",
            complaint.language,
            {"complaint": complaint},
        )
    return complaint
