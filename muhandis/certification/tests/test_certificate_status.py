import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.certification import services, verification_counts
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


def _status(action, reason):
    return {"form": "status", "status-action": action, "status-reason": reason}


def test_registrar_suspends_on_the_certificate_page_the_holder_cannot(
    client, certificate, registrar
):
    url = f"/en/certification/certificates/{certificate.public_id}/"
    client.force_login(certificate.holder)
    assert client.post(url, _status("suspend", "x")).status_code == 403
    client.force_login(registrar)
    assert client.post(url, _status("suspend", "")).status_code == 400
    assert client.post(url, _status("suspend", "Audit.")).status_code == 302
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


def test_scope_reduction_shows_at_once_and_the_holder_is_told(
    client, certificate, registrar, mailoutbox
):
    url = f"/en/certification/certificates/{certificate.public_id}/"
    client.force_login(registrar)
    data = {"form": "scope", "scope-limitation": "", "scope-reason": "Audit finding."}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    data["scope-limitation"] = "No design of pumping stations."
    assert client.post(url, data).status_code == 302
    found = client.get(f"/api/v1/verify/{certificate.number}").json()
    assert found["status"] == "valid"
    assert "No design of pumping stations." in found["limitation"]
    page = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Scope reduced" in page
    assert "Audit finding." not in page
    assert "No design of pumping stations." in mailoutbox[-1].body
    change = certificate.status_changes.get()
    assert change.old_limitation == ""
    assert change.new_limitation == "No design of pumping stations."
    assert AuditEntry.objects.filter(
        action="certification.certificate.scope_reduced", reason="Audit finding."
    ).exists()


def test_reissue_names_the_replaced_certificate_and_takes_the_new_name(
    client, certificate, registrar
):
    holder = certificate.holder
    holder.name_latin = "Dilnoza Rahimova"
    holder.save()
    url = f"/en/certification/certificates/{certificate.public_id}/"
    client.force_login(registrar)
    response = client.post(
        url, {"form": "reissue", "reissue-language": "en", "reissue-reason": "Name changed."}
    )
    new = Certificate.objects.get(replaces=certificate)
    assert response["Location"].endswith(f"/certificates/{new.public_id}/")
    assert new.number != certificate.number
    assert new.holder_name_latin == "Dilnoza Rahimova"
    assert (new.effective_date, new.expiry_date) == (
        certificate.effective_date,
        certificate.expiry_date,
    )
    assert new.source == Certificate.Source.REISSUE
    assert new.decision is None
    with new.document.file.open("rb") as handle:
        import io

        from pypdf import PdfReader

        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert f"Replaces certificate {certificate.number}" in text
    old = client.get(f"/api/v1/verify/{certificate.number}").json()
    assert old["status"] == "replaced"
    page = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert new.number in page
    # The staff page of the new certificate tells the story from the original application.
    history = client.get(f"/en/certification/certificates/{new.public_id}/").content.decode()
    for event in (
        "submitted the application",
        "The committee decided on the application",
        f"Certificate {certificate.number} was issued",
        f"replaced certificate {certificate.number} with a new one",
        f"re-issued certificate {new.number}",
        "Name changed.",
    ):
        assert event in history
    with pytest.raises(ValidationError):
        services.reissue_certificate(certificate=certificate, actor=registrar, reason="Again.")


def test_the_holder_sees_no_staff_history_and_strangers_nothing(client, certificate, stranger):
    url = f"/en/certification/certificates/{certificate.public_id}/"
    client.get(f"/api/v1/verify/{certificate.number}")  # someone checks it
    verification_counts.flush()
    client.force_login(certificate.holder)
    page = client.get(url).content.decode()
    assert certificate.number in page
    assert "Verifications of this certificate" in page
    assert "Nobody has verified this certificate yet." not in page
    assert "Committee decision recorded" not in page
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
