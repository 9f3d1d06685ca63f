from decimal import Decimal

import pytest

from muhandis.competencies.models import Competency
from muhandis.cpd.models import CpdActivity
from muhandis.training.models import CourseCompetency, Enrolment
from muhandis.training.signals import enrolment_completed
from muhandis.training.tests.factories import CourseFactory, EnrolmentFactory
from muhandis.training.tests.factories_attendance import ended_session

pytestmark = pytest.mark.django_db


def _completed(**course):
    session = ended_session(days=3, course=CourseFactory(**course))
    return EnrolmentFactory(session=session, status="completed")


def test_a_completed_course_is_credited_once_verified_in_its_category(level_two):
    enrolment = _completed(cpd_hours=Decimal(16), cpd_category="regulatory", title="Rainwater")
    competency = Competency.objects.first()
    CourseCompetency.objects.create(course=enrolment.session.course, competency=competency)
    for _ in range(3):
        enrolment_completed.send(sender=Enrolment, enrolment=enrolment)
    activity = CpdActivity.objects.get()
    assert activity.person == enrolment.person
    assert activity.hours == Decimal(16)
    assert activity.category == "regulatory"
    assert activity.status == "verified"
    assert activity.reviewed_by is None
    assert activity.review_note
    assert activity.source == f"training:{enrolment.public_id}"
    assert activity.start_date == enrolment.session.starts_at.date()
    assert activity.end_date == enrolment.session.ends_at.date()
    assert activity.provider
    assert "Rainwater" in activity.title
    assert list(activity.competencies.all()) == [competency]


def test_a_course_of_more_than_a_hundred_cpd_hours_is_credited_in_parts():
    enrolment = _completed(cpd_hours=Decimal("240"))
    enrolment.person.preferred_language = "en"
    enrolment.person.save(update_fields=["preferred_language"])
    enrolment_completed.send(sender=Enrolment, enrolment=enrolment)
    enrolment_completed.send(sender=Enrolment, enrolment=enrolment)
    hours = list(CpdActivity.objects.order_by("pk").values_list("hours", flat=True))
    assert hours == [Decimal(100), Decimal(100), Decimal(40)]
    titles = list(CpdActivity.objects.order_by("pk").values_list("title", flat=True))
    assert "(part 3 of 3)" in titles[2]


def test_a_course_without_cpd_hours_or_not_completed_records_nothing():
    enrolment_completed.send(sender=Enrolment, enrolment=_completed(cpd_hours=Decimal(0)))
    not_completed = _completed()
    not_completed.status = "not_completed"
    enrolment_completed.send(sender=Enrolment, enrolment=not_completed)
    assert not CpdActivity.objects.exists()
