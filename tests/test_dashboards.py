"""Each role's dashboard shows the work waiting for that person, links to where it is done,
shows it to nobody else, and reads it in a fixed number of queries."""

import re
from html import unescape

import pytest
from django.utils import translation

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.certification.models import Application

from .dashboards import busy_association

pytestmark = pytest.mark.django_db

# One section per domain the person works in, each in a fixed number of queries
# (tests/test_query_counts.py: DASHBOARD_BUDGET).
BUDGET = 14


@pytest.fixture
def panel_member(db):
    return make_person(Role.COMMITTEE, two_factor=True)


@pytest.fixture
def busy(engineer, registrar, examiner, committee_member, panel_member):
    with translation.override("en"):
        return busy_association(
            engineer=engineer,
            registrar=registrar,
            examiner=examiner,
            committee_member=committee_member,
            panel_member=panel_member,
        )


def _text(response) -> str:
    """The page's text, tags removed and spaces collapsed, as a reader meets it."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _read(client, person, url: str) -> str:
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return _text(response)


# What each role sees ---------------------------------------------------------------------------


def test_engineer_sees_open_exam_application_state_certificate_and_cpd(client, busy, engineer):
    text = _read(client, engineer, "/en/dashboard/engineer/")
    assert "Your exams" in text
    assert "Ready to start" in text
    assert "Start the exam" in text
    assert "Waiting for referees (1 of 2 has answered)" in text
    assert busy.engineer_certificate.number in text
    assert "Valid until" in text
    assert "CPD: 30 of 150 hours verified" in text
    assert "12 hours waiting for verification" in text
    assert "will appear here" not in text


def test_the_exam_start_posts_to_the_candidates_own_registration(client, busy, engineer):
    client.force_login(engineer)
    html = client.get("/en/dashboard/engineer/").content.decode()
    assert f'action="/en/exams/registrations/{busy.engineer_registration.pk}/start/"' in html


def test_an_exam_under_way_is_resumed_from_the_dashboard(client, busy, engineer):
    import datetime

    from django.utils import timezone

    from muhandis.exams.models import Attempt

    now = timezone.now()
    attempt = Attempt.objects.create(
        registration=busy.engineer_registration,
        seed=1,
        form=[],
        started_at=now,
        deadline=now + datetime.timedelta(hours=1),
    )
    client.force_login(engineer)
    html = client.get("/en/dashboard/engineer/").content.decode()
    assert "Resume the exam" in _text(client.get("/en/dashboard/engineer/"))
    assert f'href="/en/exams/attempts/{attempt.public_id}/"' in html


@pytest.mark.parametrize(
    ("status", "said"),
    [
        ("draft", "Waiting for you to complete and submit it"),
        ("submitted", "Waiting for the registrar's eligibility decision"),
        ("info_requested", "The registrar asked you for more information"),
        ("accepted", "Waiting for assessment and for the written examination"),
    ],
)
def test_each_application_state_is_said_in_words(client, engineer, status, said):
    from .dashboards import applied, schemes

    application = applied(engineer, schemes()["CE-WSS-I"], submit=status != "draft", answering=2)
    Application.objects.filter(pk=application.pk).update(status=status)
    assert said in _read(client, engineer, "/en/dashboard/engineer/")


def test_an_assessed_application_waits_for_the_committee(client, engineer, registrar, examiner):
    from .dashboards import accepted, assessed, schemes

    assessed(accepted(engineer, schemes()["CE-WSS-I"], registrar), examiner, registrar)
    text = _read(client, engineer, "/en/dashboard/engineer/")
    assert "Waiting for the certification committee's decision" in text


def test_registrar_sees_queue_counts_and_deadlines(client, busy, registrar):
    client.force_login(registrar)
    html = client.get("/en/dashboard/registrar/").content.decode()
    queues = dict(
        (re.sub(r"\s+", " ", label).strip(), int(count))
        for count, label in re.findall(r"data-count>(\d+)</span>\s*<a [^>]*>([^<]+)</a>", html)
    )
    assert queues["Applications to check for eligibility"] == busy.submitted
    assert queues["Accepted applications without an assessor"] == busy.unassigned
    assert queues["CPD activities to verify"] == 3
    assert queues["Drawn for the CPD audit, to verify first"] == 2
    assert queues["Appeals to acknowledge"] == 1
    assert queues["Appeals waiting for a panel"] == 0
    assert queues["Complaints to acknowledge"] == 1
    assert queues["Results to release"] == 1
    assert "/en/certification/registrar/applications/?status=submitted" in html
    assert "Next deadline" in _text(client.get("/en/dashboard/registrar/"))


def test_examiner_sees_scripts_to_mark_items_to_review_and_assessments(client, busy, examiner):
    client.force_login(examiner)
    html = client.get("/en/dashboard/examiner/").content.decode()
    text = _text(client.get("/en/dashboard/examiner/"))
    assert re.search(r"data-count>4</span>\s*<a [^>]*>Scripts to mark", html)
    assert re.search(r"data-count>1</span>\s*<a [^>]*>Item versions to review", html)
    assert "Assessments assigned to you" in text
    assert "Waiting for the conflict-of-interest declaration" in text
    assert 'href="/en/exams/staff/marking/"' in html


def test_committee_member_sees_votes_due_but_not_a_colleagues(client, busy, committee_member):
    text = _read(client, committee_member, "/en/dashboard/committee/")
    assert busy.ready.candidate.display_name in text
    assert busy.colleague_ready.candidate.display_name not in text
    assert busy.renewal.certificate.number in text
    assert busy.appeal_under_review.appellant.display_name in text


def test_a_vote_cast_leaves_the_dashboard(client, busy, committee_member):
    from muhandis.certification import services

    services.cast_vote(
        application=busy.ready, actor=committee_member, outcome="grant", reasons="Competent."
    )
    text = _read(client, committee_member, "/en/dashboard/committee/")
    assert busy.ready.candidate.display_name not in text
    assert "No certification decision waits for your vote." in text


def test_training_manager_sees_sessions_filling_and_money_received(client, training_manager):
    from decimal import Decimal

    from muhandis.billing import services as billing
    from muhandis.billing.tests.factories import IssuerFactory
    from muhandis.training.tests.factories import CourseSessionFactory, EnrolmentFactory

    IssuerFactory()
    session = CourseSessionFactory(course__code="RAIN-1", max_seats=12)
    for _ in range(3):
        EnrolmentFactory(session=session, status="paid")
    payer = EnrolmentFactory(session=session).person
    invoice = billing.create_invoice(
        payer=billing.Payer.for_person(payer),
        lines=[billing.LineIn(description="RAIN-1", unit_price=Decimal("1500000"))],
        currency="UZS",
        actor=None,
    )
    billing.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="bank", external_id="b-1"
    )
    text = _read(client, training_manager, "/en/dashboard/training_manager/")
    assert "does not hold courses" not in text
    assert "4 / 12" in text
    assert "Received by month" in text
    assert "1,500,000" in text


def test_trainer_sees_their_sessions_and_the_days_to_mark_today(client, trainer):
    from muhandis.training.tests.factories import EnrolmentFactory
    from muhandis.training.tests.factories_attendance import session_with_days

    today = session_with_days(trainer=trainer, days=2, course__title="Rainwater harvesting")
    EnrolmentFactory(session=today, status="paid")
    session_with_days(days=1, course__title="Someone else's course")
    text = _read(client, trainer, "/en/dashboard/trainer/")
    assert "does not hold courses" not in text
    assert "Mark attendance: Rainwater harvesting" in text
    assert "Someone else" not in text


def test_counts_and_dates_are_in_the_readers_language(client, busy, engineer, registrar):
    text = _read(client, registrar, "/ru/dashboard/registrar/")
    assert "Заявления на проверку допуска" in text
    text = _read(client, engineer, "/uz/dashboard/engineer/")
    assert "Tavsiya beruvchilar kutilmoqda (2 tadan 1 tasi javob berdi)" in text


# Who sees what -----------------------------------------------------------------------------------


def test_a_person_with_several_roles_sees_each_section(client, busy, engineer):
    from muhandis.accounts import services

    services.grant_role(user=engineer, role=Role.EMPLOYER, actor=None, reason="test")
    text = _read(client, engineer, "/en/dashboard/")
    assert "Waiting for referees" in text
    assert "Organisations you represent" in text


def test_a_stranger_sees_no_ones_work(client, busy, stranger):
    text = _read(client, stranger, "/en/dashboard/")
    assert "You have no role yet." in text
    for other in ("Scripts to mark", "Applications to check", busy.ready.candidate.display_name):
        assert other not in text


@pytest.mark.parametrize("role", ["registrar", "examiner", "committee"])
def test_an_engineer_cannot_open_staff_dashboards(client, busy, engineer, role):
    client.force_login(engineer)
    assert client.get(f"/en/dashboard/{role}/").status_code == 403
    text = _read(client, engineer, "/en/dashboard/")
    assert "Applications to check" not in text
    assert "Scripts to mark" not in text


def test_staff_without_two_factor_see_only_their_other_roles(client, busy, engineer):
    from muhandis.accounts import services

    services.grant_role(user=engineer, role=Role.REGISTRAR, actor=None, reason="test")
    text = _read(client, engineer, "/en/dashboard/")
    assert "Waiting for referees" in text
    assert "Applications to check" not in text
    assert "open only after you turn on two-factor authentication" in text


def test_an_engineer_sees_only_their_own_applications(client, busy, stranger):
    from muhandis.accounts import services

    services.grant_role(user=stranger, role=Role.ENGINEER, actor=None, reason="test")
    text = _read(client, stranger, "/en/dashboard/engineer/")
    assert "You have no application under way." in text
    assert busy.engineer_certificate.number not in text
    assert "Your exams" not in text


# Queries -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["engineer", "registrar", "examiner", "committee_member", "employer", "trainer"]
)
def test_each_role_dashboard_reads_in_a_fixed_number_of_queries(
    client, request, busy, persona, django_assert_max_num_queries
):
    person = request.getfixturevalue(persona)
    role = {"committee_member": "committee"}.get(persona, persona)
    client.force_login(person)
    client.get(f"/uz/dashboard/{role}/")  # the session's idle clock is refreshed once a minute
    with django_assert_max_num_queries(BUDGET):
        assert client.get(f"/uz/dashboard/{role}/").status_code == 200


def test_the_query_count_does_not_grow_with_the_work(
    client, busy, engineer, registrar, examiner, committee_member, django_assert_num_queries
):
    from .dashboards import accepted, applied, assessed, certificate_of, handed_in, schemes

    urls = {
        engineer: "/uz/dashboard/engineer/",
        registrar: "/uz/dashboard/registrar/",
        examiner: "/uz/dashboard/examiner/",
        committee_member: "/uz/dashboard/committee/",
    }

    def count(person) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(person)
        client.get(urls[person])
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[person])
        return len(queries)

    before = {person: count(person) for person in urls}
    by_code = schemes()
    certificate_of(engineer, by_code["CE-CON"])
    applied(engineer, by_code["CE-WSS-III"], submit=False)
    for _ in range(3):
        someone = make_person(Role.ENGINEER)
        assessed(accepted(someone, by_code["CE-WSS-I"], registrar), examiner, registrar)
        applied(make_person(Role.ENGINEER), by_code["CE-CON"])
    from muhandis.exams.models import Answer, Sitting

    version = Answer.objects.first().version
    handed_in(Sitting.objects.last(), make_person(Role.ENGINEER), version)
    for person, queries in before.items():
        assert count(person) == queries, urls[person]


def test_the_role_where_work_waits_comes_first(client, busy, registrar):
    from muhandis.accounts import services

    services.grant_role(user=registrar, role=Role.ENGINEER, actor=None, reason="test")
    text = _read(client, registrar, "/en/dashboard/")
    assert text.index("Applications to check") < text.index("Your certification applications")


def test_administrator_reads_role_changes_in_words(client, administrator, engineer):
    from muhandis.accounts import services

    services.grant_role(user=engineer, role=Role.TRAINER, actor=administrator, reason="courses")
    text = _read(client, administrator, "/en/dashboard/admin/")
    assert "Role granted: Trainer · Dilnoza Karimova" in text
    assert "accounts.role.granted" not in text


def test_an_engineers_own_dashboard_reads_in_a_fixed_number_of_queries(
    client, busy, engineer, django_assert_max_num_queries
):
    client.force_login(engineer)
    client.get("/uz/dashboard/")
    with django_assert_max_num_queries(BUDGET):
        assert client.get("/uz/dashboard/").status_code == 200
