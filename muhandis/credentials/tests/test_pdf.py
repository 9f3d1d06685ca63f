import hashlib
import io

import pytest
from pypdf import PdfReader

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.credentials.models import CertificateDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):
    candidate = assessed_application.candidate
    candidate.name_latin = "Dilnoza Karimova"
    candidate.name_cyrillic = "Дилноза Каримова"
    candidate.preferred_language = "uz"
    candidate.save()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return Certificate.objects.get()


def _read(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def _text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_is_made_once_at_issue_and_stored_with_its_hash(certificate):
    document = CertificateDocument.objects.get(certificate=certificate)
    content = _read(document)
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == document.sha256
    text = _text(content)
    assert certificate.number in text
    assert "Dilnoza Karimova" in text
    assert "Дилноза Каримова" in text
    assert "boʻyicha" in text  # Uzbek Latin with its turned comma, in the holder's language
    assert f"/verify/{certificate.number}" in text


def test_later_profile_changes_do_not_change_the_issued_document(certificate):
    before = CertificateDocument.objects.get(certificate=certificate).sha256
    holder = certificate.holder
    holder.name_latin = "Someone Else"
    holder.save()
    from muhandis.credentials.services.documents import make_certificate_document

    assert make_certificate_document(certificate=certificate).sha256 == before


def test_holder_downloads_the_pdf_others_cannot(client, certificate, employer):
    url = f"/credentials/certificates/{certificate.public_id}.pdf"
    client.force_login(certificate.holder)
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == response["X-Content-SHA256"]
    client.force_login(employer)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_the_pdf_speaks_russian_for_a_russian_speaker(
    assessed_application, committee_member, second_member
):
    candidate = assessed_application.candidate
    candidate.preferred_language = "ru"
    candidate.save()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    document = CertificateDocument.objects.get()
    assert document.language == "ru"
    assert "водоснабжения" in _text(_read(document))


def _grant(application, members):
    for member in members:
        services.cast_vote(application=application, actor=member, outcome="grant", reasons="Ok.")
    return Certificate.objects.get(decision__application=application)


def test_a_candidate_may_ask_for_a_bilingual_certificate(
    assessed_application, committee_member, second_member
):
    assessed_application.certificate_language = "uz-ru"
    assessed_application.save()
    certificate = _grant(assessed_application, (committee_member, second_member))
    assert certificate.language == "uz-ru"
    text = _text(_read(CertificateDocument.objects.get(certificate=certificate)))
    # The same facts in Uzbek and in Russian, including the scheme's own title.
    assert "Sertifikat" in text
    assert "Сертификат" in text
    assert "Oʻzbekiston maslahatchi muhandislar assotsiatsiyasi" in text
    assert "Ассоциация инженеров-консультантов Узбекистана" in text
    assert "водоснабжения" in text


def test_an_english_certificate_for_use_abroad_names_the_association_from_settings(
    settings, assessed_application, committee_member, second_member
):
    settings.ASSOCIATION_NAME = {**settings.ASSOCIATION_NAME, "en": "Engineers Association X"}
    assessed_application.certificate_language = "en"
    assessed_application.save()
    certificate = _grant(assessed_application, (committee_member, second_member))
    text = _text(_read(CertificateDocument.objects.get(certificate=certificate)))
    assert "Engineers Association X" in text
    assert "This certifies that" in text
    assert "Сертификат" not in text
