"""Help and error texts that fields point to (aria-describedby) are on the page, ids unique."""

import pytest
from django.urls import reverse

from tests.visible import check_references

pytestmark = pytest.mark.django_db


def _check(html: str) -> None:
    check_references(html)


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("accounts:audit", {}),
        ("accounts:audit", {"date_from": "2026-02-02", "date_to": "2026-01-01"}),
        ("exams:bank_list", {}),
        ("exams:analysis_bank", {"since": "not a date", "until": "nor this"}),
    ],
)
def test_every_description_a_field_names_is_on_the_page(client, registrar, url, query):
    client.force_login(registrar)
    response = client.get("/en" + reverse(url)[3:], query)
    _check(response.content.decode())
