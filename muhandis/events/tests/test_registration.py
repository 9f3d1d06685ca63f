"""Registering: seats, the waiting list, moving up when a seat frees, member prices."""

from decimal import Decimal

import pytest

from muhandis.accounts.tests.factories import UserFactory
from muhandis.events import services
from muhandis.notifications.models import Notification
from muhandis.training.models import Enrolment

from .factories import make_event, make_firm_member, make_member

pytestmark = pytest.mark.django_db


def kinds_for(person) -> list[str]:
    return list(Notification.objects.filter(person=person).values_list("kind", flat=True))


def test_a_full_event_puts_the_next_person_on_the_waiting_list(training_manager):
    event = make_event(training_manager, capacity=2)
    first, second = UserFactory(), UserFactory()
    third = UserFactory(preferred_language="ru")
    for person in (first, second):
        assert services.register(event=event, person=person).status == Enrolment.Status.PAID
    waiting = services.register(event=event, person=third)
    assert waiting.status == Enrolment.Status.WAITLISTED
    assert kinds_for(first) == ["events.registered"]
    assert kinds_for(third) == ["events.waitlisted"]
    notice = Notification.objects.get(person=third, kind="events.waitlisted")
    assert "вы под номером 1 в листе" in notice.body


def test_a_freed_seat_goes_to_the_first_person_waiting(
    training_manager, django_capture_on_commit_callbacks
):
    event = make_event(training_manager, capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    services.register(event=event, person=first)
    services.register(event=event, person=second)
    services.register(event=event, person=third)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(event=event, person=first)
    statuses = dict(
        Enrolment.objects.filter(session_id=event.session_id).values_list("person_id", "status")
    )
    assert statuses == {first.pk: "cancelled", second.pk: "paid", third.pk: "waitlisted"}
    assert "events.promoted" in kinds_for(second)
    assert "events.promoted" not in kinds_for(third)


def test_registering_twice_is_refused_with_a_message(training_manager):
    event = make_event(training_manager)
    person = UserFactory()
    services.register(event=event, person=person)
    with pytest.raises(services.RegistrationError, match="already registered"):
        services.register(event=event, person=person)


def test_a_draft_event_takes_no_registration(training_manager):
    event = make_event(training_manager, publish=False)
    with pytest.raises(services.RegistrationError, match="not opened"):
        services.register(event=event, person=UserFactory())


def test_a_member_pays_the_member_price_and_others_the_full_price(training_manager, registrar):
    event = make_event(
        training_manager, member_price=Decimal(100000), non_member_price=Decimal(250000)
    )
    member, covered, other = UserFactory(), UserFactory(), UserFactory()
    make_member(member, registrar)
    make_firm_member(covered, registrar)
    paid = {p: services.register(event=event, person=p) for p in (member, covered, other)}
    assert paid[member].price == Decimal(100000)
    assert paid[member].payer_kind == "member"
    assert paid[covered].price == Decimal(100000)
    assert paid[other].price == Decimal(250000)
    assert paid[other].invoice is not None
    assert paid[other].invoice.gross_total >= Decimal(250000)
    assert paid[other].status == Enrolment.Status.CONFIRMED


def test_cancelling_the_event_tells_everyone_registered(
    training_manager, django_capture_on_commit_callbacks
):
    event = make_event(training_manager, capacity=1)
    seated, waiting = UserFactory(), UserFactory()
    services.register(event=event, person=seated)
    services.register(event=event, person=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event=event, actor=training_manager, reason="The hall is flooded.")
    for person in (seated, waiting):
        notice = Notification.objects.get(person=person, kind="events.cancelled")
        assert "The hall is flooded." in notice.body
    assert (
        not Enrolment.objects.filter(session_id=event.session_id)
        .exclude(status="cancelled")
        .exists()
    )


def test_registrants_get_the_events_notice_and_no_course_email(
    training_manager, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(training_manager)
    person = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, person=person)
    subjects = [m.subject for m in mailoutbox]
    assert subjects == ["You are registered: Water supply seminar"]


def test_the_events_course_stays_out_of_the_training_catalogue(training_manager):
    from muhandis.training.selectors.catalogue import staff_courses

    event = make_event(training_manager)
    course = event.session.course
    assert course.kind == "event"
    assert not course.is_published
    assert course not in staff_courses()


def test_more_seats_move_the_people_waiting_up(
    training_manager, django_capture_on_commit_callbacks
):
    event = make_event(training_manager, capacity=1)
    first, second = UserFactory(), UserFactory()
    services.register(event=event, person=first)
    services.register(event=event, person=second)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, actor=training_manager, values={"capacity": 2})
    assert Enrolment.objects.get(person=second).status == Enrolment.Status.PAID
    assert "events.promoted" in kinds_for(second)


def test_fewer_seats_than_people_registered_is_refused_on_the_capacity(training_manager):
    from django.core.exceptions import ValidationError

    event = make_event(training_manager, capacity=3)
    for _n in range(2):
        services.register(event=event, person=UserFactory())
    with pytest.raises(ValidationError) as refused:
        services.update_event(event=event, actor=training_manager, values={"capacity": 1})
    assert "capacity" in refused.value.message_dict
