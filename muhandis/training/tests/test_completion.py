import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.training.models import Enrolment
from muhandis.training.services import assess_completion, record_post_test
from muhandis.training.signals import enrolment_completed

from .factories import EnrolmentFactory
from .factories_attendance import AttendanceFactory, ended_session, session_with_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    got = []

    def receiver(sender, enrolment, **kwargs):
        got.append(enrolment.pk)

    enrolment_completed.connect(receiver, dispatch_uid="test.completion")
    yield got
    enrolment_completed.disconnect(dispatch_uid="test.completion")


def _attend(enrolment, present, excused=0):
    days = list(enrolment.session.days.all())
    for day in days[:present]:
        AttendanceFactory(enrolment=enrolment, day=day, mark="present")
    for day in days[present : present + excused]:
        AttendanceFactory(enrolment=enrolment, day=day, mark="excused")
    for day in days[present + excused :]:
        AttendanceFactory(enrolment=enrolment, day=day, mark="absent")


def test_eighty_percent_present_completes_and_excused_days_count_as_missed(
    trainer, received, django_capture_on_commit_callbacks
):
    session = ended_session(trainer=trainer, days=5)
    four = EnrolmentFactory(session=session, status="paid")
    three_and_excused = EnrolmentFactory(session=session, status="paid")
    unmarked = EnrolmentFactory(session=session, status="confirmed")
    cancelled = EnrolmentFactory(session=session, status="cancelled")
    _attend(four, 4)
    _attend(three_and_excused, 3, excused=2)
    with django_capture_on_commit_callbacks(execute=True):
        assessed = assess_completion(session=session, actor=trainer)
    assert len(assessed) == 3
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert statuses[four.pk] == "completed"
    assert statuses[three_and_excused.pk] == "not_completed"
    assert statuses[unmarked.pk] == "not_completed"
    assert statuses[cancelled.pk] == "cancelled"
    four.refresh_from_db()
    assert four.completed_at is not None
    assert received == [four.pk]
    session.refresh_from_db()
    assert session.status == "held"


def test_assessing_again_changes_nothing_and_sends_nothing_again(
    trainer, received, django_capture_on_commit_callbacks
):
    session = ended_session(trainer=trainer, days=2)
    enrolment = EnrolmentFactory(session=session, status="paid")
    _attend(enrolment, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assess_completion(session=session, actor=trainer)
    enrolment.refresh_from_db()
    first = enrolment.completed_at
    with django_capture_on_commit_callbacks(execute=True):
        assess_completion(session=session, actor=trainer)
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.completed_at) == ("completed", first)
    assert received == [enrolment.pk]
    assert AuditEntry.objects.filter(action="training.enrolment.assessed").count() == 1


def test_a_required_post_test_must_be_passed_and_can_be_recorded_later(
    trainer, received, django_capture_on_commit_callbacks
):
    session = ended_session(trainer=trainer, days=2, course__post_test_required=True)
    enrolment = EnrolmentFactory(session=session, status="paid")
    _attend(enrolment, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assess_completion(session=session, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.status == "not_completed"
    record_post_test(enrolment=enrolment, passed=False, actor=trainer)
    with django_capture_on_commit_callbacks(execute=True):
        assess_completion(session=session, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.status == "not_completed"
    record_post_test(enrolment=enrolment, passed=True, actor=trainer)
    with django_capture_on_commit_callbacks(execute=True):
        assess_completion(session=session, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert received == [enrolment.pk]
    assert AuditEntry.objects.filter(action="training.enrolment.post_test_recorded").count() == 2


def test_completion_waits_for_the_end_and_for_the_sessions_trainer(trainer):
    running = session_with_days(trainer=trainer, days=3)
    EnrolmentFactory(session=running, status="paid")
    with pytest.raises(ValidationError):
        assess_completion(session=running, actor=trainer)
    ended = ended_session(trainer=trainer, days=2)
    enrolment = EnrolmentFactory(session=ended, status="paid")
    for stranger in (make_person(Role.TRAINER), make_person(Role.ENGINEER)):
        with pytest.raises(PermissionDenied):
            assess_completion(session=ended, actor=stranger)
        with pytest.raises(PermissionDenied):
            record_post_test(enrolment=enrolment, passed=True, actor=stranger)
    enrolment.refresh_from_db()
    assert enrolment.status == "paid"


def test_the_completion_page_shows_percentages_and_assesses(client, trainer):
    session = ended_session(trainer=trainer, days=4)
    enrolment = EnrolmentFactory(session=session, status="paid")
    _attend(enrolment, 3)
    client.force_login(trainer)
    url = reverse("training:completion", args=[session.public_id])
    text = client.get(url).content.decode()
    assert enrolment.person.display_name in text
    assert "3 / 4" in text
    assert "75%" in text
    response = client.post(url, follow=True)
    assert "0 of 1 completed" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "not_completed"
    client.post(reverse("training:post_test", args=[enrolment.public_id]), {"passed": "yes"})
    enrolment.refresh_from_db()
    assert enrolment.post_test_passed is True


def test_a_training_manager_may_assess_any_session(client):
    manager = make_person(Role.TRAINING_MANAGER, two_factor=True)
    session = ended_session(days=1)
    enrolment = EnrolmentFactory(session=session, status="paid")
    _attend(enrolment, 1)
    assess_completion(session=session, actor=manager)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_after_assessment_the_attendance_record_stays_on_the_trainers_page(client, trainer):
    session = ended_session(trainer=trainer, days=2)
    enrolment = EnrolmentFactory(session=session, status="paid")
    _attend(enrolment, 2)
    assess_completion(session=session, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    client.force_login(trainer)
    page = client.get(reverse("training:attendance", args=[session.public_id]), follow=True)
    text = page.content.decode()
    assert enrolment.person.display_name in text
