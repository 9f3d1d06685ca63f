"""Suspension, reinstatement and withdrawal: recorded decisions that take effect at once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core import audit

from ..models import Certificate, CertificateStatusChange
from .applications import notify

S = Certificate.Status
# action: (allowed from, new status, audit action)
ACTIONS = {
    "suspend": ({S.VALID}, S.SUSPENDED, "certification.certificate.suspended"),
    "reinstate": ({S.SUSPENDED}, S.VALID, "certification.certificate.reinstated"),
    "withdraw": ({S.VALID, S.SUSPENDED}, S.WITHDRAWN, "certification.certificate.withdrawn"),
}


def change_certificate_status(
    *, certificate: Certificate, actor, action: str, reason: str, request: HttpRequest | None = None
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
        holder = certificate.holder
        notify(
            holder.email,
            "certificate_status",
            holder.preferred_language,
            {"certificate": certificate, "holder": holder, "reason": reason.strip()},
        )
    return certificate


REMINDER_DAYS = (90, 30, 7)


def send_expiry_reminders(*, today=None) -> int:
    """Remind holders whose valid certificate expires within 90, 30 or 7 days, once each.

    When several thresholds are due at once (a late first run), the holder gets one email and
    the earlier thresholds are recorded as done. Returns the number of emails sent.
    """
    import datetime

    from django.db import IntegrityError

    from ..models import ExpiryReminder

    today = today or timezone.localdate()
    sent = 0
    reminded_now: set[int] = set()
    for days in sorted(REMINDER_DAYS):
        due = Certificate.objects.filter(
            status=Certificate.Status.VALID,
            expiry_date__gte=today,
            expiry_date__lte=today + datetime.timedelta(days=days),
        ).exclude(pk__in=ExpiryReminder.objects.filter(days_before=days).values("certificate"))
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
