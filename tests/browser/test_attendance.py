"""A trainer marks the day's attendance on a phone: one labelled group per participant, large
buttons to tap, and the day's check-in code with its QR for the room."""

import pytest
from playwright.sync_api import expect

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.training.models import Attendance
from muhandis.training.tests.factories import EnrolmentFactory
from muhandis.training.tests.factories_attendance import session_with_days
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_trainer_marks_attendance_on_a_phone(browser, live_server):
    trainer = make_person(Role.TRAINER, given_name="Nodira", family_name="Yusupova")
    session = session_with_days(
        trainer=trainer, days=2, course__title="Rainwater", course__title_en="Rainwater"
    )
    here = EnrolmentFactory(
        session=session, status="paid", person__given_name="Aziza", person__family_name="Olimova"
    )
    away = EnrolmentFactory(
        session=session,
        status="confirmed",
        person__given_name="Bobur",
        person__family_name="Rahimov",
    )
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    _sign_in(page, trainer.email)
    page.goto(f"/en/training/sessions/{session.public_id}/attendance/")

    main = page.locator("main")
    expect(main).to_contain_text("Rainwater")
    page.get_by_text("Check-in code for today").tap()
    code = session.days.order_by("date").first().check_in_code
    expect(main).to_contain_text(code)
    expect(page.get_by_role("img", name="QR code for check-in")).to_be_visible()

    page.get_by_role("group", name="Aziza Olimova").get_by_text("Present").tap()
    page.get_by_role("group", name="Bobur Rahimov").get_by_text("Absent").tap()
    button = page.get_by_role("button", name="Save attendance")
    assert button.bounding_box()["height"] >= 44  # a thumb's target
    button.tap()

    expect(main).to_contain_text("Attendance saved (2 marks changed).")
    expect(page.get_by_role("group", name="Aziza Olimova").get_by_label("Present")).to_be_checked()
    expect(page.get_by_role("group", name="Bobur Rahimov").get_by_label("Absent")).to_be_checked()
    marks = dict(Attendance.objects.values_list("enrolment_id", "mark"))
    assert marks == {here.pk: "present", away.pk: "absent"}
    context.close()


def test_my_courses_fits_a_phone_and_its_table_scrolls_on_its_own(browser, live_server):
    engineer = make_person(Role.ENGINEER)
    for title in ("Rainwater harvesting for towns", "Industrial wastewater treatment"):
        EnrolmentFactory(person=engineer, status="paid", session__course__title_en=title)
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    _sign_in(page, engineer.email)
    page.goto("/ru/training/my-courses/")
    expect(page.locator("main")).to_contain_text("Мои курсы")
    # The page never scrolls sideways: only the table's own box does.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
