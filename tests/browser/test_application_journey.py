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


def _person(browser, live_server):
    """A browser of its own for each person, as if each sat at their own computer."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", accept_downloads=True)
    person = context.new_page()
    person.set_default_timeout(15_000)
    return person


def test_the_whole_journey_from_application_to_a_suspended_certificate(
    page,
    browser,
    live_server,
    settings,
    engineer,
    registrar,
    examiner,
    committee_member,
    mailoutbox,
    tmp_path,
):
    """A candidate applies, referees confirm, the registrar accepts, an assessor assesses, two
    committee members grant, the candidate downloads the PDF, a visitor follows its QR link and
    sees the certificate valid, the registrar suspends it and the visitor sees it suspended."""
    import io

    from pypdf import PdfReader

    from muhandis.accounts.tests.factories import make_person, totp_code

    settings.SITE_URL = live_server.url
    second_member = make_person("committee", two_factor=True)

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

    office = _person(browser, live_server)  # the registrar's computer
    _sign_in(office, registrar.email, code=totp_code)
    office.goto("/en/certification/registrar/applications/")
    office.get_by_role("link", name=engineer.display_name).click()
    expect(office.locator("#eligibility")).to_contain_text("2 of 2 confirmed")
    office.get_by_label("Accept for assessment").check()
    office.get_by_role("button", name="Record the decision").click()
    expect(office.get_by_text("Accepted for assessment").first).to_be_visible()
    # The candidate is told in their own language (Uzbek here).
    assert "arizangizni baholashga qabul qildi" in mailoutbox[-1].body
    office.get_by_label("assessor").select_option(label=examiner.display_name)
    office.get_by_role("button", name="Assign").click()
    expect(office.get_by_text("The assessor has been assigned.")).to_be_visible()

    assessor = _person(browser, live_server)
    _sign_in(assessor, examiner.email, code=totp_code)
    assessor.goto("/en/certification/assessments/")
    assessor.get_by_role("link", name=re.compile("level I")).first.click()
    assessor.get_by_role("button", name="Record my declaration").click()  # no conflict
    competencies = assessor.locator("details")
    for index in range(competencies.count()):
        item = assessor.locator("details").nth(index)
        item.locator("summary").click()
        item.get_by_label("Level shown").fill("3")
        item.get_by_label("Evidence").fill("Designed two networks; portfolio reviewed.")
        item.get_by_role("button", name="Save").click()
    assessor.get_by_label("written examination score (%)").fill("82")
    assessor.get_by_role("button", name="Enter the result").click()
    assessor.get_by_label("Grant", exact=True).check()
    assessor.get_by_label("reasons").fill("Meets every required level.")
    assessor.get_by_role("button", name="Complete").click()
    expect(assessor.get_by_text("Meets every required level.")).to_be_visible()

    for member in (committee_member, second_member):
        voter = _person(browser, live_server)
        _sign_in(voter, member.email, code=totp_code)
        voter.goto("/en/certification/committee/")
        voter.get_by_role("link", name=engineer.display_name).click()
        voter.get_by_label("Grant", exact=True).check()
        voter.get_by_label("reasons").fill("The assessment and the exam support it.")
        voter.get_by_role("button", name="Cast my vote").click()
        voter.context.close()

    _sign_in(page, engineer.email)
    page.goto("/en/certification/applications/")
    page.get_by_role("link", name=re.compile("level I")).first.click()
    page.get_by_role("link", name="See your certificate").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF certificate").click()
    with open(download.value.path(), "rb") as pdf:
        text = PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text()
    link = re.search(r"(http://\S+/verify/MHD-\S+)", text).group(1)

    visitor = _person(browser, live_server)  # anyone, not signed in, following the QR code
    visitor.goto(link)
    expect(visitor.get_by_role("status")).to_contain_text("Valid")
    number = link.rsplit("/", 1)[1]
    expect(visitor.locator("main")).to_contain_text(number)

    office.reload()  # the application the registrar accepted now names its certificate
    office.get_by_role("link", name=number).click()
    office.get_by_role("radio", name="Suspend").check()
    office.locator("#id_status-reason").fill("Complaint under investigation.")
    office.get_by_role("button", name="Record the decision").click()
    expect(office.get_by_text("The decision has been recorded.")).to_be_visible()

    visitor.reload()
    expect(visitor.get_by_role("status")).to_contain_text("Suspended")
    expect(visitor.locator("main")).not_to_contain_text("Complaint under investigation.")
