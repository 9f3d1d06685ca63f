"""Renewal of a certificate: the same number, a new validity period.

The committee's decision to renew (and the CPD rule that comes before it) lives in the CPD
app, which calls ``renew_certificate`` once a majority of the committee has granted.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core import audit
from muhandis.core.dates import add_years

from ..models import Certificate, CertificateStatusChange
from ..signals import certificate_changed


def renewed_expiry(certificate: Certificate) -> datetime.date:
    """The new expiry date: the old one plus the scheme's validity, so no day is lost or won."""
    return add_years(certificate.expiry_date, certificate.scheme.validity_years)


def renew_certificate(
    *, certificate: Certificate, actor: User, reasons: str, request: HttpRequest | None = None
) -> CertificateStatusChange:
    """Extend a valid (possibly just expired) certificate by the scheme's validity period.

    ``actor`` is the committee member whose vote completed the majority; ``reasons`` are the
    committee's. A suspended, withdrawn or replaced certificate is not renewed.
    """
    if Role.COMMITTEE not in usable_roles(actor):
        raise PermissionDenied(_("Only the certification committee renews certificates."))
    if actor.pk == certificate.holder_id:
        raise PermissionDenied(_("Nobody may assess or decide on their own application."))
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the renewal.")})
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update().select_related("scheme").get(pk=certificate.pk)
        )
        if certificate.status != Certificate.Status.VALID:
            raise ValidationError(
                _("A %(status)s certificate cannot be renewed.")
                % {"status": certificate.get_status_display().lower()}
            )
        old_expiry = certificate.expiry_date
        certificate.expiry_date = renewed_expiry(certificate)
        certificate.save(update_fields=["expiry_date", "updated_at"])
        change = CertificateStatusChange.objects.create(
            certificate=certificate,
            action=CertificateStatusChange.Action.RENEW,
            from_status=Certificate.Status.VALID,
            to_status=Certificate.Status.VALID,
            old_expiry_date=old_expiry,
            new_expiry_date=certificate.expiry_date,
            reason=reasons.strip(),
            decided_by=actor,
        )
        audit.record(
            "certification.certificate.renewed",
            actor=actor,
            target=certificate,
            before={"expires": old_expiry.isoformat()},
            after={"expires": certificate.expiry_date.isoformat()},
            reason=reasons.strip(),
            request=request,
        )
        certificate_changed.send(sender=Certificate, certificate=certificate)
    return change
