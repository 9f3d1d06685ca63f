"""An invited engineer answers the needs survey in Uzbek through their personal link, with every
choice saved as it is clicked; someone at an event answers through the public link in Russian
on a phone."""

import os
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from muhandis.needs.models import Rating, Response
from muhandis.needs.tests.factories_respond import invitation, survey_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots of the answering pages, for a person to look at (not compared by the test).
SHOTS = Path(os.environ.get("NEEDS_SHOTS", "")) if os.environ.get("NEEDS_SHOTS") else None


def _shot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"respond_{name}.png"), full_page=True)


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_engineer_answers_in_uzbek_through_a_personal_link(page):
    survey = survey_with(areas=("FIN", "LEG"), scale="borich")
    invited = invitation(survey, language="uz")
    items = list(survey.items.select_related("competency__area").order_by("sort_order"))
    first = items[0]
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"/uz/needs/i/{invited.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title_uz)
    page.get_by_role("button", name=_in("uz", "Start")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.competency.area.title_uz)

    card = page.locator(f"#item-{first.pk}")
    importance = card.get_by_role(
        "group", name=_in("uz", "How important is this for your work (required level)?")
    )
    importance.locator(f"label[for=imp-{first.pk}-4]").click()  # the label is the button
    expect(card.locator(f"#saved-{first.pk}")).to_have_text(_in("uz", "Saved"))
    current = card.get_by_role("group", name=_in("uz", "What is your current level?"))
    current.locator(f"label[for=cur-{first.pk}-2]").click()
    expect(card.locator(f"#saved-{first.pk}")).to_have_text(_in("uz", "Saved"))
    if SHOTS is not None:
        page.mouse.move(0, 0)
        page.wait_for_timeout(400)  # the button's colour transition ends
    _shot(page, "uz_desktop")

    page.reload()
    expect(page.locator(f"#imp-{first.pk}-4")).to_be_checked()
    expect(page.locator(f"#cur-{first.pk}-2")).to_be_checked()
    rating = Rating.objects.get(item=first)
    assert (rating.importance, rating.current) == (4, 2)
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "uz_phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name=_in("uz", "Next")).click()  # to the second area
    page.get_by_role("button", name=_in("uz", "Next")).click()  # to the background page
    page.get_by_label(_in("uz", "Female"), exact=True).check()
    page.get_by_role("button", name=_in("uz", "Next")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_in("uz", "Check and send"))
    expect(page.get_by_role("link", name=items[1].competency.title_uz)).to_be_visible()
    _shot(page, "uz_desktop_review")
    page.get_by_role("button", name=_in("uz", "Send my answers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _in("uz", "Thank you: your answers were sent.")
    )
    invited.refresh_from_db()
    assert invited.answered_at is not None
    assert Response.objects.get().gender == "female"

    page.goto(f"/uz/needs/i/{invited.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _in("uz", "You have already answered this survey. Thank you!")
    )


def test_someone_at_an_event_answers_the_public_link_in_russian_on_a_phone(phone):
    survey = survey_with(areas=("ENV",))
    phone.goto(f"/ru/needs/s/{survey.public_token}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(survey.title_ru)
    _shot(phone, "ru_phone_start")
    phone.get_by_text(_in("ru", "About my staff: the engineers I supervise")).click()
    phone.get_by_role("button", name=_in("ru", "Start")).click()
    response = Response.objects.get()
    assert (response.kind, response.language) == ("supervisor", "ru")

    item = survey.items.select_related("competency").order_by("sort_order").first()
    card = phone.locator(f"#item-{item.pk}")
    expect(card.get_by_role("heading")).to_have_text(item.competency.title_ru)
    group = card.get_by_role("group", name=_in("ru", "What is your staff's current level?"))
    group.locator("label").nth(1).click()  # the framework's level 1, by touch
    expect(card.locator(f"#saved-{item.pk}")).to_have_text(_in("ru", "Saved"))
    assert Rating.objects.get().current == 1
    _shot(phone, "ru_phone")
    expect(phone.get_by_text(f"/needs/r/{response.resume_token}/")).to_be_visible()

    phone.goto(f"/ru/needs/s/{survey.public_token}/")  # the browser remembers the response
    expect(phone).to_have_url(re.compile(f"/ru/needs/r/{response.resume_token}/1/$"))
    expect(phone.locator(f"#cur-{item.pk}-1")).to_be_checked()
    phone.get_by_role("button", name=_in("ru", "Next")).click()
    why = (
        "We ask so that we can see whether training reaches women and men alike. "
        "You may prefer not to say."
    )
    expect(phone.get_by_text(_in("ru", why))).to_be_visible()
    _shot(phone, "ru_phone_background")
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(f"/ru/needs/r/{response.resume_token}/1/")
    _shot(phone, "ru_desktop")


def test_a_training_manager_builds_a_survey_and_invites_a_list(browser, live_server):
    from muhandis.accounts.roles import Role
    from muhandis.accounts.tests.factories import make_person, totp_code
    from tests.browser.test_application_journey import _person, _sign_in

    manager = make_person(Role.TRAINING_MANAGER, two_factor=True)
    staff = _person(browser, live_server)
    staff.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(staff, manager.email, totp_code)
    staff.get_by_role("link", name="Needs surveys").click()
    staff.get_by_role("link", name="New survey").click()
    staff.get_by_role("textbox", name=re.compile(r"^Code")).fill("needs-2027")
    staff.get_by_label("Title (Uzbek)").fill("Ehtiyojlar soʻrovi 2027")
    staff.get_by_label("Title (Russian)").fill("Опрос потребностей 2027")
    staff.get_by_label(re.compile(r"ENV: ")).check()
    staff.get_by_label("Borich, 1 (none) to 5 (very high)").check()
    staff.get_by_role("button", name="Create the draft").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Ehtiyojlar soʻrovi 2027")

    staff.get_by_role("button", name="Open for answers").click()
    expect(staff.get_by_role("img", name="QR code of the survey's public link")).to_be_visible()
    form = staff.locator("form[action$='/invite/emails/']")
    form.get_by_label("Distribution list").fill("Seminar, Samarkand")
    form.get_by_label("Email addresses, one a line").fill("a@firm.uz\nnot an address")
    form.get_by_role("button", name="Invite").click()
    expect(staff.locator("main")).to_contain_text(
        "Line 2: “not an address” is not an email address."
    )
    form = staff.locator("form[action$='/invite/emails/']")
    form.get_by_label("Email addresses, one a line").fill("a@firm.uz\nb@firm.uz")
    form.get_by_role("button", name="Invite").click()
    expect(staff.locator("main")).to_contain_text("2 people invited.")
    staff.get_by_role("button", name="Send 2 invitations").click()
    expect(staff.locator("main")).to_contain_text("2 invitations are being sent")
    _shot(staff, "staff_detail")
    staff.context.close()
