import pytest
from django.urls import reverse

from muhandis.accounts.models import Employment
from muhandis.accounts.tests.factories import OrganisationFactory
from muhandis.membership.models import Membership, Status
from muhandis.membership.services import memberships

from .factories_core import issuers
from .factories_pages import make_membership, make_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuers(db):
    issuers()


@pytest.fixture
def full(db):
    return make_type(name="Full member", fees={"UZS": "500000", "KZT": "20000"})


@pytest.fixture
def medium_firms(db):
    return make_type(kind="firm", size_band="medium", name="Medium firm", fees={"UZS": "3000000"})


def _english(person):
    person.preferred_language = "en"
    person.save()
    return person


def test_the_join_page_shows_open_types_with_fees_and_benefits(client, engineer, full):
    make_type(name="Closed type", is_active=False)
    client.force_login(_english(engineer))
    page = client.get("/en/membership/join/").content.decode()
    assert "Full member" in page
    assert "500,000 UZS" in page
    assert "20,000 KZT" in page
    assert "member prices on courses" in page
    assert "Closed type" not in page
    assert "Join as a member firm" not in page


def test_an_engineer_applies_and_sees_the_application_waiting(client, engineer, full):
    client.force_login(_english(engineer))
    response = client.post(
        "/en/membership/join/",
        {"for": "person", "person-type": full.pk, "person-currency": "UZS", "person-note": "Pumps"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=engineer)
    assert membership.status == Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "Applied, waiting for approval" in page
    assert "with the registrar" in page


def test_joining_twice_shows_a_clear_message(client, engineer, full):
    make_membership(full, person=engineer)
    client.force_login(_english(engineer))
    response = client.post(
        "/en/membership/join/",
        {"for": "person", "person-type": full.pk, "person-currency": "UZS"},
    )
    assert response.status_code == 400
    assert "cannot join twice" in response.content.decode()
    assert "You already have a membership" in client.get("/en/membership/join/").content.decode()
    assert Membership.objects.filter(person=engineer).count() == 1


def test_a_firm_type_for_a_person_is_refused_on_the_form(client, engineer, medium_firms):
    client.force_login(_english(engineer))
    response = client.post(
        "/en/membership/join/",
        {"for": "person", "person-type": medium_firms.pk, "person-currency": "UZS"},
    )
    assert response.status_code == 400
    assert "is for member firms" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_representative_applies_for_their_firm(client, employer, medium_firms):
    firm = OrganisationFactory(name="Suvokova Loyiha", size_band="medium")
    Employment.objects.create(person=employer, organisation=firm, relation="representative")
    client.force_login(_english(employer))
    page = client.get("/en/membership/join/").content.decode()
    assert "Join as a member firm" in page
    assert "Suvokova Loyiha" in page
    response = client.post(
        "/en/membership/join/",
        {
            "for": "firm",
            "firm-organisation": firm.pk,
            "firm-type": medium_firms.pk,
            "firm-currency": "UZS",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(organisation=firm).status == Status.PENDING
    mine = client.get("/en/membership/mine/").content.decode()
    assert "Membership of Suvokova Loyiha" in mine
    assert "Applied, waiting for approval" in mine


def test_a_representative_cannot_apply_for_another_firm(client, employer, medium_firms):
    own = OrganisationFactory(size_band="medium")
    Employment.objects.create(person=employer, organisation=own, relation="representative")
    other = OrganisationFactory(name="Boshqa Firma", size_band="medium")
    client.force_login(_english(employer))
    response = client.post(
        "/en/membership/join/",
        {
            "for": "firm",
            "firm-organisation": other.pk,
            "firm-type": medium_firms.pk,
            "firm-currency": "UZS",
        },
    )
    assert response.status_code == 400
    assert "Only a representative of Boshqa Firma" in response.content.decode()
    assert not Membership.objects.exists()


def test_my_membership_after_approval_links_the_invoice_to_pay(client, engineer, registrar, full):
    membership = memberships.apply_for_membership(actor=engineer, type=full, currency="UZS")
    memberships.approve_membership(actor=registrar, membership=membership)
    client.force_login(_english(engineer))
    page = client.get("/en/membership/mine/").content.decode()
    assert "Approved, waiting for payment" in page
    period = membership.periods.get()
    assert (
        reverse("billing:invoice", args=[period.invoice.public_id]).replace("/uz/", "/en/") in page
    )


def test_a_firm_s_staff_see_they_are_covered(client, engineer, medium_firms):
    firm = OrganisationFactory(name="Gidroloyiha", size_band="medium")
    Employment.objects.create(person=engineer, organisation=firm, relation="employee")
    make_membership(medium_firms, organisation=firm, status=Status.CURRENT)
    client.force_login(_english(engineer))
    page = client.get("/en/membership/mine/").content.decode()
    assert "covered by Gidroloyiha" in page
    assert "not a member of the association yourself" in page


def test_the_dashboards_show_membership(client, engineer, registrar, full):
    client.force_login(_english(engineer))
    page = client.get("/en/dashboard/engineer/").content.decode()
    assert "You are not a member of the association yet." in page
    make_membership(full, person=engineer, status=Status.PENDING)
    page = client.get("/en/dashboard/engineer/").content.decode()
    assert "Applied, waiting for approval" in page
    client.force_login(_english(registrar))
    page = client.get("/en/dashboard/registrar/").content.decode()
    assert "Applications waiting for a decision" in page
    assert reverse("membership:applications").replace("/uz/", "/en/") in page


def test_my_membership_answers_in_few_queries(
    client, employer, medium_firms, django_assert_max_num_queries
):
    for _ in range(4):
        firm = OrganisationFactory(size_band="medium")
        Employment.objects.create(person=employer, organisation=firm, relation="representative")
        make_membership(medium_firms, organisation=firm)
    client.force_login(employer)
    client.get(reverse("membership:mine"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("membership:mine")).status_code == 200


def test_an_employer_s_dashboard_shows_the_firm_s_membership(client, employer, medium_firms):
    firm = OrganisationFactory(name="Suvokova Loyiha", size_band="medium")
    Employment.objects.create(person=employer, organisation=firm, relation="representative")
    client.force_login(_english(employer))
    page = client.get("/en/dashboard/employer/").content.decode()
    assert "No firm you represent is a member of the association yet." in page
    make_membership(medium_firms, organisation=firm, status=Status.AWAITING_PAYMENT)
    page = client.get("/en/dashboard/employer/").content.decode()
    assert "Suvokova Loyiha" in page
    assert "Approved, waiting for payment" in page


def test_the_join_page_answers_in_few_queries(
    client, employer, medium_firms, django_assert_max_num_queries
):
    for n in range(6):
        make_type(name=f"Type {n}", fees={"UZS": "100", "KZT": "5"})
        firm = OrganisationFactory(size_band="medium")
        Employment.objects.create(person=employer, organisation=firm, relation="representative")
    client.force_login(employer)
    client.get(reverse("membership:join"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("membership:join")).content.decode()
    assert page.count('name="person-type"') == 6
    assert page.count('name="firm-type"') == 1


def test_a_member_is_asked_to_pay_the_renewal_once_it_is_invoiced(
    client, engineer, registrar, full, django_capture_on_commit_callbacks
):
    import datetime

    from .factories_core import approved, pay

    membership = approved(actor=registrar, type=full, person=engineer)
    with django_capture_on_commit_callbacks(execute=True):
        pay(membership)
    membership.refresh_from_db()
    assert membership.status == Status.NEW
    end = membership.periods.get().end_date
    client.force_login(_english(engineer))
    assert "The next period is invoiced" not in client.get("/en/membership/mine/").content.decode()
    memberships.send_renewal_invoices(today=end - datetime.timedelta(days=10))
    renewal = membership.periods.get(kind="renewal")
    page = client.get("/en/membership/mine/").content.decode()
    assert "The next period is invoiced" in page
    assert f"/en/billing/invoice/{renewal.invoice.public_id}/" in page
