"""Who the public directory shows: member firms in good standing whose type carries the
listing, and engineers who opted in."""

import pytest
from django.urls import reverse

from tests.visible import read

from .factories import certificate, listed_engineer, member_firm

pytestmark = pytest.mark.django_db


def _firms_page(client, **params):
    return read(client.get(reverse("directory:firms"), params).content.decode())[0]


def test_member_firm_in_good_standing_is_listed(client):
    member_firm("Suvloyiha MChJ", status="current")
    member_firm("Grace Quruvchi", status="grace")
    member_firm("Yangi Loyiha", status="new")
    text = _firms_page(client)
    assert "Suvloyiha MChJ" in text
    assert "Grace Quruvchi" in text
    assert "Yangi Loyiha" in text


@pytest.mark.parametrize("status", ["pending", "awaiting_payment", "expired", "cancelled"])
def test_firm_whose_membership_is_not_in_good_standing_is_not_listed(client, status):
    member_firm("Lapsed Quruvchi", status=status)
    assert "Lapsed Quruvchi" not in _firms_page(client)


def test_firm_whose_membership_type_has_no_listing_is_not_listed(client):
    firm = member_firm("Hidden Quruvchi", listing=False)
    assert "Hidden Quruvchi" not in _firms_page(client)
    response = client.get(reverse("directory:firm", args=[firm.public_id]))
    assert response.status_code == 404


def test_firm_without_membership_is_not_listed(client):
    from muhandis.accounts.tests.factories import OrganisationFactory
    from muhandis.directory.models import FirmProfile

    firm = OrganisationFactory(name="Outsider MChJ")
    FirmProfile.objects.create(organisation=firm, search_key="outsider mchj")
    assert "Outsider MChJ" not in _firms_page(client)


def test_firm_page_shows_profile_and_valid_certificates_of_current_staff(client):
    from muhandis.accounts.models import Employment
    from muhandis.accounts.tests.factories import UserFactory

    firm = member_firm(
        "Suvloyiha MChJ",
        services_en="Design of water networks",
        website="https://suvloyiha.example.uz",
        sectors=("water", "design"),
    )
    current = UserFactory(given_name="Gulnora", family_name="Yusupova")
    former = UserFactory(given_name="Akmal", family_name="Rashidov")
    suspended = UserFactory(given_name="Rustam", family_name="Nazarov")
    expired = UserFactory(given_name="Feruza", family_name="Aliyeva")
    for person in (current, suspended, expired):
        Employment.objects.create(person=person, organisation=firm, relation="employee")
    Employment.objects.create(
        person=former, organisation=firm, relation="employee", end_date="2020-01-01"
    )
    valid = certificate(current)
    certificate(former)
    certificate(suspended, status="suspended")
    certificate(expired, expired=True)

    response = client.get(reverse("directory:firm", args=[firm.public_id]))
    text = read(response.content.decode())[0]
    assert "Design of water networks" in text
    assert "Water supply and sanitation" in text
    assert "Small (10–49 people)" in text
    assert "Gulnora Yusupova" in text
    assert valid.number in text
    assert f'href="/verify/{valid.number}"' in response.content.decode()
    for hidden in ("Akmal", "Rustam", "Feruza"):
        assert hidden not in text


def test_engineer_who_opted_in_is_listed_and_opting_out_hides_at_once(client):
    listing = listed_engineer(given_name="Dilnoza", family_name="Karimova", mentoring=True)
    listed_engineer(given_name="Hidden", family_name="Person", listed=False)
    text = read(client.get(reverse("directory:engineers")).content.decode())[0]
    assert "Dilnoza Karimova" in text
    assert "Open to mentoring" in text
    assert "Hidden Person" not in text

    client.force_login(listing.person)
    client.post(reverse("directory:my_listing"), {"action": "withdraw"})
    client.logout()
    text = read(client.get(reverse("directory:engineers")).content.decode())[0]
    assert "Dilnoza Karimova" not in text


def test_engineer_card_shows_only_valid_certificates(client):
    listing = listed_engineer(given_name="Dilshod", family_name="Tursunov")
    valid = certificate(listing.person)
    withdrawn = certificate(listing.person, status="withdrawn")
    text = read(client.get(reverse("directory:engineers")).content.decode())[0]
    assert valid.number in text
    assert withdrawn.number not in text


def test_anonymised_or_inactive_engineer_is_not_listed(client):
    from django.utils import timezone

    gone = listed_engineer(given_name="Gone", family_name="Person")
    gone.person.anonymised_at = timezone.now()
    gone.person.save()
    off = listed_engineer(given_name="Inactive", family_name="Person")
    off.person.is_active = False
    off.person.save()
    text = read(client.get(reverse("directory:engineers")).content.decode())[0]
    assert "Gone Person" not in text
    assert "Inactive Person" not in text
