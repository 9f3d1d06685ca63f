"""What training does for a course behind an event (decision 0014): the member payer kind,
a freed seat given straight to the first person waiting, no course emails."""

import pytest

from muhandis.accounts.tests.factories import UserFactory
from muhandis.membership.tests.factories_core import approved, make_type
from muhandis.training import services, signals
from muhandis.training.models import CoursePrice, Enrolment

from .factories import CourseFactory, CourseSessionFactory

pytestmark = pytest.mark.django_db


def test_a_member_in_good_standing_pays_at_the_member_price(registrar):
    person, other = UserFactory(), UserFactory()
    approved(actor=registrar, type=make_type("honorary", fees={"UZS": "0"}), person=person)
    assert services.member_payer_kind(person) == "member"
    assert services.member_payer_kind(other) == "individual"


def test_a_freed_seat_of_an_event_goes_straight_to_the_first_person_waiting(
    django_capture_on_commit_callbacks, mailoutbox
):
    course = CourseFactory(kind="event", is_published=False, price=0)
    session = CourseSessionFactory(course=course, max_seats=1, room=None)
    first, second = UserFactory(), UserFactory()
    promoted = []

    def hear(sender, enrolment, **kwargs):
        promoted.append(enrolment.person_id)

    signals.enrolment_promoted.connect(hear, dispatch_uid="test:promoted")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            seat = services.enrol(session=session, person=first, actor=first)
            services.enrol(session=session, person=second, actor=second)
            services.cancel_enrolment(enrolment=seat, actor=first, by="person")
    finally:
        signals.enrolment_promoted.disconnect(dispatch_uid="test:promoted")
    assert Enrolment.objects.get(person=second).status == "paid"
    assert promoted == [second.pk]
    assert mailoutbox == []
    assert CoursePrice.objects.filter(course=course).exists()
