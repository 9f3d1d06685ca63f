import pytest
from django.utils.html import strip_tags

from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db

VALID = {
    "given_name": "Dilnoza",
    "family_name": "Karimova",
    "patronymic": "Akmalovna",
    "name_latin": "Dilnoza Karimova",
    "name_cyrillic": "Дилноза Каримова",
    "gender": "female",
    "date_of_birth": "1990-05-15",
    "pinfl": "41505900123456",
    "phone": "+998 90 123 45 67",
    "employer_name": "",
    "education_level": "master",
    "education_institution": "TDTU",
    "education_field": "Water supply",
    "graduation_year": "2013",
    "preferred_language": "ru",
}


def _region_id():
    from muhandis.accounts.models import Region

    return Region.objects.get(code="UZ-SA").pk


def test_profile_is_saved_and_the_change_audited_without_values(client, engineer):
    client.force_login(engineer)
    response = client.post("/en/profile/", {**VALID, "region": _region_id()})
    assert response.status_code == 302
    engineer.refresh_from_db()
    assert engineer.pinfl == "41505900123456"
    assert engineer.phone == "+998901234567"
    assert engineer.region.code == "UZ-SA"
    entry = AuditEntry.objects.filter(action="accounts.profile.updated").first()
    assert entry.actor == engineer
    assert "pinfl" in entry.after["fields"]
    assert "41505900123456" not in str(entry.after)


def test_wrong_pinfl_is_explained_in_russian_and_what_was_typed_is_kept(client, engineer):
    client.force_login(engineer)
    response = client.post("/ru/profile/", {**VALID, "pinfl": "41532900123456"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "ПИНФЛ" in html
    assert 'value="41532900123456"' in html
    assert 'value="Дилноза Каримова"' in html
    engineer.refresh_from_db()
    assert engineer.pinfl == ""


def test_pinfl_that_disagrees_with_the_date_of_birth_is_refused(client, engineer):
    client.force_login(engineer)
    response = client.post("/en/profile/", {**VALID, "date_of_birth": "1991-05-15"})
    assert response.status_code == 400
    assert "15.05.1990" in response.content.decode()


def test_wrong_phone_is_refused_with_the_expected_format(client, engineer):
    client.force_login(engineer)
    response = client.post("/en/profile/", {**VALID, "phone": "+1 202 555 0100"})
    assert response.status_code == 400
    assert "+998" in response.content.decode()


def test_gender_field_explains_it_is_only_for_anonymous_statistics(client, engineer):
    client.force_login(engineer)
    html = client.get("/en/profile/").content.decode()
    assert "anonymous statistics" in html
    assert "Prefer not to say" in html


def test_every_profile_input_has_a_label(client, engineer):
    import re

    client.force_login(engineer)
    html = client.get("/en/profile/").content.decode()
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    assert ids
    assert ids <= labelled


def test_a_pinfl_cannot_belong_to_two_people(client, engineer, employer):
    employer.pinfl = "41505900123456"
    employer.save()
    client.force_login(engineer)
    response = client.post("/en/profile/", {**VALID})
    assert response.status_code == 400
    engineer.refresh_from_db()
    assert engineer.pinfl == ""


def test_organisation_registration_checks_the_tax_number(client, engineer):
    client.force_login(engineer)
    response = client.post(
        "/en/organisations/new/",
        {
            "name": "Suv Loyiha",
            "kind": "engineering_firm",
            "country": "UZ",
            "tax_number": "12345",
            "region": _region_id(),
            "size_band": "small",
            "relation": "representative",
        },
    )
    assert response.status_code == 400
    assert "9 digits" in response.content.decode()


def test_registering_an_organisation_links_its_registrant(client, engineer):
    client.force_login(engineer)
    response = client.post(
        "/en/organisations/new/",
        {
            "name": "Suv Loyiha",
            "kind": "engineering_firm",
            "country": "UZ",
            "tax_number": "305999111",
            "region": _region_id(),
            "size_band": "small",
            "relation": "representative",
        },
    )
    assert response.status_code == 302
    link = engineer.employments.get()
    assert link.relation == "representative"
    assert link.organisation.tax_number == "305999111"


def test_region_must_be_in_the_organisations_country(client, engineer):
    client.force_login(engineer)
    response = client.post(
        "/en/organisations/new/",
        {
            "name": "Almaty Su",
            "kind": "utility",
            "country": "KZ",
            "tax_number": "971240001315",
            "region": _region_id(),
            "size_band": "large",
        },
    )
    assert response.status_code == 400
    assert "not in the chosen country" in response.content.decode()


def test_live_check_explains_a_wrong_pinfl_before_the_form_is_sent(client, engineer):
    client.force_login(engineer)
    response = client.post(
        "/ru/profile/check/",
        {**VALID, "pinfl": "41532900123456", "_field": "pinfl"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "ПИНФЛ" in response.content.decode()
    engineer.refresh_from_db()
    assert engineer.pinfl == ""


def test_live_check_is_silent_for_a_good_value(client, engineer):
    client.force_login(engineer)
    response = client.post("/en/profile/check/", {**VALID, "_field": "phone"})
    assert response.status_code == 200
    # Nothing to read: only the empty error box the field's aria-describedby names.
    assert strip_tags(response.content.decode()).strip() == ""
    assert 'id="id_phone_errors"' in response.content.decode()


def test_live_check_only_answers_for_checked_fields(client, engineer):
    client.force_login(engineer)
    assert client.post("/en/profile/check/", {"_field": "email"}).status_code == 400
