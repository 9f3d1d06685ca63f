import datetime

import pytest
from django.urls import reverse

from muhandis.accounts.tests.factories import UserFactory
from muhandis.membership.models import Status
from muhandis.membership.services import memberships

from .factories_core import issuers
from .factories_pages import make_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuers(db):
    issuers()


@pytest.fixture
def application(db):
    full = make_type(name="Full member")
    applicant = UserFactory(given_name="Dilnoza", family_name="Karimova")
    return memberships.apply_for_membership(
        actor=applicant, type=full, currency="UZS", note="I design pumping stations"
    )


def _english(person):
    person.preferred_language = "en"
    person.save()
    return person


def test_the_queue_lists_applications_in_few_queries(
    client, registrar, application, django_assert_max_num_queries
):
    full = application.type
    for _ in range(6):
        memberships.apply_for_membership(actor=UserFactory(), type=full, currency="UZS")
    client.force_login(_english(registrar))
    client.get("/en/membership/applications/")
    with django_assert_max_num_queries(10):
        page = client.get("/en/membership/applications/").content.decode()
    assert "Dilnoza Karimova" in page
    assert "I design pumping stations" in page
    assert page.count("Full member") == 7


def test_staff_approve_with_a_start_date_and_the_member_is_invoiced(
    client, administrator, application
):
    client.force_login(_english(administrator))
    url = reverse("membership:approve", args=[application.public_id])
    response = client.post(url, {"approve-start": "2026-03-01"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.AWAITING_PAYMENT
    period = application.periods.get()
    assert period.start_date == datetime.date(2026, 3, 1)
    page = client.get(response["Location"]).content.decode()
    assert "Approved, waiting for payment" in page
    assert reverse("billing:staff_invoice", args=[period.invoice.public_id])[3:] in page


def test_refusing_needs_a_reason(client, registrar, application):
    client.force_login(_english(registrar))
    url = f"/en/membership/staff/{application.public_id}/refuse/"
    response = client.post(url, {"refuse-reason": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.PENDING
    response = client.post(url, {"refuse-reason": "No engineering degree on file"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REFUSED
    assert application.reason == "No engineering degree on file"


def test_staff_cancel_a_membership_with_a_reason(client, registrar, application):
    memberships.approve_membership(actor=registrar, membership=application)
    client.force_login(_english(registrar))
    page = client.get(f"/en/membership/staff/{application.public_id}/").content.decode()
    assert "Cancel the membership" in page
    assert "Refuse the application" not in page
    response = client.post(
        f"/en/membership/staff/{application.public_id}/cancel/",
        {"cancel-reason": "Asked to leave"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.CANCELLED
    page = client.get(f"/en/membership/staff/{application.public_id}/").content.decode()
    assert "Asked to leave" in page
    assert "Cancel the membership" not in page


def test_a_decision_the_service_refuses_is_shown_on_the_page(client, registrar, application):
    memberships.refuse_membership(actor=registrar, membership=application, reason="No degree")
    client.force_login(_english(registrar))
    response = client.post(
        f"/en/membership/staff/{application.public_id}/cancel/", {"cancel-reason": "Again"}
    )
    assert response.status_code == 400
    assert "already ended" in response.content.decode()


def test_a_membership_s_page_answers_in_few_queries(
    client, registrar, application, django_assert_max_num_queries
):
    memberships.approve_membership(actor=registrar, membership=application)
    client.force_login(_english(registrar))
    url = f"/en/membership/staff/{application.public_id}/"
    client.get(url)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert "Dilnoza Karimova" in page
    assert "Joining" in page
