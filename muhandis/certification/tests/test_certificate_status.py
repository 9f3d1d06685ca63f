import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return Certificate.objects.get()


def _verify(client, certificate):
    return client.get(f"/api/v1/verify/{certificate.number}").json()["status"]


def test_suspension_shows_at_once_and_reinstatement_restores(client, certificate, registrar):
    services.change_certificate_status(
        certificate=certificate,
        actor=registrar,
        action="suspend",
        reason="Complaint under investigation.",
    )
    assert _verify(client, certificate) == "suspended"
    html = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Suspended" in html
    assert "Complaint under investigation." not in html  # no reason disclosed to the public
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="reinstate", reason="Complaint unfounded."
    )
    assert _verify(client, certificate) == "valid"
    actions = list(
        AuditEntry.objects.filter(target_type="certification.certificate").values_list(
            "action", flat=True
        )
    )
    assert "certification.certificate.suspended" in actions
    assert "certification.certificate.reinstated" in actions


def test_withdrawal_is_final(client, certificate, registrar):
    services.change_certificate_status(
        certificate=certificate,
        actor=registrar,
        action="withdraw",
        reason="Code of conduct breached.",
    )
    assert _verify(client, certificate) == "withdrawn"
    with pytest.raises(ValidationError):
        services.change_certificate_status(
            certificate=certificate, actor=registrar, action="reinstate", reason="Try"
        )


def test_a_reason_is_required_and_only_registrars_decide(certificate, registrar, committee_member):
    with pytest.raises(ValidationError):
        services.change_certificate_status(
            certificate=certificate, actor=registrar, action="suspend", reason=" "
        )
    with pytest.raises(PermissionDenied):
        services.change_certificate_status(
            certificate=certificate, actor=committee_member, action="suspend", reason="x"
        )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_registrar_suspends_on_the_certificate_page_the_holder_cannot(
    client, certificate, registrar
):
    url = f"/en/certification/certificates/{certificate.public_id}/"
    client.force_login(certificate.holder)
    assert client.post(url, {"action": "suspend", "reason": "x"}).status_code == 403
    client.force_login(registrar)
    assert client.post(url, {"action": "suspend", "reason": ""}).status_code == 400
    assert client.post(url, {"action": "suspend", "reason": "Audit."}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUSPENDED


def test_the_holder_is_told_in_their_language(certificate, registrar, mailoutbox):
    holder = certificate.holder
    holder.preferred_language = "ru"
    holder.save()
    mailoutbox.clear()
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Жалоба на рассмотрении."
    )
    (message,) = mailoutbox
    assert message.to == [holder.email]
    assert certificate.number in message.subject
    assert "Приостановлен" in message.subject
    assert "Жалоба на рассмотрении." in message.body
