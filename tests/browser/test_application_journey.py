import re

import pytest
from playwright.sync_api import expect

from muhandis.certification import demo
from muhandis.certification.tests.conftest import PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery-staple"


def _sign_in(page, email, code=None):
    page.goto("/en/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    if code:
        page.locator("input[name=code]").fill(code())
        page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def _sign_out(page):
    page.locator("form[action$='/account/logout/'] button").evaluate("b => b.form.submit()")
    expect(page.locator("a[href$='/account/login/']").first).to_be_visible()


def test_candidate_applies_a_referee_confirms_and_the_registrar_accepts(
    page, engineer, registrar, mailoutbox, tmp_path
):
    from muhandis.accounts.tests.factories import totp_code

    demo.load(lambda line: None)
    diploma = tmp_path / "diploma.pdf"
    diploma.write_bytes(PDF)

    _sign_in(page, engineer.email)
    page.get_by_role("link", name="Certification").first.click()
    page.get_by_role("link", name=re.compile("Sanitation, level I$")).click()
    page.get_by_role("button", name="Apply for this certification").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("level I")

    page.locator("#id_education-level").select_option("bachelor")
    page.locator("#id_education-institution").fill("TDTU")
    page.locator("#id_education-field").fill("Water supply")
    page.locator("#id_education-year").fill("2015")
    page.get_by_role("button", name="Add education").click()
    page.locator("#id_experience-employer").fill("Suvloyiha")
    page.locator("#id_experience-position").fill("Engineer")
    page.locator("#id_experience-start_date").fill("2016-01-10")
    page.get_by_role("button", name="Add experience").click()
    for n in range(2):
        page.locator("#id_referee-name").fill(f"Referee {n}")
        page.locator("#id_referee-email").fill(f"ref{n}@example.uz")
        page.locator("#id_referee-relation").fill("My manager")
        page.get_by_role("button", name="Add referee").click()
    page.locator("#id_evidence-kind").select_option("diploma")
    page.locator("#id_evidence-file").set_input_files(str(diploma))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name="diploma.pdf")).to_be_visible()
    page.get_by_label("I have read the scheme's code of conduct").check()
    page.get_by_label("I agree that the association processes").check()
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".alert-success")).to_contain_text("submitted")
    _sign_out(page)

    for message in [m for m in mailoutbox if "/referee/" in m.body]:
        token = re.search(r"/certification/referee/(\S+)/", message.body).group(1)
        page.goto(f"/en/certification/referee/{token}/")
        page.get_by_label("I confirm the candidate's experience").check()
        page.get_by_label("years of the candidate's work you can confirm").fill("9")
        page.get_by_role("button", name="Send my answer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")

    _sign_in(page, registrar.email, code=totp_code)
    page.goto("/en/certification/registrar/applications/")
    page.get_by_role("link", name=engineer.display_name).click()
    expect(page.locator("#eligibility")).to_contain_text("2 of 2 confirmed")
    page.get_by_label("Accept for assessment").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Accepted for assessment").first).to_be_visible()
    # The candidate is told in their own language (Uzbek here).
    assert "arizangizni baholashga qabul qildi" in mailoutbox[-1].body
