"""A damaged PDF signing key never leaves a certificate with an unsigned PDF: the PDF waits,
the administrators are told, staff see it, and once the key is fixed the PDF is made signed."""

import io

import pytest
from django.core import checks
from django.core.management import CommandError, call_command

from muhandis.certification import bulk, services
from muhandis.certification.models import Certificate
from muhandis.core.models import AuditEntry
from muhandis.credentials import pdfsign, selectors
from muhandis.credentials.models import CertificateDocument
from muhandis.credentials.services import keys
from muhandis.credentials.tests.test_signed_pdf import _validate
from tests.visible import read

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_key():
    keys.create_key()
    pdfsign.create_self_signed()
    _cert_path, key_path = pdfsign._paths()
    key_path.write_bytes(b"-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
    return key_path


@pytest.fixture
def administrator(administrator):
    """The association's administrator, who reads email in English."""
    administrator.preferred_language = "en"
    administrator.save(update_fields=["preferred_language"])
    return administrator


@pytest.fixture
def granted(
    broken_key,
    assessed_application,
    committee_member,
    second_member,
    administrator,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        for member in (committee_member, second_member):
            services.cast_vote(
                application=assessed_application,
                actor=member,
                outcome="grant",
                reasons="Competent.",
            )
    return Certificate.objects.get()


def test_a_certificate_granted_with_a_broken_key_waits_for_its_pdf(
    granted, broken_key, administrator, mailoutbox
):
    assert not CertificateDocument.objects.exists()
    assert list(selectors.certificates_without_document()) == [granted]
    held = AuditEntry.objects.get(action="credentials.document.held")
    assert held.target_id == str(granted.pk)
    assert granted.credential.jwt  # the verifiable credential has its own key and is issued
    (message,) = [m for m in mailoutbox if m.to == [administrator.email]]
    assert "Certificate PDFs cannot be signed" in message.subject
    assert "The PDF of 1 certificate has not been made" in message.body
    assert str(broken_key) in message.body
    assert "manage.py make_missing_documents" in message.body


def test_the_administrators_are_told_once_not_at_every_attempt(granted, administrator, mailoutbox):
    told = len(mailoutbox)
    with pytest.raises(CommandError):
        call_command("make_missing_documents")
    assert len(mailoutbox) == told


def test_while_the_key_is_broken_the_command_fails_and_the_pdf_still_waits(granted):
    with pytest.raises(CommandError, match="The PDFs still wait: The PDF signing key"):
        call_command("make_missing_documents")
    assert not CertificateDocument.objects.exists()


def test_once_the_key_is_fixed_the_waiting_pdf_is_made_and_signed(granted):
    pdfsign.create_self_signed()
    out = io.StringIO()
    call_command("make_missing_documents", stdout=out)
    assert "Certificate PDFs made: 1." in out.getvalue()
    document = CertificateDocument.objects.get(certificate=granted)
    with document.file.open("rb") as handle:
        status = _validate(handle.read())
    assert status.intact
    assert status.valid
    assert status.trusted
    assert not selectors.certificates_without_document().exists()


def test_an_import_with_a_broken_key_stores_no_unsigned_pdf_and_its_task_fails(
    broken_key, schemes, registrar, administrator, mailoutbox, django_capture_on_commit_callbacks
):
    from muhandis.credentials import tasks

    content = (
        b"email,name_latin,region,scheme,effective_date\n"
        b"bekzod@pilot.uz,Bekzod Aliyev,UZ-SA,CE-WSS-II,2024-03-01\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        (imported,) = bulk.import_certificates(
            content=content, filename="pilot.csv", actor=registrar
        ).certificates
    assert not CertificateDocument.objects.exists()
    assert AuditEntry.objects.filter(action="credentials.document.held").count() == 1
    assert [m.to for m in mailoutbox if "cannot be signed" in m.subject] == [[administrator.email]]
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.make_documents.enqueue([imported.pk])
    assert result.status == "FAILED"
    assert result.errors[0].exception_class_path.endswith("SigningUnavailable")
    pdfsign.create_self_signed()
    assert tasks.make_missing_documents.enqueue().return_value == 1
    assert CertificateDocument.objects.filter(certificate=imported).exists()


def test_the_system_check_warns_while_the_key_cannot_be_used(settings, broken_key):
    (warning,) = [m for m in checks.run_checks() if m.id == "credentials.W001"]
    assert warning.level == checks.WARNING
    assert str(broken_key) in warning.msg
    assert "make_missing_documents" in warning.hint
    pdfsign.create_self_signed()
    assert not [m for m in checks.run_checks() if m.id == "credentials.W001"]


def test_staff_see_on_the_certificate_page_that_its_pdf_waits_and_why(
    client, granted, registrar, broken_key
):
    client.force_login(registrar)
    html = client.get(f"/en/certification/certificates/{granted.public_id}/").content.decode()
    text, links = read(html)
    assert "The PDF of this certificate has not been made yet." in text
    assert str(broken_key) in text
    assert "Download the PDF certificate" not in links
    client.force_login(granted.holder)
    html = client.get(f"/en/certification/certificates/{granted.public_id}/").content.decode()
    text, _links = read(html)
    assert "Your PDF certificate is being prepared" in text
    assert str(broken_key) not in text


@pytest.fixture
def broken_issuer_key():
    key = keys.create_key()
    keys._key_file(key.key_id).write_bytes(b"-----BEGIN PRIVATE KEY-----\nbm9\n")
    keys._private_key.cache_clear()
    return key


def test_a_damaged_issuer_key_neither_stops_a_grant_nor_loses_the_credential(
    broken_issuer_key, assessed_application, committee_member, second_member
):
    pdfsign.create_self_signed()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    certificate = Certificate.objects.get()
    assert certificate.document.sha256
    assert list(selectors.certificates_without_credential()) == [certificate]
    (warning,) = [m for m in checks.run_checks(databases=["default"]) if m.id == "credentials.W002"]
    assert "The signing key cannot be read" in warning.msg
    keys.create_key(reason="the previous private key was damaged")
    call_command("make_missing_documents", stdout=io.StringIO())
    certificate.refresh_from_db()
    assert certificate.credential.jwt
    assert not [m for m in checks.run_checks(databases=["default"]) if m.id == "credentials.W002"]
