"""The training catalogue in a browser: a visitor filters by format with the keyboard-usable
form and opens a course page, reading what is on screen."""

import datetime

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
