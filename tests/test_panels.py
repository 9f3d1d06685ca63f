"""Sections other apps add to certification's pages reach a person as links and tables, not as
markup printed in the text."""

import pytest

from muhandis.certification.tests.conftest import (  # noqa: F401
    accepted_application,
    assessed_application,
    complete_application,
    level_two,
    schemes,
    second_member,
)
from muhandis.credentials.tests.conftest import record  # noqa: F401
from tests.visible import read

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(record):  # noqa: F811
    return record.certificate


def _no_markup(text: str) -> None:
    for mark in ("<", ">", "&lt;", "&gt;", "&amp;", "&quot;", "&#"):
        assert mark not in text


def test_the_verification_page_offers_the_credential_and_a_complaint_as_links(client, certificate):
    html = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en").content
    text, links = read(html.decode())
    _no_markup(text)
    assert "Digital credential of this certificate:" in text
    assert links["JSON-LD"].endswith(f"/certificates/{certificate.public_id}.json")
    assert "VC-JWT" in links
    assert links["Check a credential"].endswith("/credentials/check/")
    assert links["Complain about this engineer"].endswith(f"/complaints/new/{certificate.number}/")


def test_each_register_result_offers_a_complaint_as_a_link(client, certificate):
    html = client.get("/en/certification/register/", {"q": certificate.number}).content
    text, links = read(html.decode())
    _no_markup(text)
    assert certificate.number in text
    assert links["Complain about this engineer"].endswith(f"/complaints/new/{certificate.number}/")


def test_the_staff_certificate_page_shows_the_credential_and_the_cpd_table(
    client, certificate, registrar
):
    client.force_login(registrar)
    html = client.get(f"/en/certification/certificates/{certificate.public_id}/").content
    text, links = read(html.decode())
    _no_markup(text)
    assert "Digital credential" in text
    assert "Download (JSON-LD)" in links
    assert "Download (VC-JWT)" in links
    assert "Continuing professional development" in text
    assert "Category Verified Waiting Minimum" in text
