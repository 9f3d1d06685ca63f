import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from muhandis.accounts.tests.factories import UserFactory
from muhandis.billing import services as billing
from muhandis.billing.models import Invoice, Payment
from muhandis.billing.tests.factories import IssuerFactory
from muhandis.core.models import AuditEntry
from muhandis.training import signals
from muhandis.training.models import Enrolment
from muhandis.training.services import enrolment as service
from muhandis.training.services.enrolment import EnrolmentError

from .factories import CourseFactory, CourseSessionFactory

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture(autouse=True)
def issuer(db):
    return IssuerFactory()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (emails, billing's signals) as production would."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


@pytest.fixture
def session(db):
    return CourseSessionFactory(
        max_seats=2, min_seats=1, course__code="GRN-101", course__title="Green solutions"
    )


def person(language="en", **fields):
    return UserFactory(preferred_language=language, **fields)


def enrol(commit, session, who=None):
    return commit(service.enrol, session=session, person=who or person(), actor=None)


def pay(commit, enrolment, *, reference=None):
    invoice = Invoice.objects.get(pk=enrolment.invoice_id)
    return commit(
        billing.record_payment,
        invoice=invoice,
        amount=invoice.gross_total,
        provider="bank",
        external_id=reference or f"ref-{invoice.pk}",
    )


def test_a_free_seat_is_confirmed_with_an_invoice_for_the_person(commit, session):
    dilnoza = person()
    enrolment = enrol(commit, session, dilnoza)
    assert enrolment.status == Status.CONFIRMED
    invoice = Invoice.objects.get(pk=enrolment.invoice_id)
    assert invoice.status == Invoice.Status.ISSUED
    assert invoice.payer_person == dilnoza
    assert invoice.gross_total == Decimal("1120000.00")
    line = invoice.lines.get()
    assert line.ikpu_code == session.course.ikpu_code
    assert line.package_code == session.course.package_code
    assert line.description.startswith("GRN-101 Green solutions — ")
    assert AuditEntry.objects.filter(action="training.enrolment.confirmed").count() == 1


def test_the_invoice_line_is_in_the_persons_language(commit, session):
    session.course.title_ru = "Зелёные решения"
    session.course.save()
    enrolment = enrol(commit, session, person("ru"))
    assert "Зелёные решения" in enrolment.invoice.lines.get().description


def test_when_full_people_wait_in_arrival_order(commit, session):
    first, second = enrol(commit, session), enrol(commit, session)
    third, fourth = enrol(commit, session), enrol(commit, session)
    assert {first.status, second.status} == {Status.CONFIRMED}
    assert (third.status, fourth.status) == (Status.WAITLISTED, Status.WAITLISTED)
    assert third.invoice_id is None
    assert service.waitlist_position(third) == 1
    assert service.waitlist_position(fourth) == 2


def test_enrolment_is_refused_after_the_deadline(commit):
    session = CourseSessionFactory(enrolment_deadline=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(EnrolmentError, match="closed"):
        enrol(commit, session)
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"), [("cancelled", "cancelled"), ("held", "already taken place")]
)
def test_enrolment_is_refused_on_a_cancelled_or_held_session(commit, status, message):
    with pytest.raises(EnrolmentError, match=message):
        enrol(commit, CourseSessionFactory(status=status))


def test_nobody_enrols_twice(commit, session):
    dilnoza = person()
    enrol(commit, session, dilnoza)
    with pytest.raises(EnrolmentError, match="already enrolled"):
        enrol(commit, session, dilnoza)
    assert Enrolment.objects.count() == 1


def test_a_free_course_is_paid_at_once_without_an_invoice(commit):
    session = CourseSessionFactory(course=CourseFactory(price=0))
    received = []
    signals.enrolment_paid.connect(
        lambda **kw: received.append(kw["enrolment"]), weak=False, dispatch_uid="test-free"
    )
    try:
        enrolment = enrol(commit, session)
    finally:
        signals.enrolment_paid.disconnect(dispatch_uid="test-free")
    assert enrolment.status == Status.PAID
    assert enrolment.invoice_id is None
    assert received == [enrolment]


def test_the_person_is_told_in_their_language(commit, session):
    enrol(commit, session, person("ru", email="ru@example.uz"))
    enrol(commit, session)
    enrol(commit, session, person("uz", email="uz@example.uz"))
    confirmed = next(m for m in mail.outbox if m.to == ["ru@example.uz"])
    assert confirmed.body.startswith("Уважаемый")
    assert "/ru/training/my-courses/" in confirmed.body
    assert Invoice.objects.filter(payer_person__email="ru@example.uz").get().number in (
        confirmed.body
    )
    waiting = next(m for m in mail.outbox if m.to == ["uz@example.uz"])
    assert "/uz/training/my-courses/" in waiting.body
    assert "Dear" not in waiting.body


# Payment


def test_payment_makes_the_seat_paid_and_says_so(commit, session):
    enrolment = enrol(commit, session, person(email="payer@example.uz"))
    mail.outbox.clear()
    pay(commit, enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PAID
    assert enrolment.paid_at is not None
    assert AuditEntry.objects.filter(action="training.enrolment.paid").exists()
    assert [m.to for m in mail.outbox] == [["payer@example.uz"]]
    assert "Payment received" in mail.outbox[0].subject


def test_a_payment_for_a_cancelled_enrolment_is_kept_for_a_refund(commit, session):
    enrolment = enrol(commit, session)
    commit(
        service.cancel_enrolment,
        enrolment=enrolment,
        actor=None,
        by=Enrolment.CancelledBy.SYSTEM,
        reason="Not paid",
    )
    payment = pay(commit, enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.needs_refund
    assert Invoice.objects.get(pk=enrolment.invoice_id).status == Invoice.Status.CANCELLED


def test_an_invoice_cancelled_by_billing_frees_the_seat_for_the_next(commit, session):
    first, _second, waiting = enrol(commit, session), enrol(commit, session), enrol(commit, session)
    commit(billing.cancel_invoice, invoice=first.invoice, reason="Wrong payer", actor=None)
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert first.cancelled_by == Enrolment.CancelledBy.STAFF
    assert waiting.status == Status.OFFERED


def test_a_refund_frees_a_paid_seat(commit, session):
    enrolment = enrol(commit, session)
    pay(commit, enrolment)
    commit(billing.refund_invoice, invoice=enrolment.invoice, reason="Goodwill", actor=None)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED


# Cancellation and the waiting list


def test_the_person_cancels_free_of_charge_early_and_the_next_is_offered(commit, session):
    dilnoza = person()
    mine = enrol(commit, session, dilnoza)
    enrol(commit, session)
    waiting = enrol(commit, session, person("ru", email="next@example.uz"))
    mail.outbox.clear()
    commit(service.cancel_enrolment, enrolment=mine, actor=dilnoza, by=Enrolment.CancelledBy.PERSON)
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.cancelled_by == Enrolment.CancelledBy.PERSON
    assert Invoice.objects.get(pk=mine.invoice_id).status == Invoice.Status.CANCELLED
    assert waiting.status == Status.OFFERED
    expected = timezone.now() + datetime.timedelta(days=session.offer_days)
    assert abs((waiting.offer_expires_at - expected).total_seconds()) < 60
    offer = next(m for m in mail.outbox if m.to == ["next@example.uz"])
    assert offer.body.startswith("Уважаемый")


def test_a_paid_seat_cancelled_in_time_is_refunded(commit, session):
    dilnoza = person()
    mine = enrol(commit, session, dilnoza)
    pay(commit, mine)
    commit(service.cancel_enrolment, enrolment=mine, actor=dilnoza, by=Enrolment.CancelledBy.PERSON)
    assert Invoice.objects.get(pk=mine.invoice_id).status == Invoice.Status.REFUNDED


def test_a_paid_seat_cancelled_late_is_not_refunded(commit):
    session = CourseSessionFactory(
        starts_at=timezone.now() + datetime.timedelta(days=3), free_cancellation_days=7
    )
    dilnoza = person()
    mine = enrol(commit, session, dilnoza)
    pay(commit, mine)
    commit(service.cancel_enrolment, enrolment=mine, actor=dilnoza, by=Enrolment.CancelledBy.PERSON)
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert Invoice.objects.get(pk=mine.invoice_id).status == Invoice.Status.PAID


def test_nobody_cancels_someone_elses_enrolment(commit, session):
    mine = enrol(commit, session)
    with pytest.raises(EnrolmentError):
        service.cancel_enrolment(enrolment=mine, actor=person(), by=Enrolment.CancelledBy.PERSON)


def test_staff_cancel_with_a_reason_and_refund(commit, session, training_manager):
    mine = enrol(commit, session)
    pay(commit, mine)
    with pytest.raises(EnrolmentError, match="why"):
        service.cancel_enrolment(enrolment=mine, actor=training_manager, by="staff", reason=" ")
    commit(
        service.cancel_enrolment,
        enrolment=mine,
        actor=training_manager,
        by=Enrolment.CancelledBy.STAFF,
        reason="Duplicate registration",
    )
    mine.refresh_from_db()
    assert mine.cancel_reason == "Duplicate registration"
    assert Invoice.objects.get(pk=mine.invoice_id).status == Invoice.Status.REFUNDED


def test_unpaid_seats_are_freed_after_the_payment_days(commit, session):
    late, recent = enrol(commit, session), enrol(commit, session)
    waiting = enrol(commit, session)
    Enrolment.objects.filter(pk=late.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=session.payment_days, hours=1)
    )
    commit(call_command, "expire_unpaid_enrolments")
    late.refresh_from_db()
    recent.refresh_from_db()
    waiting.refresh_from_db()
    assert (late.status, late.cancelled_by) == (Status.CANCELLED, Enrolment.CancelledBy.SYSTEM)
    assert recent.status == Status.CONFIRMED
    assert waiting.status == Status.OFFERED
    assert Invoice.objects.get(pk=late.invoice_id).status == Invoice.Status.CANCELLED


def _full_with_offer(commit, session):
    first = enrol(commit, session)
    enrol(commit, session)
    offered, next_in_line = enrol(commit, session), enrol(commit, session)
    commit(service.cancel_enrolment, enrolment=first, actor=None, by="system", reason="Unpaid")
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED
    return offered, next_in_line


def test_an_accepted_offer_is_confirmed_and_invoiced(commit, session):
    offered, _next = _full_with_offer(commit, session)
    done = commit(service.accept_offer, enrolment=offered, actor=offered.person)
    assert done.status == Status.CONFIRMED
    assert done.invoice.payer_person == offered.person


def test_a_declined_offer_goes_to_the_next_in_line(commit, session):
    offered, next_in_line = _full_with_offer(commit, session)
    commit(service.decline_offer, enrolment=offered, actor=offered.person)
    next_in_line.refresh_from_db()
    assert next_in_line.status == Status.OFFERED


def test_an_expired_offer_goes_to_the_next_in_line(commit, session):
    offered, next_in_line = _full_with_offer(commit, session)
    Enrolment.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(EnrolmentError, match="expired"):
        service.accept_offer(enrolment=offered, actor=offered.person)
    commit(call_command, "expire_waitlist_offers")
    offered.refresh_from_db()
    next_in_line.refresh_from_db()
    assert offered.status == Status.CANCELLED
    assert next_in_line.status == Status.OFFERED


def test_staff_give_a_seat_by_hand_only_when_one_is_free(commit, session, training_manager):
    enrol(commit, session)
    enrol(commit, session)
    waiting = enrol(commit, session)
    with pytest.raises(EnrolmentError, match="No seat is free"):
        service.confirm_by_hand(enrolment=waiting, actor=training_manager)
    session.max_seats = 3
    session.save()
    done = commit(service.confirm_by_hand, enrolment=waiting, actor=training_manager)
    assert done.status == Status.CONFIRMED
    assert done.invoice is not None


def test_a_reminder_is_sent_once_two_days_before(commit):
    session = CourseSessionFactory(
        starts_at=timezone.now() + datetime.timedelta(days=1),
        enrolment_deadline=timezone.now() + datetime.timedelta(hours=12),
    )
    enrol(commit, session, person("uz", email="soon@example.uz"))
    far = enrol(commit, CourseSessionFactory(), person(email="later@example.uz"))
    mail.outbox.clear()
    commit(call_command, "send_session_reminders")
    commit(call_command, "send_session_reminders")
    assert [m.to for m in mail.outbox] == [["soon@example.uz"]]
    far.refresh_from_db()
    assert far.reminded_at is None


def test_a_seat_paid_just_before_the_expiry_run_is_kept(commit, session):
    enrolment = enrol(commit, session)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=session.payment_days, hours=1)
    )
    invoice = Invoice.objects.get(pk=enrolment.invoice_id)
    # Paid, and billing's news not yet delivered (it is sent after the commit).
    billing.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="bank", external_id="late-1"
    )
    assert service.expire_unpaid() == 0
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED
    assert Invoice.objects.get(pk=invoice.pk).status == Invoice.Status.PAID


def test_the_cancellation_is_told_in_the_persons_language_with_what_happens_to_the_money(
    commit, session
):
    dilnoza = person("ru", email="ru-cancel@example.uz")
    mine = enrol(commit, session, dilnoza)
    mail.outbox.clear()
    commit(service.cancel_enrolment, enrolment=mine, actor=dilnoza, by=Enrolment.CancelledBy.PERSON)
    (message,) = mail.outbox
    assert message.to == ["ru-cancel@example.uz"]
    assert message.body.startswith("Уважаемый")
    assert mine.invoice.number in message.body
    assert "/ru/training/my-courses/" in message.body


def test_cancelling_a_session_cancels_and_refunds_everyone_and_offers_no_seat(commit, session):
    from muhandis.accounts.roles import Role
    from muhandis.accounts.tests.factories import make_person
    from muhandis.training.services import sessions as session_services

    paid, unpaid, waiting = enrol(commit, session), enrol(commit, session), enrol(commit, session)
    pay(commit, paid)
    assert Enrolment.objects.get(pk=waiting.pk).status == Status.WAITLISTED
    manager = make_person(Role.TRAINING_MANAGER)
    commit(
        session_services.cancel_session,
        session=session,
        reason="The trainer is ill.",
        actor=manager,
    )
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert {statuses[e.pk] for e in (paid, unpaid, waiting)} == {Status.CANCELLED}
    assert Invoice.objects.get(pk=paid.invoice_id).status == Invoice.Status.REFUNDED
    assert Invoice.objects.get(pk=unpaid.invoice_id).status == Invoice.Status.CANCELLED
    assert not Enrolment.objects.filter(status=Status.OFFERED).exists()
