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
    return certificate
