"""The training catalogue in a browser: a visitor filters by format with the keyboard-usable
form and opens a course page, reading what is on screen."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from muhandis.training.tests.factories import CourseFactory, CourseSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_filters_the_catalogue_by_format_and_opens_a_course(page):
    start = timezone.now().replace(hour=4, minute=0, second=0, microsecond=0)
    classroom = CourseFactory(
        code="WSS-201", title="Rainwater management", title_en="Rainwater management"
    )
    online = CourseFactory(
        code="ONL-101",
        title="Online hydraulics",
        title_en="Online hydraulics",
        format="online_live",
        outline_en="Week 1: pipe networks.",
    )
    CourseSessionFactory(course=classroom)
    CourseSessionFactory(
        course=online,
        room=None,
        online_url="https://meet.example.uz/x",
        starts_at=start + datetime.timedelta(days=12),
        ends_at=start + datetime.timedelta(days=12, hours=6),
        max_seats=15,
    )
    page.goto("/en/training/courses/")
    expect(page.get_by_role("heading", name="Training courses")).to_be_visible()
    expect(page.get_by_text("Rainwater management")).to_be_visible()
    page.get_by_label("Format").select_option(label="Online, live")
    page.get_by_role("button", name="Show courses").press("Enter")
    expect(page.get_by_text("1 course found")).to_be_visible()
    expect(page.get_by_text("Rainwater management")).to_have_count(0)
    page.get_by_role("link", name="Online hydraulics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Online hydraulics")
    expect(page.get_by_text("Week 1: pipe networks.")).to_be_visible()
    expect(page.get_by_text("15 seats left")).to_be_visible()
    expect(page.get_by_text("Place: online")).to_be_visible()


def test_a_training_manager_is_told_why_a_room_cannot_be_booked(page):
    from muhandis.accounts.roles import Role
    from muhandis.accounts.tests.factories import make_person, totp_code
    from muhandis.training.tests.factories import RoomFactory
    from tests.browser.test_application_journey import _sign_in

    manager = make_person(Role.TRAINING_MANAGER, two_factor=True)
    room = RoomFactory(name="Hall A", capacity=30)
    busy = CourseFactory(code="BUSY-1", title="Busy course")
    CourseSessionFactory(
        course=busy,
        room=room,
        starts_at=datetime.datetime(2031, 5, 5, 4, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 5, 5, 12, tzinfo=datetime.UTC),
    )
    CourseFactory(code="NEW-1", title="New course", title_en="New course")
    _sign_in(page, manager.email, code=totp_code)
    page.goto("/en/training/manage/courses/")
    page.get_by_role("link", name="NEW-1 New course").click()
    expect(page.get_by_role("heading", name="Prices")).to_be_visible()
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Starts").fill("2031-05-05T10:00")
    page.get_by_label("Ends").fill("2031-05-05T17:00")
    page.get_by_label("Enrolment closes").fill("2031-05-01T18:00")
    page.get_by_label("Room").select_option(value=str(room.pk))
    page.get_by_label("Maximum seats").fill("20")
    page.get_by_role("button", name="Schedule the session").click()
    expect(page.get_by_text(re.compile("The room is taken by BUSY-1 Busy course"))).to_be_visible()
    page.goto("/en/training/manage/venues/")
    expect(page.get_by_role("heading", name="Add a venue")).to_be_visible()
