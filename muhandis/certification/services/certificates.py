"""Suspension, reinstatement and withdrawal: recorded decisions that take effect at once."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core import audit

from ..models import (
    Certificate,
    CertificateLanguage,
    CertificateStatusChange,
    ExpiryReminder,
    PublicStatus,
)
from ..signals import certificate_changed, certificate_issued, certificate_status_changed
from .applications import notify
from .decisions import next_certificate_number

S = Certificate.Status
# action: (allowed from, new status, audit action)
ACTIONS = {
    "suspend": ({S.VALID}, S.SUSPENDED, "certification.certificate.suspended"),
    "reinstate": ({S.SUSPENDED}, S.VALID, "certification.certificate.reinstated"),
    "withdraw": ({S.VALID, S.SUSPENDED}, S.WITHDRAWN, "certification.certificate.withdrawn"),
}


def _registrar_with_reason(actor: User, reason: str) -> str:
    if Role.REGISTRAR not in usable_roles(actor):
        raise PermissionDenied(_("Only a registrar records decisions on certificates."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this decision.")})
    return reason.strip()


def reduce_scope(
    *,
    certificate: Certificate,
    actor: User,
    limitation: str,
    reason: str,
    request: HttpRequest | None = None,
) -> Certificate:
    """Narrow what a holder is certified for: the new limitation is added to any earlier one.

    The register and the verification page show it at once; the PDF already issued keeps its
    text, so the registrar re-issues the certificate when the holder needs a new document."""
    reason = _registrar_with_reason(actor, reason)
    limitation = limitation.strip()
    if not limitation:
        raise ValidationError({"limitation": _("Say how the scope is limited.")})
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status not in (Certificate.Status.VALID, Certificate.Status.SUSPENDED):
            raise ValidationError(
                _("A %(status)s certificate cannot be changed this way.")
                % {"status": certificate.get_status_display().lower()}
            )
        before = certificate.limitation
        certificate.limitation = f"{before}\n{limitation}" if before else limitation
        certificate.save(update_fields=["limitation", "updated_at"])
        CertificateStatusChange.objects.create(
            certificate=certificate,
            action=CertificateStatusChange.Action.REDUCE_SCOPE,
            from_status=certificate.status,
            to_status=certificate.status,
            old_limitation=before,
            new_limitation=certificate.limitation,
            reason=reason,
            decided_by=actor,
        )
        certificate_changed.send(sender=Certificate, certificate=certificate)
        audit.record(
            "certification.certificate.scope_reduced",
            actor=actor,
            target=certificate,
            before={"limitation": before},
            after={"limitation": certificate.limitation},
            reason=reason,
            request=request,
        )
        holder = certificate.holder
        notify(
            holder.email,
            "certificate_status",
            holder.preferred_language,
            {"certificate": certificate, "holder": holder, "reason": reason},
        )
    return certificate


def reissue_certificate(
    *,
    certificate: Certificate,
    actor: User,
    reason: str,
    language: str = "",
    request: HttpRequest | None = None,
) -> Certificate:
    """A new certificate that names the one it replaces: same scheme version, scope, limitation
    and dates, the holder's names as they are now, a new number and a new PDF (for a changed
    name, a lost document, another language, or a reduced scope). The replaced certificate
    stays in the register as "replaced" and points to its successor."""
    reason = _registrar_with_reason(actor, reason)
    if language and language not in CertificateLanguage.values:
        raise ValidationError({"language": _("Choose a language for the certificate.")})
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status not in (Certificate.Status.VALID, Certificate.Status.SUSPENDED):
            raise ValidationError(
                _("A %(status)s certificate cannot be re-issued.")
                % {"status": old.get_status_display().lower()}
            )
        if old.status == Certificate.Status.SUSPENDED:
            raise ValidationError(_("Reinstate the certificate before re-issuing it."))
        holder = old.holder
        name_latin = holder.name_latin or holder.display_name
        new = Certificate.objects.create(
            number=next_certificate_number(timezone.localdate()),
            holder=holder,
            scheme=old.scheme,
            source=Certificate.Source.REISSUE,
            replaces=old,
            holder_name_latin=name_latin,
            holder_name_cyrillic=holder.name_cyrillic,
            search_name=Certificate.search_name_for(name_latin, holder.name_cyrillic),
            limitation=old.limitation,
            language=language or old.language,
            effective_date=old.effective_date,
            expiry_date=old.expiry_date,
            status_changed_at=timezone.now(),
        )
        _mark_replaced(old=old, new=new, actor=actor, reason=reason, request=request)
    return new


def _mark_replaced(
    *,
    old: Certificate,
    new: Certificate,
    actor: User,
    reason: str,
    request: HttpRequest | None,
) -> None:
    """The old certificate shows as replaced by the new one, with the change and both events
    on the record (inside the re-issue's transaction)."""
    old.status = Certificate.Status.REPLACED
    old.status_changed_at = timezone.now()
    old.save(update_fields=["status", "status_changed_at", "updated_at"])
    CertificateStatusChange.objects.create(
        certificate=old,
        action=CertificateStatusChange.Action.REPLACE,
        from_status=Certificate.Status.VALID,
        to_status=Certificate.Status.REPLACED,
        reason=reason,
        decided_by=actor,
    )
    certificate_status_changed.send(sender=Certificate, certificate=old)
    certificate_issued.send(sender=Certificate, certificate=new)
    audit.record(
        "certification.certificate.replaced",
        actor=actor,
        target=old,
        after={"replaced_by": new.number},
        reason=reason,
        request=request,
    )
    audit.record(
        "certification.certificate.reissued",
        actor=actor,
        target=new,
        after={"number": new.number, "replaces": old.number, "language": new.language},
        reason=reason,
        request=request,
    )


def change_certificate_status(
    *,
    certificate: Certificate,
    actor: User,
    action: str,
    reason: str,
    request: HttpRequest | None = None,
) -> Certificate:
    if Role.REGISTRAR not in usable_roles(actor):
        raise PermissionDenied(_("Only a registrar records suspensions and withdrawals."))
    if action not in ACTIONS:
        raise ValidationError({"action": _("Choose suspend, reinstate or withdraw.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this decision.")})
    allowed, new_status, audit_action = ACTIONS[action]
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status not in allowed:
            raise ValidationError(
                _("A %(status)s certificate cannot be changed this way.")
                % {"status": certificate.get_status_display().lower()}
            )
        before = certificate.status
        certificate.status = new_status
        certificate.status_changed_at = timezone.now()
        certificate.save(update_fields=["status", "status_changed_at", "updated_at"])
        CertificateStatusChange.objects.create(
            certificate=certificate,
            action=action,
            from_status=before,
            to_status=new_status,
            reason=reason.strip(),
            decided_by=actor,
        )
        audit.record(
            audit_action,
            actor=actor,
            target=certificate,
            before={"status": before},
            after={"status": new_status},
            reason=reason.strip(),
            request=request,
        )
        certificate_status_changed.send(sender=Certificate, certificate=certificate)
        holder = certificate.holder
        notify(
            holder.email,
            "certificate_status",
            holder.preferred_language,
            {"certificate": certificate, "holder": holder, "reason": reason.strip()},
        )
    return certificate


REMINDER_DAYS = (90, 30, 7)


def send_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Remind holders whose valid certificate expires within 90, 30 or 7 days, once each.

    When several thresholds are due at once (a late first run), the holder gets one email and
    the earlier thresholds are recorded as done. Returns the number of emails sent.
    """
    today = today or timezone.localdate()
    sent = 0
    reminded_now: set[int] = set()
    for days in sorted(REMINDER_DAYS):
        due = (
            Certificate.objects.showing(PublicStatus.VALID, today)
            .filter(expiry_date__lte=today + datetime.timedelta(days=days))
            .exclude(pk__in=ExpiryReminder.objects.filter(days_before=days).values("certificate"))
        )
        for certificate in due.select_related("holder", "scheme"):
            try:
                with transaction.atomic():
                    ExpiryReminder.objects.create(certificate=certificate, days_before=days)
            except IntegrityError:
                continue  # another run sent it
            if certificate.pk in reminded_now:
                continue
            reminded_now.add(certificate.pk)
            holder = certificate.holder
            notify(
                holder.email,
                "expiry_reminder",
                holder.preferred_language,
                {
                    "certificate": certificate,
                    "holder": holder,
                    "days": (certificate.expiry_date - today).days,
                },
            )
            sent += 1
    return sent


def record_expiries(*, today: datetime.date | None = None) -> int:
    """Mark, once, the valid certificates whose validity ended before ``today``: the audit trail
    records the expiry and the holder is told how to renew. (Pages and the API compute
    "expired" from the dates, so a certificate shows as expired from its date even before this
    runs.) Returns the number of certificates marked."""
    today = today or timezone.localdate()
    done = ExpiryReminder.objects.filter(days_before=0).values("certificate")
    ended = Certificate.objects.showing(PublicStatus.EXPIRED, today).exclude(pk__in=done)
    marked = 0
    for certificate in ended.select_related("holder", "scheme"):
        try:
            with transaction.atomic():
                ExpiryReminder.objects.create(certificate=certificate, days_before=0)
                audit.record(
                    "certification.certificate.expired",
                    target=certificate,
                    after={"expired_on": certificate.expiry_date.isoformat()},
                )
        except IntegrityError:
            continue  # another run marked it
        holder = certificate.holder
        notify(
            holder.email,
            "certificate_expired",
            holder.preferred_language,
            {"certificate": certificate, "holder": holder},
        )
        marked += 1
    return marked
