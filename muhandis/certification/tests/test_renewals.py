import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from muhandis.certification.models import Certificate, CertificateStatusChange
from muhandis.certification.services.decisions import next_certificate_number
from muhandis.certification.services.renewals import renew_certificate
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages of services called directly are read in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def certificate(engineer, level_two):
    today = timezone.localdate()
    return Certificate.objects.create(
        number=next_certificate_number(today),
        holder=engineer,
        scheme=level_two,
        source=Certificate.Source.IMPORT,
        holder_name_latin=engineer.display_name,
        effective_date=datetime.date(2024, 2, 29),
        expiry_date=datetime.date(2028, 2, 29),
    )


def test_renewal_keeps_the_number_and_adds_the_validity_period(
    client, certificate, committee_member
):
    change = renew_certificate(
        certificate=certificate, actor=committee_member, reasons="CPD rule met."
    )
    certificate.refresh_from_db()
    assert certificate.expiry_date == datetime.date(2031, 2, 28)  # no 29 February in 2031
    assert certificate.status == Certificate.Status.VALID
    assert Certificate.objects.count() == 1
    assert change.action == CertificateStatusChange.Action.RENEW
    assert change.old_expiry_date == datetime.date(2028, 2, 29)
    assert change.new_expiry_date == certificate.expiry_date
    assert change.get_action_display() == "Renewed"
    entry = AuditEntry.objects.get(action="certification.certificate.renewed")
    assert entry.actor_id == committee_member.pk
    assert entry.before == {"expires": "2028-02-29"}
    assert entry.after == {"expires": "2031-02-28"}
    assert entry.reason == "CPD rule met."
    found = client.get(f"/api/v1/verify/{certificate.number}").json()
    assert found["status"] == "valid"
    assert "2031-02-28" in str(found)


def test_only_a_committee_member_renews_never_the_holder(certificate, engineer, registrar):
    for person in (engineer, registrar):
        with pytest.raises(PermissionDenied):
            renew_certificate(certificate=certificate, actor=person, reasons="x")
    assert not CertificateStatusChange.objects.exists()


def test_a_suspended_certificate_is_not_renewed_and_reasons_are_required(
    certificate, committee_member
):
    with pytest.raises(ValidationError):
        renew_certificate(certificate=certificate, actor=committee_member, reasons=" ")
    certificate.status = Certificate.Status.SUSPENDED
    certificate.save()
    with pytest.raises(ValidationError, match="suspended certificate cannot be renewed"):
        renew_certificate(certificate=certificate, actor=committee_member, reasons="CPD met.")
    certificate.refresh_from_db()
    assert certificate.expiry_date == datetime.date(2028, 2, 29)
