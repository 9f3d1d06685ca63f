import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from muhandis.accounts.models import Employment
from muhandis.accounts.tests.factories import OrganisationFactory
from muhandis.certification import numbers, register, services
from muhandis.certification.models import Certificate, PublicField, Scheme
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
        "scheme_version",
        "status",
        "region",
        "region_name",
        "scope",
        "limitation",
        "valid_from",
        "valid_until",
    }


def _publish(certificate, fields):
    Scheme.objects.filter(pk=certificate.scheme_id).update(public_fields=fields)


def test_the_register_shows_only_what_the_scheme_makes_public(client, certificate):
    _publish(certificate, [PublicField.EMPLOYER])
    holder = certificate.holder
    holder.employer_name = "Suvloyiha"
    holder.save()
    item = client.get("/api/v1/register", {"q": "Karimova"}).json()["items"][0]
    assert set(item) == {
        "number",
        "holder_name_latin",
        "holder_name_cyrillic",
        "scheme",
        "scheme_code",
        "scheme_version",
        "status",
        "employer",
    }
    assert item["employer"] == "Suvloyiha"
    html = client.get("/en/certification/register/", {"q": "Karimova"}).content.decode()
    assert "Employer: Suvloyiha" in html
    assert "until " not in html
    assert "Scope:" not in html


def test_the_employer_shown_is_the_organisation_the_holder_works_for_now(client, certificate):
    _publish(certificate, [PublicField.EMPLOYER])
    organisation = OrganisationFactory(name="Toshkent Suv Loyiha")
    Employment.objects.create(
        person=certificate.holder,
        organisation=organisation,
        relation="employee",
        end_date=datetime.date(2020, 1, 1),
    )
    item = client.get("/api/v1/register", {"q": "Karimova"}).json()["items"][0]
    assert item["employer"] == ""
    Employment.objects.create(
        person=certificate.holder, organisation=organisation, relation="employee"
    )
    item = client.get("/api/v1/register", {"q": "Karimova"}).json()["items"][0]
    assert item["employer"] == "Toshkent Suv Loyiha"


def test_contacts_appear_only_when_the_holder_chose_to_show_them(client, certificate):
    holder = certificate.holder
    holder.phone = "+998901234567"
    holder.save()
    item = client.get("/api/v1/register", {"q": "Karimova"}).json()["items"][0]
    assert "email" not in item
    assert "phone" not in item
    assert (
        holder.email
        not in client.get("/en/certification/register/", {"q": "Karimova"}).content.decode()
    )

    client.force_login(holder)
    form = client.get("/en/profile/").content.decode()
    assert 'name="contact_in_register"' in form
    assert "show my email and phone in the public register" in form.lower()
    data = {
        "name_latin": holder.name_latin,
        "name_cyrillic": holder.name_cyrillic,
        "phone": "+998 90 123 45 67",
        "preferred_language": "en",
        "contact_in_register": "on",
    }
    assert client.post("/en/profile/", data).status_code == 302
    client.logout()
    item = client.get("/api/v1/register", {"q": "Karimova"}).json()["items"][0]
    assert item["email"] == holder.email
    assert item["phone"] == "+998 90 123 45 67"
    html = client.get("/en/certification/register/", {"q": "Karimova"}).content.decode()
    assert f'href="mailto:{holder.email}"' in html

    client.force_login(holder)
    assert client.post("/en/profile/", {**data, "contact_in_register": ""}).status_code == 302
    client.logout()
    item = client.get("/api/v1/register", {"q": "Karimova"}).json()["items"][0]
    assert "email" not in item


def test_the_register_page_lists_a_page_with_few_queries(
    client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert client.get("/en/certification/register/", {"q": "Karimova"}).status_code == 200


def test_registrar_chooses_the_public_fields_of_a_draft_scheme_with_checkboxes(
    client, certificate, registrar
):
    draft = services.new_scheme_version(scheme=certificate.scheme, actor=registrar)
    client.force_login(registrar)
    html = client.get(f"/en/admin/certification/scheme/{draft.pk}/change/").content.decode()
    assert 'type="checkbox" name="public_fields" value="employer"' in html
    assert 'type="checkbox" name="public_fields" value="region"' in html


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


def test_filling_a_benchmark_register_needs_confirmation(schemes):
    with pytest.raises(CommandError, match="--confirm"):
        call_command("bench_certificates", count=5)
    assert not Certificate.objects.exists()


def test_a_long_register_is_paged_without_counting_every_match(
    client, schemes, django_assert_max_num_queries
):
    call_command("bench_certificates", count=60, confirm=True, stdout=io.StringIO())
    assert Certificate.objects.count() == 60
    assert numbers.parse(Certificate.objects.first().number)[1]
    with django_assert_max_num_queries(5) as captured:
        first = client.get("/en/certification/register/", {"q": ""}).content.decode()
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)
    assert first.count('<th scope="row"') == register.PAGE_SIZE
    assert "Page 1" in first
    assert "page=2" in first
    third = client.get("/en/certification/register/", {"q": "", "page": "3"}).content.decode()
    assert third.count('<th scope="row"') == 60 - 2 * register.PAGE_SIZE
    assert "page=4" not in third
    assert "page=2" in third
    odd = client.get("/en/certification/register/", {"page": "x", "q": ""})
    assert "Page 1" in odd.content.decode()


def test_only_a_registrar_sees_the_export_links(client, registrar, engineer):
    url = "/en/certification/register/?q=Karimova"
    assert "/register/export." not in client.get(url).content.decode()
    client.force_login(engineer)
    assert "/register/export." not in client.get(url).content.decode()
    client.force_login(registrar)
    page = client.get(url).content.decode()
    assert "/en/certification/registrar/register/export.csv?q=Karimova" in page
