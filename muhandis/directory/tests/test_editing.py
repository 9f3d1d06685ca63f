"""A firm's profile is edited by its representatives and by staff, never by another firm's
representative or a stranger; each engineer keeps their own listing."""

import io

import pytest
from django.urls import reverse

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.directory.models import EngineerListing, FirmProfile
from tests.visible import read

from .factories import listed_engineer, member_firm, published_area

pytestmark = pytest.mark.django_db


def _profile_post(**extra):
    data = {
        "description_uz": "Suv tarmoqlarini loyihalash.",
        "description_ru": "Проектирование водопроводных сетей.",
        "description_en": "Design of water networks.",
        "services_en": "Feasibility studies",
        "sectors": ["water", "design"],
        "regions_served": [],
        "website": "https://suvloyiha.example.uz",
        "email": "info@suvloyiha.example.uz",
        "phone": "",
    }
    return data | extra


def test_representative_saves_the_profile_in_three_languages(client):
    firm = member_firm("Suvloyiha MChJ", profile=False)
    area = published_area()
    client.force_login(firm.representative)
    response = client.post(
        reverse("directory:firm_edit", args=[firm.public_id]), _profile_post(areas=[area.pk])
    )
    assert response.status_code == 302
    profile = FirmProfile.objects.get(organisation=firm)
    assert profile.description_ru == "Проектирование водопроводных сетей."
    assert sorted(s.sector for s in profile.sectors.all()) == ["design", "water"]
    assert list(profile.areas.all()) == [area]
    assert profile.search_key == "suvloyiha mchj"
    assert AuditEntry.objects.filter(action="directory.firm.profile_saved").exists()
    page = client.get(f"/ru/directory/firms/{firm.public_id}/")
    assert "Проектирование водопроводных сетей." in read(page.content.decode())[0]


def test_representative_of_another_firm_is_refused_with_a_clear_message_and_audited(client):
    mine = member_firm("Qurilish Invest")
    theirs = member_firm("Suvloyiha MChJ")
    client.force_login(mine.representative)
    url = reverse("directory:firm_edit", args=[theirs.public_id])
    response = client.post(url, _profile_post(description_en="Taken over"))
    assert response.status_code == 403
    text = read(response.content.decode())[0]
    assert "You represent Qurilish Invest, not Suvloyiha MChJ" in text
    assert not FirmProfile.objects.get(organisation=theirs).description_en
    refusal = AuditEntry.objects.get(action="directory.firm.edit_refused")
    assert refusal.actor == mine.representative
    assert client.get(url).status_code == 403


def test_stranger_is_refused_on_the_firm_edit_page(client):
    firm = member_firm("Suvloyiha MChJ")
    url = reverse("directory:firm_edit", args=[firm.public_id])
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    client.force_login(make_person(Role.ENGINEER))
    response = client.get(url)
    assert response.status_code == 403
    assert "Only the representatives of Suvloyiha MChJ" in read(response.content.decode())[0]


def test_former_representative_is_refused(client):
    firm = member_firm("Suvloyiha MChJ")
    firm.representative.employments.update(end_date="2024-01-01")
    client.force_login(firm.representative)
    assert client.get(reverse("directory:firm_edit", args=[firm.public_id])).status_code == 403


def test_registrar_edits_any_firm(client):
    firm = member_firm("Suvloyiha MChJ")
    client.force_login(make_person(Role.REGISTRAR, two_factor=True))
    url = reverse("directory:firm_edit", args=[firm.public_id])
    assert client.get(url).status_code == 200
    assert client.post(url, _profile_post()).status_code == 302


def test_bad_input_is_explained_and_kept(client):
    firm = member_firm("Suvloyiha MChJ")
    client.force_login(firm.representative)
    response = client.post(
        reverse("directory:firm_edit", args=[firm.public_id]),
        _profile_post(website="not a site", phone="12", description_en="Kept text"),
    )
    assert response.status_code == 400
    text = read(response.content.decode())[0]
    assert "Enter a valid URL" in text
    assert "Kept text" in response.content.decode()


def test_saving_recomputes_the_search_key_after_a_rename(client):
    firm = member_firm("Old Name MChJ")
    firm.name = "Yangi Suv MChJ"
    firm.save()
    client.force_login(firm.representative)
    client.post(reverse("directory:firm_edit", args=[firm.public_id]), _profile_post())
    text = read(client.get(reverse("directory:firms"), {"q": "Янги сув"}).content.decode())[0]
    assert "Yangi Suv MChJ" in text


def test_refresh_command_recomputes_stale_keys(client):
    from django.core.management import call_command

    firm = member_firm("Old Name MChJ")
    listing = listed_engineer(given_name="Old", family_name="Name")
    firm.name = "Renamed Firm"
    firm.save()
    listing.person.family_name = "Karimova"
    listing.person.save()
    out = io.StringIO()
    call_command("refresh_directory", stdout=out)
    assert "1 firms, 1 engineers" in out.getvalue()
    assert FirmProfile.objects.get(organisation=firm).search_key == "renamed firm"
    assert "karimova" in EngineerListing.objects.get(pk=listing.pk).search_key


def test_engineer_opts_in_and_out(client):
    person = make_person(Role.ENGINEER, given_name="Dilnoza", family_name="Karimova")
    client.force_login(person)
    assert client.get(reverse("directory:my_listing")).status_code == 200
    response = client.post(
        reverse("directory:my_listing"),
        {
            "action": "save",
            "bio": "Water networks",
            "region": "",
            "languages": ["uz", "kk"],
            "open_to_mentoring": "on",
        },
    )
    assert response.status_code == 302
    listing = EngineerListing.objects.get(person=person)
    assert listing.is_listed
    assert listing.open_to_mentoring
    assert sorted(lang.language for lang in listing.languages.all()) == ["kk", "uz"]
    client.post(reverse("directory:my_listing"), {"action": "withdraw"})
    listing.refresh_from_db()
    assert not listing.is_listed
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"directory.listing.saved", "directory.listing.withdrawn"} <= actions


def test_listing_without_a_language_is_explained(client):
    client.force_login(make_person(Role.ENGINEER))
    response = client.post(
        reverse("directory:my_listing"), {"action": "save", "bio": "Kept bio text"}
    )
    assert response.status_code == 400
    assert "Choose at least one language you speak." in read(response.content.decode())[0]
    assert "Kept bio text" in response.content.decode()
    assert not EngineerListing.objects.exists()


def test_my_listing_links_to_the_firms_one_represents(client):
    firm = member_firm("Suvloyiha MChJ")
    client.force_login(firm.representative)
    text = read(client.get(reverse("directory:my_listing")).content.decode())[0]
    assert "Edit the directory profile of Suvloyiha MChJ" in text


def test_phone_is_kept_in_one_form_and_a_wrong_one_explained(client):
    firm = member_firm("Suvloyiha MChJ")
    client.force_login(firm.representative)
    url = reverse("directory:firm_edit", args=[firm.public_id])
    response = client.post(url, _profile_post(phone="12345"))
    assert response.status_code == 400
    assert "This is not a phone number" in read(response.content.decode())[0]
    client.post(url, _profile_post(phone="71 200 01 01"))
    assert FirmProfile.objects.get(organisation=firm).phone == "+998712000101"
    page = read(client.get(reverse("directory:firm", args=[firm.public_id])).content.decode())[0]
    assert "+998 71 200 01 01" in page
