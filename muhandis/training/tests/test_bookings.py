from decimal import Decimal

import pytest
from django.core import mail

from muhandis.accounts.models import Employment
from muhandis.accounts.tests.factories import OrganisationFactory, UserFactory
from muhandis.billing import services as billing
from muhandis.billing.models import Invoice
from muhandis.billing.tests.factories import IssuerFactory
from muhandis.training.models import Booking, Enrolment, PayerKind
from muhandis.training.services import bookings
from muhandis.training.services.enrolment import EnrolmentError

from .factories import CourseSessionFactory

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture(autouse=True)
def issuer(db):
    return IssuerFactory()


@pytest.fixture
def firm(employer):
    organisation = OrganisationFactory(name="Suvokova LLC")
    Employment.objects.create(person=employer, organisation=organisation, relation="representative")
    return organisation


def employee(organisation, **fields):
    person = UserFactory(**fields)
    Employment.objects.create(person=person, organisation=organisation, relation="employee")
    return person


def book(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return bookings.book(**kwargs)


def test_a_firm_books_its_staff_on_one_invoice_at_the_firm_price(
    django_capture_on_commit_callbacks, employer, firm
):
    session = CourseSessionFactory(max_seats=5)
    staff = [employee(firm, preferred_language="ru") for _ in range(3)]
    result = book(
        django_capture_on_commit_callbacks,
        session=session,
        organisation=firm,
        people=staff,
        actor=employer,
    )
    assert len(result.confirmed) == 3
    assert not result.waitlisted
    invoice = result.invoice
    assert invoice.payer_organisation == firm
    assert invoice.lines.count() == 3
    assert invoice.gross_total == Decimal("1344000.00") * 3  # the non-member firm price
    assert {e.payer_kind for e in Enrolment.objects.all()} == {PayerKind.NON_MEMBER_FIRM}
    assert set(Enrolment.objects.values_list("invoice", flat=True)) == {invoice.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in staff)
    assert all(m.body.startswith("Уважаемый") for m in mail.outbox)


def test_those_who_do_not_fit_wait_and_the_result_says_so(
    django_capture_on_commit_callbacks, employer, firm
):
    session = CourseSessionFactory(max_seats=2)
    staff = [employee(firm) for _ in range(3)]
    result = book(
        django_capture_on_commit_callbacks,
        session=session,
        organisation=firm,
        people=staff,
        actor=employer,
    )
    assert [e.person for e in result.confirmed] == staff[:2]
    assert [e.person for e in result.waitlisted] == staff[2:]
    assert result.invoice.lines.count() == 2


def test_a_colleague_with_an_account_is_added_by_email(employer, firm):
    colleague = UserFactory(email="colleague@example.uz")
    assert bookings.colleague_by_email(" Colleague@example.uz ") == colleague
    with pytest.raises(EnrolmentError, match="sign up"):
        bookings.colleague_by_email("nobody@example.uz")


def test_someone_already_enrolled_is_refused_and_the_rest_booked(
    django_capture_on_commit_callbacks, employer, firm
):
    session = CourseSessionFactory(max_seats=5)
    staff = [employee(firm) for _ in range(2)]
    book(
        django_capture_on_commit_callbacks,
        session=session,
        organisation=firm,
        people=staff[:1],
        actor=employer,
    )
    result = book(
        django_capture_on_commit_callbacks,
        session=session,
        organisation=firm,
        people=staff,
        actor=employer,
    )
    assert [p for p, _why in result.refused] == staff[:1]
    assert [e.person for e in result.confirmed] == staff[1:]


def test_only_a_representative_books(engineer, employer):
    other_firm = OrganisationFactory()
    with pytest.raises(EnrolmentError, match="represent"):
        bookings.book(
            session=CourseSessionFactory(),
            organisation=other_firm,
            people=[engineer],
            actor=employer,
        )
    assert not Booking.objects.exists()


def test_the_firms_payment_pays_every_seat_of_the_booking(
    django_capture_on_commit_callbacks, employer, firm
):
    session = CourseSessionFactory(max_seats=5)
    result = book(
        django_capture_on_commit_callbacks,
        session=session,
        organisation=firm,
        people=[employee(firm), employee(firm)],
        actor=employer,
    )
    invoice = Invoice.objects.get(pk=result.invoice.pk)
    with django_capture_on_commit_callbacks(execute=True):
        billing.record_payment(
            invoice=invoice, amount=invoice.gross_total, provider="bank", external_id="b-1"
        )
    assert set(Enrolment.objects.values_list("status", flat=True)) == {Status.PAID}


def test_one_participant_cancelled_leaves_the_firms_invoice_standing(
    django_capture_on_commit_callbacks, employer, firm
):
    from muhandis.training.services import enrolment

    session = CourseSessionFactory(max_seats=5)
    result = book(
        django_capture_on_commit_callbacks,
        session=session,
        organisation=firm,
        people=[employee(firm), employee(firm)],
        actor=employer,
    )
    first, second = result.confirmed
    with django_capture_on_commit_callbacks(execute=True):
        enrolment.cancel_enrolment(
            enrolment=first, actor=first.person, by=Enrolment.CancelledBy.PERSON
        )
    assert Invoice.objects.get(pk=result.invoice.pk).status == Invoice.Status.ISSUED
    with django_capture_on_commit_callbacks(execute=True):
        enrolment.cancel_enrolment(
            enrolment=second, actor=second.person, by=Enrolment.CancelledBy.PERSON
        )
    assert Invoice.objects.get(pk=result.invoice.pk).status == Invoice.Status.CANCELLED
