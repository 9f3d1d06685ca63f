import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from muhandis.certification import services
from muhandis.credentials.reasons import REASONS

pytestmark = pytest.mark.django_db


def test_the_holder_downloads_both_formats_from_the_certificate_page(client, record):
    certificate = record.certificate
    client.force_login(certificate.holder)
    page = client.get(f"/en/certification/certificates/{certificate.public_id}/").content.decode()
    assert "Download (JSON-LD)" in page
    document = client.get(f"/credentials/certificates/{certificate.public_id}.json")
    assert document["Content-Type"].startswith("application/vc+ld+json")
    assert json.loads(document.content) == record.document
    token = client.get(f"/credentials/certificates/{certificate.public_id}.jwt")
    assert token["Content-Type"] == "application/vc+jwt"
    assert token.content.decode() == record.jwt


def test_anyone_checks_a_credential_file_and_sees_each_check_in_their_language(client, record):
    upload = SimpleUploadedFile("c.json", json.dumps(record.document).encode())
    page = client.post("/en/credentials/check/", {"file": upload}).content.decode()
    assert "The credential is genuine and in force." in page
    for name in ("Signature", "Issuer", "Dates of validity", "Not withdrawn", "Not suspended"):
        assert name in page
    tampered = json.loads(json.dumps(record.document))
    tampered["credentialSubject"]["licenseNumber"] = "MHD-2026-00002-0"
    page = client.post("/ru/credentials/check/", {"text": json.dumps(tampered)}).content.decode()
    with translation.override("ru"):
        changed = str(REASONS["bad_signature"])
    assert changed != "The signature does not match: the credential was changed after signing."
    assert changed in page


def test_a_suspended_certificate_shows_as_suspended_to_the_checker(client, record, registrar):
    from muhandis.credentials.services import issuing

    services.change_certificate_status(
        certificate=record.certificate, actor=registrar, action="suspend", reason="Audit."
    )
    record.certificate.refresh_from_db()
    issuing.sync_status(record.certificate)
    page = client.post("/en/credentials/check/", {"text": record.jwt}).content.decode()
    assert "The certificate is suspended." in page
    assert "did not pass every check" in page


def test_nothing_to_check_or_a_huge_file_is_explained(client):
    response = client.post("/en/credentials/check/", {})
    assert response.status_code == 400
    assert "Choose a credential file or paste its text." in response.content.decode()
    big = SimpleUploadedFile("big.json", b"{" + b" " * (300 * 1024) + b"}")
    response = client.post("/en/credentials/check/", {"file": big})
    assert "too large" in response.content.decode()
    assert (
        client.get(
            "/credentials/certificates/00000000-0000-0000-0000-000000000000.json"
        ).status_code
        == 404
    )
