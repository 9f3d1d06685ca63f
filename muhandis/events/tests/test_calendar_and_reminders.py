"""iCalendar files and feed, reminders the day before, attendance and CPD hours."""

import datetime
from decimal import Decimal

import icalendar
import pytest
import time_machine

from muhandis.accounts.tests.factories import UserFactory
from muhandis.cpd.models import CpdActivity
from muhandis.events import selectors, services
from muhandis.events.ical import event_uid
from muhandis.notifications.models import Notification
from muhandis.training.models import Enrolment

from .factories import make_event, start_in

pytestmark = pytest.mark.django_db


def parse(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_the_event_file_parses_with_utc_times_and_the_readers_language(client, training_manager):
    event = make_event(training_manager)
    [entry] = parse(client.get(f"/ru/events/{event.public_id}/event.ics"))
    assert str(entry["SUMMARY"]) == "Семинар по водоснабжению"
    assert str(entry["DESCRIPTION"]) == "Системы водоснабжения."
    assert "Дом инженеров" in str(entry["LOCATION"])
    start = entry.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(0)
    assert start == event.starts_at
    assert entry.decoded("DTEND") == event.ends_at
    assert str(entry["URL"]).endswith(f"/events/{event.public_id}/")
    [again] = parse(client.get(f"/en/events/{event.public_id}/event.ics"))
    assert str(again["UID"]) == str(entry["UID"]) == event_uid(event)
    assert str(again["SUMMARY"]) == "Water supply seminar"


def test_the_feed_lists_upcoming_published_events_only(client, training_manager):
    shown = make_event(training_manager, title_en="Shown")
    make_event(training_manager, title_en="Hidden draft", publish=False)
    entries = parse(client.get("/en/events/feed.ics"))
    assert [str(e["SUMMARY"]) for e in entries] == ["Shown"]
    assert str(entries[0]["UID"]) == event_uid(shown)


def test_each_person_with_a_seat_is_reminded_once_the_day_before(training_manager):
    tomorrow = make_event(training_manager, starts_at=start_in(1), capacity=1)
    later = make_event(training_manager, starts_at=start_in(5))
    seated, waiting, other = UserFactory(), UserFactory(), UserFactory()
    services.register(event=tomorrow, person=seated)
    services.register(event=tomorrow, person=waiting)
    services.register(event=later, person=other)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert Notification.objects.filter(kind="events.reminder").count() == 1
    assert Notification.objects.get(kind="events.reminder").person == seated


def test_attendance_after_the_event_credits_its_cpd_hours(
    training_manager, django_capture_on_commit_callbacks
):
    event = make_event(
        training_manager, starts_at=start_in(3), cpd_hours=Decimal(4), cpd_category="technical"
    )
    present, absent = UserFactory(), UserFactory()
    services.register(event=event, person=present)
    services.register(event=event, person=absent)
    with time_machine.travel(event.ends_at + datetime.timedelta(hours=2)):
        [day] = selectors.event_days(event)
        rows = selectors.attendance_of(event, day)
        marks = {e.pk: ("present" if e.person == present else "absent") for e, _m in rows}
        with django_capture_on_commit_callbacks(execute=True):
            services.mark_attendance(event=event, day=day, marks=marks, actor=training_manager)
    activity = CpdActivity.objects.get(person=present)
    assert activity.hours == Decimal(4)
    assert activity.status == CpdActivity.Status.VERIFIED
    assert not CpdActivity.objects.filter(person=absent).exists()
    assert Enrolment.objects.get(person=absent).status == "not_completed"


def test_attendance_at_an_event_without_cpd_hours_credits_nothing(
    training_manager, django_capture_on_commit_callbacks
):
    event = make_event(training_manager, starts_at=start_in(3))
    person = UserFactory()
    enrolment = services.register(event=event, person=person)
    with time_machine.travel(event.ends_at + datetime.timedelta(hours=2)):
        [day] = selectors.event_days(event)
        with django_capture_on_commit_callbacks(execute=True):
            services.mark_attendance(
                event=event, day=day, marks={enrolment.pk: "present"}, actor=training_manager
            )
    assert not CpdActivity.objects.filter(person=person).exists()
    assert Enrolment.objects.get(pk=enrolment.pk).status == "paid"


def test_the_reminder_command_reminds_in_the_persons_language(training_manager):
    from io import StringIO

    from django.core.management import call_command

    event = make_event(training_manager, starts_at=start_in(1))
    person = UserFactory(preferred_language="ru")
    services.register(event=event, person=person)
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    call_command("send_event_reminders", stdout=out)
    assert out.getvalue().split("\n")[:2] == [
        "1 event reminder(s) sent.",
        "0 event reminder(s) sent.",
    ]
    notice = Notification.objects.get(person=person, kind="events.reminder")
    assert "Семинар по водоснабжению" in notice.title
    assert "Дом инженеров" in notice.body
