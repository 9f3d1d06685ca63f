"""A candidate sits an exam in Chromium: answers are saved as they are given, a reload finds
them in place, and when the time runs out the exam is handed in by the server."""

import datetime

import pytest
from playwright.sync_api import expect

from muhandis.exams.tests.conftest import attempt, sitting  # noqa: F401 - fixtures
from muhandis.exams.tests.support import item_of_kind
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answers_survive_a_reload_and_the_time_running_out(page, attempt, engineer):  # noqa: F811
    from muhandis.exams.models import Answer

    single = item_of_kind(attempt, "single")
    numeric = item_of_kind(attempt, "numeric")
    _sign_in(page, engineer.email)
    page.goto(f"/en/exams/attempts/{attempt.public_id}/")
    expect(page.locator("[data-seconds-left]")).to_contain_text(":")
    page.locator(f"#q{single.pk}-1").check()
    expect(page.locator(f"#saved-{single.pk}")).to_contain_text("Saved at")
    page.locator(f"#q{numeric.pk}-value").fill("0,955")
    page.locator(f"#q{numeric.pk}-value").press("Tab")  # leaving the field saves it
    expect(page.locator(f"#saved-{numeric.pk}")).to_contain_text("Saved at")
    # Typed with a comma on an English page: the box shows it as English writes it.
    expect(page.locator(f"#q{numeric.pk}-value")).to_have_value("0.955")

    page.reload()
    expect(page.locator(f"#q{single.pk}-1")).to_be_checked()
    expect(page.locator(f"#q{numeric.pk}-value")).to_have_value("0.955")

    # The server's deadline comes: the page counts down to it and reloads to the result.
    attempt.deadline = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=3)
    attempt.save(update_fields=["deadline"])
    page.reload()
    expect(page.get_by_text("The time was over")).to_be_visible(timeout=15_000)
    assert Answer.objects.filter(attempt=attempt).count() == 2


def _png() -> bytes:
    """A real 2 x 2 grey PNG, so that the browser can draw it."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_formulas_are_typeset_and_images_shown_within_the_security_policy(
    page,
    attempt,  # noqa: F811
    engineer,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from muhandis.exams.models import ItemImage

    single = item_of_kind(attempt, "single")
    single.content["texts"]["en"] = (
        "The pipe in [image:1] carries \\( Q = 30 \\) l/s.\n\\[ v = \\frac{Q}{A} \\]\nFind v."
    )
    single.save(update_fields=["content"])
    ItemImage.objects.create(
        item=single.item,
        number=1,
        file=SimpleUploadedFile("pipe.png", _png()),
        content_type="image/png",
        sha256="0" * 64,
        alt={"en": "A pipe of 200 mm diameter"},
    )
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    _sign_in(page, engineer.email)
    page.goto(f"/en/exams/attempts/{attempt.public_id}/")
    question = page.locator(f"form:has(#saved-{single.pk}) .question-text")
    expect(question.locator("math")).to_have_count(2)
    expect(question.locator('math[display="block"]')).to_have_count(1)
    expect(question.locator("math mfrac")).to_be_visible()
    page.screenshot(path="/tmp/exam-math.png")  # noqa: S108
    image = question.get_by_role("img", name="A pipe of 200 mm diameter")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 2
    assert refused == []


def test_a_second_tab_is_told_and_logged(browser, live_server, page, sitting, engineer, examiner):  # noqa: F811
    from muhandis.exams.attempts import services as attempts
    from muhandis.exams.models import Attempt, AttemptEvent, Registration

    registration = Registration.objects.create(sitting=sitting, candidate=engineer, language="en")
    attempts.check_identity(registration=registration, actor=examiner)
    _sign_in(page, engineer.email)
    page.goto("/en/exams/")
    expect(page.locator("[data-status]")).to_have_text("Ready to start")
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator("[data-seconds-left]")).to_contain_text(":")
    started = Attempt.objects.get(registration=registration)
    tab_id = page.evaluate("() => sessionStorage.getItem('muhandis-exam-device')")
    assert started.device == tab_id
    single = item_of_kind(started, "single")
    page.locator(f"#q{single.pk}-0").check()
    expect(page.locator(f"#saved-{single.pk}")).to_contain_text("Saved at")
    expect(page.locator(f"#saved-{single.pk} [data-second-device]")).to_have_count(0)

    other = browser.new_context(base_url=live_server.url)
    try:
        second = other.new_page()
        second.set_default_timeout(15_000)
        _sign_in(second, engineer.email)
        second.goto(f"/en/exams/attempts/{started.public_id}/")
        second.locator(f"#q{single.pk}-1").check()
        saved = second.locator(f"#saved-{single.pk}")
        expect(saved).to_contain_text("Saved at")
        expect(saved).to_contain_text("This exam is also open in another tab or on another device")
    finally:
        other.close()
    assert AttemptEvent.objects.filter(attempt=started, kind="second_device").count() == 1
    page.reload()  # the first tab keeps its id across a reload and is not taken for another
    expect(page.locator(f"#q{single.pk}-1")).to_be_checked()
    page.locator(f"#q{single.pk}-0").check()
    expect(page.locator(f"#saved-{single.pk}")).to_contain_text("Saved at")
    expect(page.locator(f"#saved-{single.pk} [data-second-device]")).to_have_count(0)
