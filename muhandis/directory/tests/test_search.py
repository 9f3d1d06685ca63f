"""Searching the directory by a name in Latin or Cyrillic letters, with filters, a page at a
time, in a bounded number of queries."""

import pytest
from django.urls import reverse

from tests.visible import read

from .factories import certificate, listed_engineer, member_firm, published_area

pytestmark = pytest.mark.django_db


def _text(client, name, **params):
    return read(client.get(reverse(name), params).content.decode())[0]


def test_firm_found_by_a_fragment_of_its_name_in_latin_or_cyrillic(client):
    member_firm("Suvloyiha MChJ")
    member_firm("Qurilish Invest")
    for typed in ("suvloy", "SUVLOYIHA", "Сувлойиҳа", "сувлой"):
        text = _text(client, "directory:firms", q=typed)
        assert "Suvloyiha MChJ" in text, typed
        assert "Qurilish Invest" not in text, typed


def test_engineer_found_by_name_in_either_script_and_any_order(client):
    listed_engineer(given_name="Dilnoza", family_name="Karimova", name_cyrillic="Дилноза Каримова")
    listed_engineer(given_name="Bobur", family_name="Rahimov")
    for typed in ("karimova", "Каримова", "Karimova Dilnoza", "дилн"):
        text = _text(client, "directory:engineers", q=typed)
        assert "Dilnoza Karimova" in text, typed
        assert "Bobur Rahimov" not in text, typed


def test_firms_filtered_by_sector_region_size_and_area(client):
    from muhandis.accounts.models import Region

    area = published_area()
    water = member_firm("Suv Servis", sectors=("water",), size_band="micro", region_code="UZ-SA")
    water.directory_profile.areas.add(area)
    builder = member_firm("Qurilish Invest", sectors=("construction",), region_code="UZ-TK")
    builder.directory_profile.regions_served.add(Region.objects.get(code="UZ-SA"))

    assert "Suv Servis" in _text(client, "directory:firms", sector="water")
    assert "Qurilish Invest" not in _text(client, "directory:firms", sector="water")
    # A firm based in a region or serving it.
    text = _text(client, "directory:firms", region="UZ-SA")
    assert "Suv Servis" in text
    assert "Qurilish Invest" in text
    assert "Suv Servis" not in _text(client, "directory:firms", region="UZ-TK")
    assert "Qurilish Invest" not in _text(client, "directory:firms", size_band="micro")
    text = _text(client, "directory:firms", area=area.pk)
    assert "Suv Servis" in text
    assert "Qurilish Invest" not in text
    # A name and a filter together.
    assert "Suv Servis" not in _text(client, "directory:firms", q="suv", sector="construction")


def test_engineers_filtered_by_region_language_area_mentoring_and_certificate(client):
    area = published_area()
    mentor = listed_engineer(
        given_name="Nodira",
        family_name="Yusupova",
        languages=("uz", "ru"),
        mentoring=True,
        areas=(area,),
        region_code="UZ-SA",
    )
    listed_engineer(given_name="Timur", family_name="Saidov", languages=("kk",))
    certificate(mentor.person)

    def found(**params):
        text = _text(client, "directory:engineers", **params)
        return {name for name in ("Nodira Yusupova", "Timur Saidov") if name in text}

    assert found(region="UZ-SA") == {"Nodira Yusupova"}
    assert found(language="kk") == {"Timur Saidov"}
    assert found(language="ru") == {"Nodira Yusupova"}
    assert found(area=area.pk) == {"Nodira Yusupova"}
    assert found(mentoring="on") == {"Nodira Yusupova"}
    assert found(certified="on") == {"Nodira Yusupova"}
    assert found() == {"Nodira Yusupova", "Timur Saidov"}


def test_a_filter_that_does_not_parse_is_explained_and_the_rest_still_apply(client):
    member_firm("Suvloyiha MChJ")
    response = client.get(reverse("directory:firms"), {"q": "suv", "region": "XX-99", "page": "x"})
    assert response.status_code == 200
    text = read(response.content.decode())[0]
    assert "Suvloyiha MChJ" in text
    assert "Select a valid choice" in text


def test_list_pages_are_25_cards_and_link_to_the_next(client):
    for n in range(27):
        member_firm(f"Firm {n:02d}")
    first = _text(client, "directory:firms")
    assert "Firm 24" in first
    assert "Firm 25" not in first
    assert "Next" in first
    second = _text(client, "directory:firms", page=2)
    assert "Firm 25" in second
    assert "Firm 26" in second
    assert "Previous" in second


def test_firm_list_page_stays_within_ten_queries(client, django_assert_max_num_queries):
    area = published_area()
    for n in range(30):
        firm = member_firm(f"Firm {n:02d}", sectors=("water", "design"))
        firm.directory_profile.areas.add(area)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("directory:firms"), {"q": "firm", "sector": "water"})
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        client.get(reverse("directory:firms"))


def test_engineer_list_page_stays_within_ten_queries(client, django_assert_max_num_queries):
    area = published_area()
    for n in range(30):
        listing = listed_engineer(given_name=f"Eng{n}", languages=("uz", "ru"), areas=(area,))
        certificate(listing.person)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("directory:engineers"), {"q": "eng", "certified": "on"})
    assert response.status_code == 200
    assert read(response.content.decode())[0].count("T-0") == 25


def test_firm_page_stays_within_ten_queries(client, django_assert_max_num_queries):
    from muhandis.accounts.models import Employment
    from muhandis.accounts.tests.factories import UserFactory

    firm = member_firm("Suvloyiha MChJ")
    for _ in range(10):
        person = UserFactory()
        Employment.objects.create(person=person, organisation=firm, relation="employee")
        certificate(person)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("directory:firm", args=[firm.public_id]))
    assert response.status_code == 200
