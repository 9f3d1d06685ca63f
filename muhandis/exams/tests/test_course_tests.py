"""Issue 14, "Pre- and post-test drawn from the existing item bank … showing the learning gain
per competency (Kirkpatrick level 2)": a course's test blueprint, its sessions' pre-test and
post-test with the participants registered automatically, results released at once, the
post-test result passed to the enrolment, and the learning gain (decision 0010)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from muhandis.accounts.tests.factories import make_person
from muhandis.competencies.models import Competency
from muhandis.core.models import AuditEntry
from muhandis.exams.attempts import services as attempts
from muhandis.exams.bank import services as bank
from muhandis.exams.blueprints.course_tests import save_course_blueprint
from muhandis.exams.blueprints.services import RowSpec
from muhandis.exams.models import (
    Blueprint,
    BlueprintRow,
    ItemVersion,
    Registration,
    Result,
    Sitting,
)
from muhandis.exams.results import learning_gain
from muhandis.exams.sittings import course_tests
from muhandis.training.models import CourseCompetency, SessionTrainer
from muhandis.training.tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    EnrolmentFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def tree():
    """Two competencies of the default framework the course develops (the second with a
    competency under it), and one it does not."""
    tops = list(
        Competency.objects.filter(framework__code="MUHANDIS-CORE", parent=None).order_by(
            "area__sort_order", "sort_order", "code"
        )
    )
    first, second, other = tops[0], tops[1], tops[-1]
    child = Competency.objects.create(
        framework=second.framework,
        area=second.area,
        parent=second,
        code=f"{second.code}-X",
        title="Stormwater detention",
    )
    return first, second, child, other


def _item(examiner, reviewer, manager, code, competency):
    """An active single-choice item in uz, ru and en; option 0 is right."""
    texts = {lang: f"{code} ({lang})" for lang in ("uz", "ru", "en")}
    options = [
        {"texts": {lang: "right" for lang in texts}, "fraction": 1.0},
        {"texts": {lang: "wrong" for lang in texts}, "fraction": 0.0},
    ]
    item = bank.create_item(
        actor=examiner,
        code=code,
        kind="single",
        content={"texts": texts, "options": options},
        competencies=[competency],
    )
    version = item.versions.get()
    bank.review(version=version, actor=reviewer)
    bank.activate(version=version, actor=manager)
    return version


@pytest.fixture
def course(tree, examiner, registrar):
    """A course developing the first two competencies, and two items of each row in the
    bank: the first competency, and the competency under the second."""
    first, second, child, other = tree
    course = CourseFactory()
    CourseCompetency.objects.create(course=course, competency=first)
    CourseCompetency.objects.create(course=course, competency=second)
    reviewer = make_person("examiner", two_factor=True)
    for number, competency in enumerate([first, first, child, child, other]):
        _item(examiner, reviewer, registrar, f"CT-{number:04d}", competency)
    return course


def _save(course, actor, rows, **extra):
    settings = {"time_limit_minutes": 30, "pass_mark": 60, "form_mode": "random"}
    return save_course_blueprint(course=course, actor=actor, rows=rows, **{**settings, **extra})


@pytest.fixture
def blueprint(course, tree, training_manager):
    first, _second, child, _other = tree
    return _save(
        course, training_manager, [RowSpec(first.code, None, 2), RowSpec(child.code, None, 2)]
    )


@pytest.fixture
def session(course):
    return CourseSessionFactory(
        course=course,
        language="ru",
        starts_at=NOW - datetime.timedelta(days=2),
        ends_at=NOW - datetime.timedelta(hours=1),
        enrolment_deadline=NOW - datetime.timedelta(days=5),
    )


def _open(session, purpose, manager):
    return course_tests.open_course_test(
        session=session,
        purpose=purpose,
        actor=manager,
        opens_at=NOW - datetime.timedelta(hours=1),
        closes_at=NOW + datetime.timedelta(hours=2),
    )


# The constraints -------------------------------------------------------------------------------


def test_a_blueprint_belongs_to_a_scheme_or_a_course_never_both_nor_neither(course, level_two):
    Blueprint.objects.create(course=course, time_limit_minutes=30, pass_mark=60)
    with pytest.raises(IntegrityError), transaction.atomic():
        Blueprint.objects.create(time_limit_minutes=30, pass_mark=60)
    with pytest.raises(IntegrityError), transaction.atomic():
        Blueprint.objects.create(
            scheme=level_two, course=CourseFactory(), time_limit_minutes=30, pass_mark=60
        )
    exam = Blueprint.objects.create(scheme=level_two, time_limit_minutes=30, pass_mark=60)
    assert str(exam) == f"CE-WSS-II v{level_two.version}"
    assert exam.title == level_two.title
    test = Blueprint.objects.get(course=course)
    assert str(test) == course.code
    assert test.title == course.title


def test_a_course_test_sitting_names_its_session_and_purpose_once(blueprint, session):
    window = {"opens_at": NOW, "closes_at": NOW + datetime.timedelta(hours=1)}
    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.create(blueprint=blueprint, course_session=session, **window)
    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.create(blueprint=blueprint, purpose="pre_test", **window)
    Sitting.objects.create(
        blueprint=blueprint, course_session=session, purpose="pre_test", **window
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.create(
            blueprint=blueprint, course_session=session, purpose="pre_test", **window
        )


# The course's test blueprint -------------------------------------------------------------------


def test_rows_name_the_courses_competencies_or_those_under_them(course, tree, training_manager):
    _first, second, child, other = tree
    saved = _save(course, training_manager, [RowSpec(second.code, None, 1)])
    assert saved.course == course
    assert saved.scheme is None
    saved = _save(course, training_manager, [RowSpec(child.code, None, 2)])
    assert list(saved.rows.values_list("area_code", flat=True)) == [child.code]
    with pytest.raises(ValidationError) as refused:
        _save(course, training_manager, [RowSpec(other.code, None, 1)])
    assert other.code in str(refused.value)
    assert AuditEntry.objects.filter(action="exams.course_blueprint.saved").count() == 2


def test_only_the_training_manager_or_an_administrator_writes_a_course_test(
    course, tree, registrar, trainer, administrator
):
    row = [RowSpec(tree[0].code, None, 1)]
    for person in (registrar, trainer):
        with pytest.raises(PermissionDenied):
            _save(course, person, row)
    assert _save(course, administrator, row).course == course


# Opening the tests and registering the participants -----------------------------------------


def test_opening_a_test_registers_the_participants_holding_a_seat_in_the_sessions_language(
    blueprint, session, training_manager, django_capture_on_commit_callbacks
):
    sitting_ones = [
        EnrolmentFactory(session=session, status=status)
        for status in ("confirmed", "paid", "attended")
    ]
    for status in ("requested", "waitlisted", "cancelled", "offered"):
        EnrolmentFactory(session=session, status=status)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sitting = _open(session, "pre_test", training_manager)

    registrations = Registration.objects.filter(sitting=sitting)
    assert {r.candidate_id for r in registrations} == {e.person_id for e in sitting_ones}
    assert {r.language for r in registrations} == {"ru"}
    assert all(r.application_id is None for r in registrations)
    assert sitting.purpose == "pre_test"
    assert sitting.course_session == session
    assert len(mail.outbox) == 3
    assert blueprint.course.title in mail.outbox[0].subject

    late = EnrolmentFactory(session=session, status="paid")
    added = course_tests.register_participants(sitting=sitting, actor=training_manager)
    assert [r.candidate_id for r in added] == [late.person_id]
    assert course_tests.register_participants(sitting=sitting, actor=training_manager) == []


def test_a_test_is_opened_once_per_session_and_only_by_the_training_manager(
    blueprint, session, training_manager, registrar
):
    with pytest.raises(PermissionDenied):
        _open(session, "pre_test", registrar)
    _open(session, "pre_test", training_manager)
    with pytest.raises(ValidationError, match="pre-test is open already"):
        _open(session, "pre_test", training_manager)
    with pytest.raises(ValidationError):
        _open(session, "exam", training_manager)


def test_a_test_is_not_opened_without_the_courses_test(course, session, training_manager):
    with pytest.raises(ValidationError, match="Write the course's test first"):
        _open(session, "pre_test", training_manager)


# Sitting the tests: a full run ----------------------------------------------------------------


def _sit(sitting, person, right_per_row):
    """The participant starts at once (no identity check) and answers, in each row, the
    given number of items right and the rest wrong."""
    registration = Registration.objects.get(sitting=sitting, candidate=person)
    attempt = attempts.start(registration=registration, actor=person, now=NOW)
    versions = ItemVersion.objects.filter(pk__in=attempt.form).select_related("item")
    counts = BlueprintRow.objects.filter(blueprint=sitting.blueprint).values_list(
        "count", flat=True
    )
    assert sum(counts) == len(attempt.form)
    by_row = {}
    for version in versions:
        competency = version.item.competencies.get()
        by_row.setdefault(competency.code, []).append(version)
    for code, right in right_per_row.items():
        for index, version in enumerate(by_row[code]):
            attempts.save_answer(
                attempt=attempt,
                actor=person,
                version_id=version.pk,
                response={"choice": 0 if index < right else 1},
                now=NOW,
            )
    return attempts.submit(attempt=attempt, actor=person, now=NOW)


@pytest.fixture
def run(blueprint, session, tree, training_manager, monkeypatch):
    """Two participants sit both tests, a third only the pre-test; each post-test result
    passed to training is counted."""
    first, _second, child, _other = tree
    people = [EnrolmentFactory(session=session, status="paid") for _n in range(3)]
    passed_on = []
    from muhandis.exams.results import services as results

    real = results.record_post_test_result

    def counting(**kwargs):
        passed_on.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(results, "record_post_test_result", counting)
    pre = _open(session, "pre_test", training_manager)
    a, b = first.code, child.code
    _sit(pre, people[0].person, {a: 1, b: 0})  # 25 %
    _sit(pre, people[1].person, {a: 0, b: 1})  # 25 %
    _sit(pre, people[2].person, {a: 2, b: 2})  # only the pre-test
    assert passed_on == []
    post = _open(session, "post_test", training_manager)
    _sit(post, people[0].person, {a: 2, b: 1})  # 75 %
    _sit(post, people[1].person, {a: 1, b: 1})  # 50 %
    return people, pre, post, passed_on


def test_results_of_a_course_test_are_released_at_once_with_a_score_per_competency(run, tree):
    people, _pre, post, _passed_on = run
    first, _second, child, _other = tree
    result = Result.objects.get(
        attempt__registration__sitting=post, attempt__registration__candidate=people[0].person
    )
    assert result.released_at is not None
    assert result.percent == 75.0
    assert result.passed
    assert result.areas == {
        first.code: {"score": 2.0, "items": 2},
        child.code: {"score": 1.0, "items": 2},
    }
    assert Result.objects.filter(released_at__isnull=True).count() == 0


def test_each_post_test_result_is_passed_to_the_enrolment_once(run):
    people, _pre, post, passed_on = run
    assert [(c["enrolment"].pk, c["passed"], c["percent"]) for c in passed_on] == [
        (people[0].pk, True, 75.0),
        (people[1].pk, False, 50.0),
    ]
    from muhandis.exams.results.services import compute_if_complete

    for registration in Registration.objects.filter(sitting=post, attempt__isnull=False):
        compute_if_complete(registration.attempt)  # nothing changed: nothing passed on
    assert len(passed_on) == 2
    for enrolment, passed in ((people[0], True), (people[1], False), (people[2], None)):
        enrolment.refresh_from_db()
        assert enrolment.post_test_passed is passed
    recorded = AuditEntry.objects.filter(action="training.enrolment.post_test_scored")
    assert {e.actor_id for e in recorded} == {people[0].person_id, people[1].person_id}


def test_the_learning_gain_per_competency_counts_participants_with_both_tests(run, session, tree):
    first, _second, child, _other = tree
    gain = learning_gain.session_gain(session)
    rows = {r.code: r for r in gain.rows}
    # first: pre 50 and 0, post 100 and 50 → 25 → 75, gain 50, (75 − 25) / 75 = 0.67
    assert (rows[first.code].pre, rows[first.code].post) == (25.0, 75.0)
    assert rows[first.code].gain == 50.0
    assert rows[first.code].normalised == 0.67
    # under the second: pre 0 and 50, post 50 and 50 → 25 → 50, gain 25, 25 / 75 = 0.33
    assert (rows[child.code].pre, rows[child.code].post) == (25.0, 50.0)
    assert rows[child.code].gain == 25.0
    assert rows[child.code].normalised == 0.33
    # the whole test: 25 and 25 → 75 and 50: 25 → 62.5, gain 37.5, 37.5 / 75 = 0.5
    assert (gain.total.pre, gain.total.post, gain.total.normalised) == (25.0, 62.5, 0.5)
    assert [r.participants for r in gain.rows] == [2, 2, 2]
    assert gain.pre_only == 1
    assert gain.post_only == 0
    assert [r.code for r in gain.competencies] == [first.code, child.code]
    assert learning_gain.course_gain(session.course).rows == gain.rows


def test_the_normalised_gain_is_left_out_when_there_was_nothing_to_learn():
    rows = learning_gain.gain_rows(
        [({"A": 100.0, "": 100.0}, {"A": 100.0, "": 100.0})], {"A": "Pumps"}, "All"
    )
    assert rows[0].gain == 0.0
    assert rows[0].normalised is None


# Participants' pages --------------------------------------------------------------------------


def test_a_participant_starts_from_their_exams_page_without_an_identity_check(
    client, blueprint, session, training_manager
):
    enrolment = EnrolmentFactory(session=session, status="confirmed")
    sitting = _open(session, "pre_test", training_manager)
    registration = Registration.objects.get(sitting=sitting)
    client.force_login(enrolment.person)
    page = client.get(reverse("exams:my_exams")).content.decode()
    assert blueprint.course.title in page
    assert "Pre-test" in page
    assert "an invigilator checks your identity" not in page
    response = client.post(reverse("exams:start", args=[registration.pk]))
    registration.refresh_from_db()
    assert response["Location"] == reverse("exams:attempt", args=[registration.attempt.public_id])
    assert registration.identity_checked_at is None


# The pages and who may see them -------------------------------------------------------------


def test_the_training_manager_writes_the_test_and_opens_the_sessions_tests(
    client, course, tree, session, training_manager
):
    client.force_login(training_manager)
    url = reverse("exams:course_test_blueprint", args=[course.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert tree[2].code in page.content.decode()
    data = {
        "time_limit_minutes": 20,
        "pass_mark": 60,
        "form_mode": "random",
        "marking_threshold": 20,
        "area_0": tree[0].code,
        "count_0": 2,
    }
    assert client.post(url, data).status_code == 302
    assert Blueprint.objects.get(course=course).time_limit_minutes == 20
    refused = client.post(url, {**data, "area_0": tree[3].code})
    assert refused.status_code == 400
    EnrolmentFactory(session=session, status="paid")
    opened = client.post(
        reverse("exams:course_test_open", args=[session.pk, "pre_test"]),
        {
            "pre_test-opens_at": (NOW - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "pre_test-closes_at": (NOW + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert opened.status_code == 302
    assert Registration.objects.filter(sitting__course_session=session).count() == 1
    page = client.get(reverse("exams:course_test_session", args=[session.pk])).content.decode()
    assert "Open the post-test" in page
    short = client.post(
        reverse("exams:course_test_open", args=[session.pk, "post_test"]),
        {"post_test-opens_at": "2030-01-01T10:00", "post_test-closes_at": "2030-01-01T10:05"},
    )
    assert short.status_code == 400
    assert "shorter than the time the test allows" in short.content.decode()
    assert client.get(reverse("exams:course_tests")).status_code == 200


def test_the_session_page_lists_each_participants_two_scores(
    client, run, session, training_manager
):
    people = run[0]
    scores = learning_gain.participant_scores(session)
    by_name = {p.name: (p.pre, p.post, p.passed) for p in scores}
    assert by_name == {
        people[0].person.display_name: (25.0, 75.0, True),
        people[1].person.display_name: (25.0, 50.0, False),
        people[2].person.display_name: (100.0, None, None),
    }
    client.force_login(training_manager)
    page = client.get(reverse("exams:course_test_session", args=[session.pk])).content.decode()
    assert page.count("data-participant") == 3


def test_the_gain_page_shows_a_chart_and_a_table(client, run, session, training_manager):
    client.force_login(training_manager)
    page = client.get(reverse("exams:learning_gain_session", args=[session.pk])).content.decode()
    assert "<svg" in page
    assert '<title id="gain-title">' in page
    assert "before the course: 25,0 %" in page or "before the course: 25.0 %" in page
    assert "<script" not in page.split("<svg")[1]
    assert "data-normalised>0.67<" in page.replace(",", ".")
    course_page = client.get(reverse("exams:learning_gain_course", args=[session.course.pk]))
    assert course_page.status_code == 200


def test_the_sessions_trainers_see_its_learning_gain_and_strangers_do_not(
    client, blueprint, session, trainer, stranger
):
    SessionTrainer.objects.create(session=session, trainer=trainer)
    other_trainer = make_person("trainer")
    SessionTrainer.objects.create(session=CourseSessionFactory(), trainer=other_trainer)
    session_url = reverse("exams:learning_gain_session", args=[session.pk])
    course_url = reverse("exams:learning_gain_course", args=[session.course.pk])
    for url in (session_url, course_url):
        anonymous = client.get(url)
        assert anonymous.status_code == 302
        assert "/account/login/" in anonymous["Location"]
    for person in (stranger, other_trainer):
        client.force_login(person)
        assert client.get(session_url).status_code == 403
        assert client.get(course_url).status_code == 403
    client.force_login(trainer)
    assert client.get(session_url).status_code == 200
    assert client.get(course_url).status_code == 200


def test_a_trainer_finds_the_learning_gain_of_their_sessions_on_their_dashboard(
    client, blueprint, session, trainer, training_manager
):
    SessionTrainer.objects.create(session=session, trainer=trainer)
    client.force_login(trainer)
    with translation.override("en"):
        gain_url = reverse("exams:learning_gain_session", args=[session.pk])
    assert gain_url not in client.get("/en/dashboard/trainer/").content.decode()
    _open(session, "post_test", training_manager)
    page = client.get("/en/dashboard/trainer/").content.decode()
    assert "Learning gain of your sessions" in page
    assert gain_url in page
    client.force_login(make_person("trainer"))
    assert gain_url not in client.get("/en/dashboard/trainer/").content.decode()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("exams:course_tests", []),
        ("exams:course_test_blueprint", ["course"]),
        ("exams:course_test_session", ["session"]),
    ],
)
def test_the_training_managers_pages_refuse_strangers_trainers_and_the_registrar(
    client, name, args, course, session, trainer, stranger, registrar
):
    SessionTrainer.objects.create(session=session, trainer=trainer)
    kwargs = {"course": course.pk, "session": session.pk}
    url = reverse(name, args=[kwargs[a] for a in args])
    assert client.get(url).status_code == 302
    for person in (stranger, trainer, registrar):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_the_training_managers_actions_refuse_others(
    client, blueprint, session, training_manager, trainer, registrar
):
    sitting = _open(session, "pre_test", training_manager)
    EnrolmentFactory(session=session, status="paid")
    open_url = reverse("exams:course_test_open", args=[session.pk, "post_test"])
    register_url = reverse("exams:course_test_register", args=[sitting.pk])
    for url in (open_url, register_url):
        assert client.post(url).status_code == 302  # to sign in
    for person in (trainer, registrar):
        client.force_login(person)
        assert client.post(open_url).status_code == 403
        assert client.post(register_url).status_code == 403
    assert not Sitting.objects.filter(purpose="post_test").exists()
    assert Registration.objects.filter(sitting=sitting).count() == 0


def test_course_tests_stay_out_of_the_exam_managers_sittings(
    client, blueprint, session, training_manager, registrar
):
    _open(session, "pre_test", training_manager)
    client.force_login(registrar)
    page = client.get(reverse("exams:staff_sittings")).content.decode()
    assert blueprint.course.title not in page


def test_a_test_the_bank_cannot_make_in_the_sessions_language_is_not_opened(
    course, tree, session, training_manager
):
    _save(course, training_manager, [RowSpec(tree[0].code, None, 3)])  # the bank has 2
    with pytest.raises(ValidationError, match="cannot be made in the session's language"):
        _open(session, "pre_test", training_manager)
    assert not Sitting.objects.filter(course_session=session).exists()
