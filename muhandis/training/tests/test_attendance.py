import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.training.models import Attendance
from muhandis.training.services import apologise, check_in, mark_day

from .factories import EnrolmentFactory
from .factories_attendance import session_with_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(trainer):
    return session_with_days(trainer=trainer, days=3)


def _today(session):
    return session.days.get(date=timezone.localdate())


def test_the_trainer_marks_each_listed_participant_and_each_mark_is_audited(session, trainer):
    paid = EnrolmentFactory(session=session, status="paid")
    confirmed = EnrolmentFactory(session=session, status="confirmed")
    day = _today(session)
    assert mark_day(day=day, marks={paid.pk: "present", confirmed.pk: "absent"}, actor=trainer) == 2
    assert dict(Attendance.objects.values_list("enrolment_id", "mark")) == {
        paid.pk: "present",
        confirmed.pk: "absent",
    }
    assert AuditEntry.objects.filter(action="training.attendance.marked").count() == 2
    # The same marks again change nothing and add nothing to the trail.
    assert mark_day(day=day, marks={paid.pk: "present"}, actor=trainer) == 0
    assert mark_day(day=day, marks={confirmed.pk: "present"}, actor=trainer) == 1
    assert AuditEntry.objects.filter(action="training.attendance.marked").count() == 3


def test_people_without_a_seat_or_from_another_session_cannot_be_marked(session, trainer):
    waitlisted = EnrolmentFactory(session=session, status="waitlisted")
    other = EnrolmentFactory(status="paid")
    for enrolment in (waitlisted, other):
        with pytest.raises(ValidationError):
            mark_day(day=_today(session), marks={enrolment.pk: "present"}, actor=trainer)
    assert not Attendance.objects.exists()


def test_only_the_sessions_trainer_or_a_training_manager_marks(session):
    enrolment = EnrolmentFactory(session=session, status="paid")
    day = _today(session)
    for stranger in (make_person(Role.TRAINER), enrolment.person, make_person(Role.ENGINEER)):
        with pytest.raises(PermissionDenied):
            mark_day(day=day, marks={enrolment.pk: "present"}, actor=stranger)
    manager = make_person(Role.TRAINING_MANAGER, two_factor=True)
    assert mark_day(day=day, marks={enrolment.pk: "present"}, actor=manager) == 1


def test_a_day_to_come_is_not_marked_and_a_bad_mark_is_refused(session, trainer):
    enrolment = EnrolmentFactory(session=session, status="paid")
    tomorrow = session.days.get(date=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        mark_day(day=tomorrow, marks={enrolment.pk: "present"}, actor=trainer)
    with pytest.raises(ValidationError):
        mark_day(day=_today(session), marks={enrolment.pk: "late"}, actor=trainer)


def test_a_participant_checks_in_with_todays_code_only(session):
    enrolment = EnrolmentFactory(session=session, status="paid")
    code = _today(session).check_in_code
    record = check_in(person=enrolment.person, code=f" {code.lower()} ")
    assert (record.mark, record.self_checked_in, record.day.date) == (
        "present",
        True,
        timezone.localdate(),
    )
    tomorrow = session.days.get(date=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        check_in(person=enrolment.person, code=tomorrow.check_in_code)
    with pytest.raises(ValidationError):
        check_in(person=enrolment.person, code="WRONG")


def test_only_a_seat_holder_checks_in(session):
    requested = EnrolmentFactory(session=session, status="requested")
    stranger = make_person(Role.ENGINEER)
    code = _today(session).check_in_code
    for person in (requested.person, stranger):
        with pytest.raises(ValidationError):
            check_in(person=person, code=code)
    assert not Attendance.objects.exists()


def test_a_participant_apologises_for_a_day_to_come_with_a_note(session):
    enrolment = EnrolmentFactory(session=session, status="confirmed")
    tomorrow = session.days.get(date=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        apologise(enrolment=enrolment, day=tomorrow, note="  ", actor=enrolment.person)
    with pytest.raises(ValidationError):
        apologise(enrolment=enrolment, day=_today(session), note="Ill", actor=enrolment.person)
    with pytest.raises(PermissionDenied):
        apologise(enrolment=enrolment, day=tomorrow, note="Ill", actor=make_person(None))
    record = apologise(enrolment=enrolment, day=tomorrow, note="Site visit", actor=enrolment.person)
    assert (record.mark, record.note) == ("excused", "Site visit")
    assert AuditEntry.objects.filter(action="training.attendance.apologised").exists()


def test_the_trainer_marks_on_the_page_and_sees_the_qr(client, session, trainer):
    enrolment = EnrolmentFactory(session=session, status="paid")
    waiting = EnrolmentFactory(session=session, status="waitlisted")
    client.force_login(trainer)
    url = reverse("training:attendance_day", args=[session.public_id, timezone.localdate()])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert enrolment.person.display_name in text
    assert waiting.person.display_name not in text
    assert "<svg" in text
    assert _today(session).check_in_code in text
    assert client.get(reverse("training:attendance", args=[session.public_id])).url == url
    response = client.post(url, {f"mark-{enrolment.pk}": "present"})
    assert response.status_code == 302
    assert Attendance.objects.get().mark == "present"


def test_the_check_in_page_takes_the_code_from_the_qr_link(client, session):
    enrolment = EnrolmentFactory(session=session, status="paid")
    code = _today(session).check_in_code
    client.force_login(enrolment.person)
    page = client.get(reverse("training:check_in") + f"?code={code}")
    assert f'value="{code}"' in page.content.decode()
    apology = reverse("training:apologise", args=[enrolment.public_id])
    assert apology in page.content.decode()
    assert client.post(reverse("training:check_in"), {"code": code}).status_code == 302
    assert Attendance.objects.get().self_checked_in
    refused = client.post(reverse("training:check_in"), {"code": "NOPE"})
    assert refused.status_code == 400
    assert "does not open check-in" in refused.content.decode()


def test_the_apology_page_is_the_participants_own(client, session):
    enrolment = EnrolmentFactory(session=session, status="paid")
    tomorrow = session.days.get(date=timezone.localdate() + datetime.timedelta(days=1))
    url = reverse("training:apologise", args=[enrolment.public_id])
    elsewhere = EnrolmentFactory(session=session_with_days(days=2), status="paid").person
    for stranger in (make_person(Role.ENGINEER), elsewhere, session.trainers.get()):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.post(url, {"day": tomorrow.pk, "note": "Exam"}).status_code == 404
    client.force_login(enrolment.person)
    assert client.post(url, {"day": tomorrow.pk, "note": "Exam"}).status_code == 302
    assert Attendance.objects.get().mark == "excused"
    assert "Exam" in client.get(url).content.decode()


def test_strangers_are_refused_the_trainer_pages(client, session):
    enrolment = EnrolmentFactory(session=session, status="paid")
    other_trainer = make_person(Role.TRAINER)
    session_with_days(trainer=other_trainer, days=1)
    urls = [
        reverse("training:attendance", args=[session.public_id]),
        reverse("training:attendance_day", args=[session.public_id, timezone.localdate()]),
        reverse("training:completion", args=[session.public_id]),
    ]
    for url in [*urls, reverse("training:check_in")]:
        assert client.get(url).status_code == 302  # to sign in
    post_test = reverse("training:post_test", args=[enrolment.public_id])
    assert client.post(post_test, {"passed": "yes"}).status_code == 302
    elsewhere = EnrolmentFactory(session=session_with_days(days=1), status="paid").person
    strangers = (enrolment.person, elsewhere, other_trainer, make_person(Role.ENGINEER))
    for stranger in strangers:
        client.force_login(stranger)
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {f"mark-{enrolment.pk}": "present"}).status_code == 403
        assert client.post(post_test, {"passed": "yes"}).status_code == 403
    assert not Attendance.objects.exists()
    enrolment.refresh_from_db()
    assert enrolment.post_test_passed is None


def test_the_trainers_dashboard_lists_days_to_mark_until_they_are_marked(session, trainer):
    from muhandis.training.selectors import days_to_mark_today, trainer_sessions

    enrolment = EnrolmentFactory(session=session, status="paid")
    other = session_with_days(trainer=make_person(Role.TRAINER), days=1)
    EnrolmentFactory(session=other, status="paid")
    assert trainer_sessions(trainer) == [session]
    assert days_to_mark_today(trainer) == [_today(session)]
    mark_day(day=_today(session), marks={enrolment.pk: "absent"}, actor=trainer)
    assert days_to_mark_today(trainer) == []
