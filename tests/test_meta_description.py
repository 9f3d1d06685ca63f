"""Each page describes itself to search engines and link previews, in the reader's language."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _description(client, url: str) -> str:
    html = client.get(url).content.decode()
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, url
    return found[0]


def test_public_pages_have_their_own_description_in_the_readers_language(client):
    pages = ("/", "/certification/register/", "/certification/verify/", "/certification/schemes/")
    for language in ("uz", "ru", "en"):
        descriptions = [_description(client, f"/{language}{page}") for page in pages]
        assert len(set(descriptions)) == len(pages), language
        assert all(40 < len(text) <= 300 for text in descriptions)
    assert "реестр" in _description(client, "/ru/certification/register/")
    assert "reyestr" in _description(client, "/uz/")


def test_a_page_without_its_own_description_has_the_sites(client):
    assert "Muhandis" in _description(client, "/en/account/login/")
