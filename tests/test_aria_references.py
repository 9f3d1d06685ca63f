"""Help and error texts that fields point to (aria-describedby) are on the page, ids unique."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.described_by: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by.extend(attrs["aria-describedby"].split())


def _check(html: str) -> None:
    found = _References()
    found.feed(html)
    assert found.described_by, "the page has fields with help or errors"
    assert sorted({i for i in found.ids if found.ids.count(i) > 1}) == []
    assert sorted(set(found.described_by) - set(found.ids)) == []


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
