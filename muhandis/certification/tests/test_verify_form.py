"""The public form where anyone types a certificate number (or scans its QR code)."""

import datetime

import pytest

from muhandis.certification.models import Certificate
from muhandis.certification.numbers import damm, format_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(engineer, level_two):
    return Certificate.objects.create(
        number=format_number(2026, 42),
        holder=engineer,
        scheme=level_two,
        source=Certificate.Source.IMPORT,
        holder_name_latin=engineer.display_name,
        effective_date=datetime.date(2026, 3, 2),
        expiry_date=datetime.date(2099, 3, 1),
    )


def _problem(response) -> str:
    html = response.content.decode()
    start = html.index('id="id_number_errors"')
    return html[start : html.index("</div></div>", start)]


def test_a_number_typed_loosely_leads_to_its_verification_page_in_the_readers_language(
    client, certificate
):
    typed = " " + certificate.number.lower().replace("-", " ") + " "
    response = client.get("/ru/certification/verify/", {"number": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{certificate.number}"
    assert '<html lang="ru"' in client.get(response["Location"]).content.decode()


def test_a_mistyped_check_digit_is_explained_in_the_readers_language(client, certificate):
    wrong = certificate.number[:-1] + str((int(certificate.number[-1]) + 1) % 10)
    response = client.get("/uz/certification/verify/", {"number": wrong})
    assert response.status_code == 400
    assert "oxirgi raqami" in _problem(response)
    assert 'aria-invalid="true"' in response.content.decode()


def test_an_unknown_number_and_a_non_number_are_told_apart(client, certificate):
    unknown = f"MHD-2026-00043-{damm('202600043')}"
    response = client.get("/ru/certification/verify/", {"number": unknown})
    assert "Сертификата с таким номером нет" in _problem(response)
    response = client.get("/en/certification/verify/", {"number": "hello"})
    assert "Numbers look like MHD-2026-00042-7" in _problem(response)


def test_the_empty_form_is_offered_from_the_home_page(client):
    home = client.get("/en/").content.decode()
    assert 'action="/en/certification/verify/"' in home
    page = client.get("/en/certification/verify/")
    assert page.status_code == 200
    assert "Scan the QR code with the camera" in page.content.decode()
