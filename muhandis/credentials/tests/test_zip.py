"""Certificates imported in bulk get their PDFs in the background; a registrar downloads all
PDFs of a scheme as one ZIP."""

import io
import zipfile

import pytest

from muhandis.certification import bulk
from muhandis.certification.models import Certificate
from muhandis.core.models import AuditEntry
from muhandis.credentials.models import CertificateDocument

pytestmark = pytest.mark.django_db

ZIP = "/credentials/schemes/CE-WSS-II/certificates.zip"
HEADER = "email,name_latin,name_cyrillic,region,scheme,effective_date\n"


def _import(registrar, *rows: str):
    content = (HEADER + "".join(f"{row}\n" for row in rows)).encode()
    return bulk.import_certificates(content=content, filename="pilot.csv", actor=registrar)


@pytest.fixture
def with_pdf(schemes, registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = _import(
            registrar, "bekzod@pilot.uz,Bekzod Aliyev,Бекзод Алиев,UZ-SA,CE-WSS-II,2024-03-01"
        )
    return result.certificates[0]


def test_an_import_draws_pdfs_only_after_commit_in_background_tasks(
    schemes, registrar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        result = _import(
            registrar,
            "bekzod@pilot.uz,Bekzod Aliyev,,UZ-SA,CE-WSS-II,2024-03-01",
            "nodira@pilot.uz,Nodira Rahimova,,UZ-TK,CE-WSS-II,2024-04-01",
        )
        assert CertificateDocument.objects.count() == 0
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    documents = CertificateDocument.objects.select_related("certificate")
    assert {d.certificate.number for d in documents} == {c.number for c in result.certificates}
    assert {d.language for d in documents} == {"uz"}


def test_the_zip_holds_each_pdf_by_number_and_lists_those_without_one(
    client, with_pdf, registrar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        without = _import(registrar, "nodira@pilot.uz,Nodira Rahimova,,UZ-TK,CE-WSS-II,2024-04-01")
    without = without.certificates[0]
    client.force_login(registrar)
    response = client.get(ZIP, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [f"{with_pdf.number}.pdf", "README.txt"]
    with with_pdf.document.file.open("rb") as stored:
        assert archive.read(f"{with_pdf.number}.pdf") == stored.read()
    readme = archive.read("README.txt").decode()
    assert f"{without.number}\tNodira Rahimova" in readme
    assert with_pdf.number not in readme
    assert readme.startswith("Certificates of scheme CE-WSS-II without a PDF (number, holder):")
    assert AuditEntry.objects.filter(action="credentials.documents.exported").exists()


def test_a_zip_of_a_scheme_where_every_certificate_has_its_pdf(client, with_pdf, registrar):
    client.force_login(registrar)
    response = client.get(ZIP, headers={"accept-language": "en"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"{with_pdf.number}.pdf", "README.txt"]
    assert Certificate.objects.count() == 1


def test_an_unknown_scheme_is_not_found(client, registrar):
    client.force_login(registrar)
    assert client.get("/credentials/schemes/NO-SUCH/certificates.zip").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(ZIP)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_people_without_the_registrar_role_are_refused(client, engineer, committee_member):
    for person in (engineer, committee_member):
        client.force_login(person)
        assert client.get(ZIP).status_code == 403


def test_the_registrar_finds_the_zip_on_the_scheme_page(client, with_pdf, registrar):
    client.force_login(registrar)
    page = client.get(f"/en/certification/schemes/{with_pdf.scheme.public_id}/").content.decode()
    assert ZIP in page
