import io

import openpyxl
import pytest
from django.urls import reverse

from muhandis.accounts.models import Employment, Region
from muhandis.accounts.tests.factories import OrganisationFactory, UserFactory
from muhandis.core.models import AuditEntry

from .factories_pages import make_membership, make_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    """Two firms (one named in Latin, one in Cyrillic) and three engineers."""
    samarkand = Region.objects.get(code="UZ-SA")
    firm_type = make_type(kind="firm", size_band="medium", name="Firm, medium")
    full = make_type(name="Full member")
    student = make_type(grade="student", name="Student member")
    latin_firm = OrganisationFactory(name="Suvokova Loyiha", size_band="medium")
    cyrillic_firm = OrganisationFactory(name="Гидропроект", size_band="medium", region=samarkand)
    for firm, gender in ((latin_firm, "female"), (cyrillic_firm, "male")):
        make_membership(firm_type, organisation=firm)
        Employment.objects.create(
            person=UserFactory(gender=gender), organisation=firm, relation="representative"
        )
    make_membership(
        full,
        person=UserFactory(given_name="Dilnoza", family_name="Karimova", gender="female"),
    )
    make_membership(
        full,
        person=UserFactory(given_name="Бахтиёр", family_name="Расулов", gender="male"),
        status="pending",
    )
    make_membership(
        student,
        person=UserFactory(given_name="Aziz", family_name="Nazarov", gender="", region=samarkand),
        status="expired",
    )
    return {"full": full, "student": student, "firm_type": firm_type, "samarkand": samarkand}


def _names(response):
    return [str(m.organisation or m.person) for m in response.context["page"]]


def test_a_firm_stored_in_latin_is_found_typed_in_cyrillic(client, registrar, register):
    client.force_login(registrar)
    response = client.get(reverse("membership:register"), {"q": "Сувокова"})
    assert _names(response) == ["Suvokova Loyiha"]


def test_a_firm_stored_in_cyrillic_is_found_typed_in_latin(client, registrar, register):
    client.force_login(registrar)
    response = client.get(reverse("membership:register"), {"q": "gidroproekt"})
    assert _names(response) == ["Гидропроект"]


def test_a_person_is_found_by_name_in_the_other_script(client, registrar, register):
    client.force_login(registrar)
    assert "Dilnoza Karimova" in _names(
        client.get(reverse("membership:register"), {"q": "Каримова"})
    )
    found = _names(client.get(reverse("membership:register"), {"q": "Rasulov"}))
    assert len(found) == 1
    assert "Расулов" in found[0]


def test_filters_narrow_the_list_and_the_counts(client, administrator, register):
    client.force_login(administrator)
    url = reverse("membership:register")
    assert len(_names(client.get(url, {"kind": "firm"}))) == 2
    assert len(_names(client.get(url, {"kind": "individual"}))) == 3
    assert len(_names(client.get(url, {"type": register["full"].pk}))) == 2
    assert len(_names(client.get(url, {"status": "pending"}))) == 1
    assert len(_names(client.get(url, {"size_band": "medium"}))) == 2
    by_region = client.get(url, {"region": register["samarkand"].pk})
    assert sorted(_names(by_region)) == ["Aziz Nazarov", "Гидропроект"]
    assert by_region.context["counts"].total == 2


def test_counts_by_type_status_region_size_and_gender(client, registrar, register):
    registrar.preferred_language = "en"
    registrar.save()
    client.force_login(registrar)
    counts = client.get("/en/membership/register/").context["counts"]
    assert counts.total == 5
    assert dict(counts.by_type) == {"Firm, medium": 2, "Full member": 2, "Student member": 1}
    assert dict(counts.by_status) == {
        "Current": 3,
        "Applied, waiting for approval": 1,
        "Expired": 1,
    }
    assert dict(counts.by_size_band) == {"Medium (50–249 people)": 2}
    samarkand = register["samarkand"].name
    assert dict(counts.by_region)[samarkand] == 2
    # Two individual members and one firm representative are women; one of each is a man.
    assert dict(counts.by_gender) == {"Female": 2, "Male": 2, "not given": 1}
    page = client.get("/en/membership/register/").content.decode()
    assert "By gender of contact persons" in page


def test_the_register_shows_25_a_page_in_at_most_ten_queries(
    client, registrar, django_assert_max_num_queries
):
    full = make_type()
    for n in range(60):
        make_membership(full, person=UserFactory(family_name=f"Member{n:02d}"))
    client.force_login(registrar)
    client.get(reverse("membership:register"))  # the session is settled on the first request
    with django_assert_max_num_queries(10):
        response = client.get(reverse("membership:register"), {"page": "3", "q": "member"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 10
    assert response.context["counts"].total == 60
    with django_assert_max_num_queries(10):
        first = client.get(reverse("membership:register"))
    assert len(first.context["page"]) == 25


def test_the_xlsx_export_holds_the_filtered_list(client, registrar, register):
    registrar.preferred_language = "en"
    registrar.save()
    client.force_login(registrar)
    response = client.get("/en/membership/register/export.xlsx", {"kind": "firm"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Member", "Members", "Type", "Status")
    assert sorted(row[0] for row in rows[1:]) == ["Suvokova Loyiha", "Гидропроект"]
    assert {row[3] for row in rows[1:]} == {"Current"}
    assert AuditEntry.objects.filter(action="membership.register.exported").count() == 1
