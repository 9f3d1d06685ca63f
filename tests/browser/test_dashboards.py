"""Each role signs in and finds on its dashboard the work waiting for it, in its language, with a
link to where the work is done."""

import datetime

import pytest
from playwright.sync_api import expect

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import OrganisationFactory, make_person, totp_code
from muhandis.exams.tests.conftest import sitting  # noqa: F401 - fixture
from tests.browser.test_application_journey import _sign_in
from tests.dashboards import (
    accepted,
    applied,
    assessed,
    essay_version,
    handed_in,
    open_sitting,
    schemes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _queue(page, label: str):
    return page.locator("[data-queue]", has_text=label)


def test_engineer_starts_the_open_exam_and_sees_the_application_wait_for_referees(
    page,
    engineer,
    examiner,
    sitting,  # noqa: F811
):
    from muhandis.exams.attempts import services as attempts
    from muhandis.exams.models import Registration

    applied(engineer, schemes()["CE-WSS-II"], answering=1)
    registration = Registration.objects.create(sitting=sitting, candidate=engineer, language="en")
    attempts.check_identity(registration=registration, actor=examiner)

    _sign_in(page, engineer.email)
    page.goto("/uz/dashboard/")
    main = page.locator("main")
    expect(main).to_contain_text("Tavsiya beruvchilar kutilmoqda (2 tadan 1 tasi javob berdi)")
    exams = page.locator("[data-section='exams.candidate']")
    expect(exams).to_contain_text("Boshlashga tayyor")
    exams.get_by_role("button", name="Imtihonni boshlash").click()
    expect(page.locator("[data-seconds-left]")).to_contain_text(":")

    page.goto("/uz/dashboard/")
    expect(exams).to_contain_text("Jarayonda")
    exams.get_by_role("link", name="Imtihonni davom ettirish").click()
    expect(page.locator("[data-seconds-left]")).to_contain_text(":")


def test_registrar_sees_how_many_applications_wait_and_opens_the_queue(page, registrar):
    by_code = schemes()
    waiting = [make_person(Role.ENGINEER) for _ in range(3)]
    for person in waiting:
        applied(person, by_code["CE-WSS-I"], answering=2)

    _sign_in(page, registrar.email, code=totp_code)
    page.goto("/ru/dashboard/registrar/")
    queue = _queue(page, "Заявления на проверку допуска")
    expect(queue.locator("[data-count]")).to_have_text("3")
    expect(_queue(page, "Жалобы, которые нужно принять к рассмотрению")).to_contain_text("0")
    queue.get_by_role("link").click()
    for person in waiting:
        expect(page.locator("main")).to_contain_text(person.display_name)


def test_examiner_sees_the_scripts_to_mark_and_opens_the_marking_queue(page, examiner):
    past = open_sitting(schemes()["CE-WSS-I"], opens_in=-datetime.timedelta(days=1))
    version = essay_version(make_person(Role.EXAMINER, two_factor=True))
    for _ in range(2):
        handed_in(past, make_person(Role.ENGINEER), version)

    _sign_in(page, examiner.email, code=totp_code)
    page.goto("/uz/dashboard/examiner/")
    queue = _queue(page, "Tekshirilishi kerak boʻlgan ishlar")
    expect(queue.locator("[data-count]")).to_have_text("2")
    queue.get_by_role("link").click()
    expect(page).to_have_url(f"{page.url.split('/uz/')[0]}/uz/exams/staff/marking/")


def test_committee_member_sees_the_vote_due_and_opens_it(page, registrar, examiner):
    member = make_person(Role.COMMITTEE, two_factor=True)
    candidate = make_person(Role.ENGINEER, given_name="Bahodir", family_name="Yoqubov")
    colleague = make_person(Role.ENGINEER, given_name="Sanjar", family_name="Hamkasbov")
    by_code = schemes()
    for person in (candidate, colleague):
        assessed(accepted(person, by_code["CE-WSS-I"], registrar), examiner, registrar)
    firm = OrganisationFactory()
    for person in (member, colleague):
        person.employments.create(organisation=firm, relation="employee")

    _sign_in(page, member.email, code=totp_code)
    page.goto("/ru/dashboard/")
    votes = page.locator("[data-section='certification.committee']")
    expect(votes).to_contain_text("Решения по сертификации, ожидающие вашего голоса")
    expect(votes).to_contain_text("Bahodir Yoqubov")
    expect(votes).not_to_contain_text("Sanjar Hamkasbov")
    votes.get_by_role("link", name="Bahodir Yoqubov").click()
    expect(page.locator("main h1")).to_contain_text("Bahodir Yoqubov")


def test_other_roles_see_what_exists_for_them_and_no_promises(page, employer):
    from muhandis.accounts import services

    organisation = OrganisationFactory(name="Suvloyiha LLC")
    employer.employments.create(organisation=organisation, relation="representative")
    services.grant_role(user=employer, role=Role.TRAINER, actor=None, reason="test")

    _sign_in(page, employer.email)
    page.goto("/en/dashboard/")
    main = page.locator("main")
    expect(page.locator("[data-role='employer']")).to_contain_text("Suvloyiha LLC")
    expect(page.locator("[data-role='trainer']")).to_contain_text(
        "No session of yours is coming up."
    )
    text = main.inner_text()
    assert "will be listed here" not in text
    assert "will appear here" not in text


def test_administrator_reads_who_was_given_which_role(page, administrator):
    from muhandis.accounts import services

    newcomer = make_person(None, given_name="Nodira", family_name="Rahimova")
    services.grant_role(user=newcomer, role=Role.EXAMINER, actor=administrator, reason="test")

    _sign_in(page, administrator.email, code=totp_code)
    page.goto("/ru/dashboard/admin/")
    changes = page.locator("[data-section='accounts.administration']")
    expect(changes).to_contain_text("Роль назначена: Экзаменатор / эксперт-оценщик")
    expect(changes).to_contain_text("Nodira Rahimova")
    changes.get_by_role("link", name="Управление пользователями и ролями").click()
    expect(page.locator("main")).to_contain_text("Nodira Rahimova")


def test_report_viewer_reads_engineers_by_region_and_gender_with_small_counts_hidden(
    page, report_viewer
):
    from muhandis.accounts.models import Region

    region = Region.objects.filter(code="UZ-SA").get()
    for _ in range(6):
        make_person(Role.ENGINEER, gender="female", region=region)
    make_person(Role.ENGINEER, gender="male", region=region)

    _sign_in(page, report_viewer.email)
    page.goto("/uz/dashboard/")
    row = page.locator("#gender-by-region tbody tr", has_text=region.name_uz)
    expect(row.locator("td").nth(0)).to_have_text("6")
    expect(row.locator("td").nth(1)).to_have_text("<5")
