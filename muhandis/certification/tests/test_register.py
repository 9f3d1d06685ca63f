import pytest

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.core.transliteration import search_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):
    candidate = assessed_application.candidate
    candidate.name_latin = "Dilnoza Karimova"
    candidate.name_cyrillic = "Дилноза Каримова"
    candidate.save()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return Certificate.objects.get()


@pytest.mark.parametrize("query", ["Karimova", "каримова", "КАРИМОВА", "dilnoza karim"])
def test_latin_or_cyrillic_spelling_finds_the_same_person(client, certificate, query):
    body = client.get("/api/v1/register", {"q": query}).json()
    assert [item["number"] for item in body["items"]] == [certificate.number]


def test_the_register_page_searches_by_number_scheme_and_status(client, certificate, registrar):
    html = client.get(
        "/en/certification/register/", {"q": certificate.number.lower()}
    ).content.decode()
    assert "Dilnoza Karimova" in html
    assert "Дилноза Каримова" in html
    html = client.get("/en/certification/register/", {"status": "suspended"}).content.decode()
    assert "Dilnoza Karimova" not in html
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Audit."
    )
    html = client.get("/en/certification/register/", {"status": "suspended"}).content.decode()
    assert "Dilnoza Karimova" in html


def test_the_register_shows_nothing_personal_beyond_the_public_fields(client, certificate):
    item = client.get("/api/v1/register", {"q": "Karimova"}).json()["items"][0]
    assert set(item) == {
        "number",
        "holder_name_latin",
        "holder_name_cyrillic",
        "scheme",
        "scheme_code",
        "region",
        "status",
        "valid_until",
        "limitation",
    }


@pytest.mark.parametrize("query", ["%", "_", "' OR 1=1 --", "<script>", "ʻʼ", "x" * 100])
def test_odd_characters_never_break_the_search(client, certificate, query):
    assert client.get("/api/v1/register", {"q": query}).status_code == 200
    assert client.get("/en/certification/register/", {"q": query}).status_code == 200


def test_public_endpoints_answer_429_with_retry_after_past_the_limit(client, certificate, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 3
    for _ in range(3):
        assert client.get(f"/api/v1/verify/{certificate.number}").status_code == 200
    refused = client.get(f"/api/v1/verify/{certificate.number}")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["error"]["code"] == "rate_limited"
    for _ in range(3):
        client.get("/en/certification/register/")
    page = client.get("/en/certification/register/")
    assert page.status_code == 429
    assert page["Retry-After"]


def test_search_keys_meet_across_scripts():
    assert search_key("Каримова Дилноза") == search_key("Karimova Dilnoza")
    assert search_key("Qoʻchqorov") == search_key("Qochqorov")
    assert search_key("Ҳамроқулов") == search_key("Hamroqulov")
