import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from muhandis.accounts.models import Employment
from muhandis.accounts.tests.factories import OrganisationFactory, UserFactory
from muhandis.billing.tests.factories import IssuerFactory
from muhandis.core.money import format_money
from muhandis.training.models import Enrolment
from muhandis.training.services import enrolment as service

from .factories import CourseSessionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture(autouse=True)
def issuer(db):
    return IssuerFactory()


@pytest.fixture
def session(db):
    return CourseSessionFactory(
        max_seats=1, course__title="Industrial wastewater", cancellation_terms="50% fee"
    )


def url(name, *args):
    return reverse(name, args=args)


def test_the_confirmation_page_shows_price_and_terms_and_enrols(client, engineer, session):
    client.force_login(engineer)
    page = client.get(url("training:enrol", session.public_id)).content.decode()
    assert "Industrial wastewater" in page
    assert format_money(Decimal(1120000), "UZS") in page
    assert "50% fee" in page
    response = client.post(url("training:enrol", session.public_id))
    assert response.status_code == 302
    assert Enrolment.objects.get(person=engineer).status == Status.CONFIRMED
    page = client.get(url("training:my_courses")).content.decode()
    assert "Industrial wastewater" in page
    assert Enrolment.objects.get(person=engineer).invoice.number in page


def test_a_full_session_puts_the_person_on_the_waiting_list_with_a_position(
    client, engineer, session
):
    EnrolmentFactory(session=session)
    client.force_login(engineer)
    assert "waiting list" in client.get(url("training:enrol", session.public_id)).content.decode()
    client.post(url("training:enrol", session.public_id))
    assert Enrolment.objects.get(person=engineer).status == Status.WAITLISTED
    assert "number 1 in line" in client.get(url("training:my_courses")).content.decode()


def test_an_error_is_shown_not_raised(client, engineer):
    from django.utils import timezone

    closed = CourseSessionFactory(enrolment_deadline=timezone.now().replace(year=2020))
    client.force_login(engineer)
    response = client.post(url("training:enrol", closed.public_id), follow=True)
    assert response.status_code == 200
    assert "closed" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_offer_accept_and_cancel_through_the_pages(client, engineer, session):
    taken = EnrolmentFactory(session=session)
    client.force_login(engineer)
    client.post(url("training:enrol", session.public_id))
    service.cancel_enrolment(enrolment=taken, actor=None, by="system", reason="Unpaid")
    mine = Enrolment.objects.get(person=engineer)
    assert mine.status == Status.OFFERED
    assert "Accept the seat" in client.get(url("training:my_courses")).content.decode()
    client.post(url("training:offer_accept", mine.public_id))
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED
    page = client.get(url("training:enrolment_cancel", mine.public_id)).content.decode()
    assert "free of charge" in page
    client.post(url("training:enrolment_cancel", mine.public_id))
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED


def test_nobody_touches_another_persons_enrolment(client, engineer, session):
    theirs = EnrolmentFactory(session=session, status=Status.OFFERED)
    client.force_login(engineer)
    for name in ("training:offer_accept", "training:offer_decline", "training:enrolment_cancel"):
        assert client.post(url(name, theirs.public_id)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.OFFERED


def test_anonymous_visitors_are_sent_to_sign_in(client, session):
    enrolment = EnrolmentFactory(session=session)
    for name, args in [
        ("training:enrol", [session.public_id]),
        ("training:my_courses", []),
        ("training:offer_accept", [enrolment.public_id]),
        ("training:offer_decline", [enrolment.public_id]),
        ("training:enrolment_cancel", [enrolment.public_id]),
        ("training:book", [session.public_id]),
        ("training:bookings", []),
        ("training:session_enrolments", [session.public_id]),
        ("training:session_enrolments_export", [session.public_id, "csv"]),
        ("training:staff_cancel", [enrolment.public_id]),
        ("training:staff_seat", [enrolment.public_id]),
    ]:
        response = client.post(url(name, *args))
        assert response.status_code == 302, name
        assert "/account/login/" in response["Location"], name
    assert Enrolment.objects.get().status == Status.CONFIRMED


def test_staff_pages_refuse_people_without_the_role(client, engineer, employer, stranger, session):
    enrolment = EnrolmentFactory(session=session)
    for person in (engineer, employer, stranger):
        client.force_login(person)
        for name, args in [
            ("training:session_enrolments", [session.public_id]),
            ("training:session_enrolments_export", [session.public_id, "xlsx"]),
        ]:
            assert client.get(url(name, *args)).status_code == 403
        for name in ("training:staff_cancel", "training:staff_seat"):
            assert client.post(url(name, enrolment.public_id), {"reason": "x"}).status_code == 403
    assert Enrolment.objects.get().status == Status.CONFIRMED


def test_booking_pages_refuse_people_without_the_role(client, engineer, stranger, session):
    for person in (engineer, stranger):
        client.force_login(person)
        assert client.get(url("training:book", session.public_id)).status_code == 403
        assert client.get(url("training:bookings")).status_code == 403


def test_the_training_manager_sees_cancels_and_exports(client, training_manager, session):
    seated = EnrolmentFactory(session=session, person=UserFactory(given_name="Aziza"))
    waiting = service.enrol(session=session, person=UserFactory(given_name="Bobur"), actor=None)
    client.force_login(training_manager)
    page = client.get(url("training:session_enrolments", session.public_id)).content.decode()
    assert "Aziza" in page
    assert "Bobur" in page
    assert "number 1 in line" in page
    csv = client.get(url("training:session_enrolments_export", session.public_id, "csv"))
    assert "Bobur" in csv.content.decode("utf-8-sig")
    xlsx = client.get(url("training:session_enrolments_export", session.public_id, "xlsx"))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Participant"
    assert len(rows) == 3
    assert (
        client.get(url("training:session_enrolments_export", session.public_id, "pdf")).status_code
        == 404
    )
    response = client.post(
        url("training:staff_cancel", seated.public_id), {"reason": ""}, follow=True
    )
    assert "Say why" in response.content.decode()
    client.post(url("training:staff_cancel", seated.public_id), {"reason": "Asked by phone"})
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == Status.CANCELLED
    assert waiting.status == Status.OFFERED
    client.post(url("training:staff_seat", waiting.public_id))
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_the_employer_books_staff_through_the_page(client, employer):
    firm = OrganisationFactory(name="Suvokova LLC")
    Employment.objects.create(person=employer, organisation=firm, relation="representative")
    staff = UserFactory(given_name="Kamola")
    Employment.objects.create(person=staff, organisation=firm, relation="employee")
    colleague = UserFactory(email="friend@example.uz")
    session = CourseSessionFactory(max_seats=5)
    client.force_login(employer)
    page = client.get(url("training:book", session.public_id)).content.decode()
    assert "Kamola" in page
    assert format_money(Decimal(1344000), "UZS") in page  # the non-member firm price
    response = client.post(
        url("training:book", session.public_id),
        {"organisation": str(firm.public_id), "person": [staff.pk], "emails": "friend@example.uz"},
    )
    assert "Invoice" in response.content.decode()
    assert set(Enrolment.objects.values_list("person", flat=True)) == {staff.pk, colleague.pk}
    page = client.get(url("training:bookings")).content.decode()
    assert "Kamola" in page
    client.force_login(staff)
    assert "Suvokova LLC" in client.get(url("training:my_courses")).content.decode()


def test_an_employer_without_an_organisation_is_told(client, employer, session):
    client.force_login(employer)
    assert client.get(url("training:book", session.public_id)).status_code == 404


def test_the_enrol_button_shows_the_persons_status(engineer, session):
    request = RequestFactory().get("/")
    template = Template('{% include "training/_enrol_button.html" with session=session %}')
    request.user = engineer
    assert "Enrol" in template.render(Context({"request": request, "session": session}))
    EnrolmentFactory(session=session, person=engineer, status=Status.PAID)
    request = RequestFactory().get("/")
    request.user = engineer
    assert "Paid" in template.render(Context({"request": request, "session": session}))


def test_many_enrol_buttons_cost_one_query(engineer, django_assert_num_queries):
    from muhandis.accounts.selectors import roles_of

    sessions = [CourseSessionFactory() for _ in range(5)]
    EnrolmentFactory(session=sessions[2], person=engineer, status=Status.PAID)
    request = RequestFactory().get("/")
    request.user = engineer
    roles_of(engineer)
    template = Template(
        '{% for session in sessions %}{% include "training/_enrol_button.html" %}{% endfor %}'
    )
    with django_assert_num_queries(1):
        html = template.render(Context({"request": request, "sessions": sessions}))
    assert html.count("Enrol") == 4
    assert "Paid" in html


def test_dashboards_show_courses_bookings_and_sessions_filling(
    client, engineer, training_manager, session
):
    EnrolmentFactory(session=session, person=engineer)
    client.force_login(engineer)
    page = client.get(reverse("accounts:role_dashboard", args=["engineer"])).content.decode()
    assert "Industrial wastewater" in page
    client.force_login(training_manager)
    page = client.get(
        reverse("accounts:role_dashboard", args=["training_manager"])
    ).content.decode()
    assert "1 / 1" in page
