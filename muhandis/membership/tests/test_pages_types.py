import pytest
from django.urls import reverse

from muhandis.core.models import AuditEntry
from muhandis.membership.models import MembershipType

from .factories_pages import make_membership, make_type

pytestmark = pytest.mark.django_db


def _staff_urls():
    from muhandis.accounts.tests.factories import UserFactory

    individual = make_type()
    membership = make_membership(individual, person=UserFactory())
    return [
        reverse("membership:types"),
        reverse("membership:type_new"),
        reverse("membership:type_edit", args=[individual.public_id]),
        reverse("membership:applications"),
        reverse("membership:membership", args=[membership.public_id]),
        reverse("membership:register"),
        reverse("membership:register_export"),
    ]


def test_every_staff_page_sends_an_anonymous_visitor_to_sign_in(client):
    for url in _staff_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["stranger", "report_viewer", "engineer"])
def test_every_staff_page_refuses_people_without_the_role(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in _staff_urls():
        assert client.get(url).status_code == 403, url


def test_staff_decisions_refuse_a_stranger(client, stranger):
    from muhandis.accounts.tests.factories import UserFactory

    membership = make_membership(make_type(), person=UserFactory(), status="pending")
    client.force_login(stranger)
    for name in ("approve", "refuse", "cancel"):
        url = reverse(f"membership:{name}", args=[membership.public_id])
        assert client.post(url, {"refuse-reason": "x", "cancel-reason": "x"}).status_code == 403
    membership.refresh_from_db()
    assert membership.status == "pending"


def _type_data(**changes):
    data = {
        "code": "full-member",
        "name_uz": "Toʻliq aʼzo",
        "name_ru": "Действительный член",
        "name_en": "Full member",
        "description_uz": "",
        "description_ru": "",
        "description_en": "",
        "kind": "individual",
        "grade": "full",
        "size_band": "",
        "period": "calendar",
        "grace_days": "30",
        "member_prices": "on",
        "directory_listing": "on",
        "is_active": "on",
        "sort_order": "0",
        "fee_uzs": "450000",
        "fee_kzt": "",
    }
    data.update(changes)
    return data


def test_staff_create_a_type_with_its_fees_and_it_is_audited(client, registrar):
    client.force_login(registrar)
    response = client.post(reverse("membership:type_new"), _type_data(fee_kzt="18000"))
    assert response.status_code == 302
    created = MembershipType.objects.get(code="full-member")
    assert created.name_ru == "Действительный член"
    assert {f.currency: str(f.amount) for f in created.fees.all()} == {
        "UZS": "450000.00",
        "KZT": "18000.00",
    }
    assert AuditEntry.objects.filter(action="membership.type.created").count() == 1
    page = client.get("/en/membership/types/").content.decode()
    assert "Full member" in page
    assert "450,000.00 UZS" in page or "450 000,00 UZS" in page or "450000" in page


def test_a_firm_type_needs_a_size_band_and_no_grade(client, administrator):
    administrator.preferred_language = "en"
    administrator.save()
    client.force_login(administrator)
    response = client.post(
        "/en/membership/types/new/", _type_data(kind="firm", grade="full", size_band="")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "needs the firm size" in str(form.errors["size_band"])
    assert "has no grade" in str(form.errors["grade"])
    assert not MembershipType.objects.exists()


def test_an_individual_type_needs_a_grade_and_no_size_band(client, administrator):
    client.force_login(administrator)
    response = client.post("/en/membership/types/new/", _type_data(grade="", size_band="medium"))
    assert response.status_code == 400
    form = response.context["form"]
    assert "needs a grade" in str(form.errors["grade"])
    assert "no firm size" in str(form.errors["size_band"])


def test_a_type_needs_at_least_one_fee(client, registrar):
    client.force_login(registrar)
    response = client.post("/en/membership/types/new/", _type_data(fee_uzs="", fee_kzt=""))
    assert response.status_code == 400
    assert "at least one fee" in response.content.decode()
    assert not MembershipType.objects.exists()


def test_editing_a_type_changes_its_fees_and_records_what_changed(client, registrar):
    existing = make_type(fees={"UZS": "100000", "KZT": "5000"})
    client.force_login(registrar)
    form = client.get(reverse("membership:type_edit", args=[existing.public_id])).context["form"]
    assert (form["fee_uzs"].value(), form["fee_kzt"].value()) == (100000, 5000)
    data = _type_data(code=existing.code, fee_uzs="120000", fee_kzt="", is_active="")
    response = client.post(reverse("membership:type_edit", args=[existing.public_id]), data)
    assert response.status_code == 302
    existing.refresh_from_db()
    assert not existing.is_active
    assert [(f.currency, str(f.amount)) for f in existing.fees.all()] == [("UZS", "120000.00")]
    entry = AuditEntry.objects.get(action="membership.type.updated")
    assert entry.before["fees"] == {"UZS": "100000.00", "KZT": "5000.00"}
    assert entry.after["fees"] == {"UZS": "120000.00"}


def test_the_types_page_answers_in_few_queries(client, registrar, django_assert_max_num_queries):
    for _ in range(8):
        make_type()
    make_type(kind="firm", size_band="large")
    client.force_login(registrar)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("membership:types"))
    assert page.content.decode().count("type-") >= 9


def test_a_code_already_used_is_refused_on_its_field(client, registrar):
    existing = make_type()
    client.force_login(registrar)
    response = client.post("/en/membership/types/new/", _type_data(code=existing.code))
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert MembershipType.objects.count() == 1
