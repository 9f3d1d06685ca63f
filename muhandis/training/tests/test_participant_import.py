import datetime
import io

import pytest
from django.utils import timezone

from muhandis.accounts.models import User
from muhandis.core.models import AuditEntry
from muhandis.training.models import CourseSession, Enrolment
from muhandis.training.services import imports

from .evaluation_factories import past_session
from .factories import CourseFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "course_code,session_start,email,given_name,family_name,gender,attended,completed,"
    "completion_date"
)


@pytest.fixture
def held():
    """A session of WATER-1 that started ten days ago."""
    course = CourseFactory(code="WATER-1")
    return past_session(days_ago=10, course=course)


def _day(session):
    return timezone.localtime(session.starts_at).date()


def _csv(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _plan(content, actor, **kwargs):
    return imports.plan_participant_import(
        content=content, filename="past.csv", actor=actor, **kwargs
    )


def test_every_problem_is_listed_by_row_and_column(held, training_manager, engineer):
    day = _day(held).isoformat()
    content = _csv(
        f"NOPE-9,{day},a@x.uz,Ali,Valiyev,male,yes,yes,",
        "WATER-1,31.02.2025,b@x.uz,Bek,Aliyev,,yes,no,",
        f"WATER-1,{day},not-an-email,Gul,Karimova,female,yes,no,",
        "WATER-1,2020-01-01,c@x.uz,Olim,Tursunov,,yes,yes,",
        f"WATER-1,{day},d@x.uz,Dilya,Saidova,,maybe,,",
        f"WATER-1,{day},e@x.uz,Eldor,Rahimov,,yes,no,",
        f"water-1,{day},E@x.uz,Eldor,Rahimov,,yes,no,",
        f"WATER-1,{day},{engineer.email},Dilnoza,Karimova,,no,yes,",
    )
    plan = _plan(content, training_manager)
    found = {(p.row, p.column) for p in plan.problems}
    assert found == {
        (2, "course_code"),
        (3, "session_start"),
        (4, "email"),
        (5, "session_start"),  # no session on that day, and creating them was not asked
        (6, "attended"),
        (8, ""),  # repeats row 7
        (9, "completed"),  # completed without attending
    }
    messages = {(p.row, p.column): str(p) for p in plan.problems}
    assert messages[(2, "course_code")] == (
        "Row 2, column “course_code”: there is no course with the code “NOPE-9”."
    )
    assert "repeats row 7" in messages[(8, "")]


def test_a_valid_file_is_previewed_then_imported_once(held, training_manager, engineer):
    day = _day(held).isoformat()
    old = (timezone.localdate() - datetime.timedelta(days=400)).strftime("%d.%m.%Y")
    content = _csv(
        f"WATER-1,{day},new@x.uz,Nodira,Yusupova,female,yes,yes,{_day(held)}",
        f"WATER-1,{day},{engineer.email},Dilnoza,Karimova,,yes,no,",
        f"WATER-1,{old},new@x.uz,Nodira,Yusupova,female,yes,,",
    )
    plan = _plan(content, training_manager, create_sessions=True)
    assert plan.problems == []
    assert (len(plan.enrolments), plan.new_people, plan.new_sessions) == (3, 1, 1)
    assert User.objects.filter(email="new@x.uz").count() == 0  # the preview writes nothing

    result = imports.import_participants(
        content=content, filename="past.csv", actor=training_manager, create_sessions=True
    )
    assert (result.enrolments, result.people_created, result.sessions_created) == (3, 1, 1)
    person = User.objects.get(email="new@x.uz")
    assert not person.has_usable_password()
    assert person.display_name == "Nodira Yusupova"
    statuses = dict(Enrolment.objects.filter(session=held).values_list("person__email", "status"))
    assert statuses == {"new@x.uz": "completed", engineer.email: "not_completed"}
    made = CourseSession.objects.exclude(pk=held.pk).get()
    assert made.status == "held"
    assert made.course == held.course
    assert Enrolment.objects.get(session=made).status == "attended"
    assert AuditEntry.objects.filter(action="training.import.completed").count() == 1

    again = imports.import_participants(
        content=content, filename="past.csv", actor=training_manager, create_sessions=True
    )
    assert (again.enrolments, again.people_created, again.sessions_created) == (0, 0, 0)
    assert again.plan.skipped == [2, 3, 4]
    assert Enrolment.objects.count() == 3
    assert CourseSession.objects.count() == 2


def test_a_person_enrolled_with_another_status_is_a_problem(held, training_manager, engineer):
    from .factories import EnrolmentFactory

    EnrolmentFactory(session=held, person=engineer, status="completed")
    plan = _plan(_csv(f"WATER-1,{_day(held)},{engineer.email},D,K,,yes,no,"), training_manager)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "")]
    assert "already enrolled" in plan.problems[0].message


def test_nothing_is_written_when_a_row_is_wrong(held, training_manager):
    content = _csv(
        f"WATER-1,{_day(held)},ok@x.uz,Ok,Person,,yes,yes,",
        "WATER-1,not-a-date,bad@x.uz,Bad,Row,,yes,yes,",
    )
    with pytest.raises(imports.ImportRefused):
        imports.import_participants(content=content, filename="past.csv", actor=training_manager)
    assert not User.objects.filter(email="ok@x.uz").exists()
    assert not Enrolment.objects.exists()


def test_an_xlsx_file_is_read(held, training_manager):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["WATER-1", _day(held), "x@x.uz", "Xon", "Y", "", "yes", "yes", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = imports.plan_participant_import(
        content=buffer.getvalue(), filename="past.xlsx", actor=training_manager
    )
    assert plan.problems == []
    assert len(plan.enrolments) == 1


def test_a_missing_column_is_named(training_manager):
    plan = _plan(b"course_code,email\nX,y@z.uz\n", training_manager)
    assert "session_start" in {p.column for p in plan.problems}
    assert plan.problems[0].row == 1


def test_only_training_staff_import(engineer, trainer):
    from django.core.exceptions import PermissionDenied

    for person in (engineer, trainer):
        with pytest.raises(PermissionDenied):
            _plan(_csv(), person)


def test_the_pages_preview_then_confirm(client, held, training_manager):
    client.force_login(training_manager)
    upload = io.BytesIO(_csv(f"WATER-1,{_day(held)},page@x.uz,Page,User,,yes,yes,"))
    upload.name = "past.csv"
    response = client.post("/en/training/imports/participants/", {"file": upload})
    assert response.status_code == 200
    assert "1 participant would be imported" in response.content.decode()
    token = response.context["confirm"].initial["token"]
    done = client.post("/en/training/imports/participants/confirm/", {"token": token}, follow=True)
    assert "1 participants were imported" in done.content.decode()
    assert Enrolment.objects.filter(person__email="page@x.uz", status="completed").exists()


def test_the_page_lists_problems(client, held, training_manager):
    client.force_login(training_manager)
    upload = io.BytesIO(_csv(f"WATER-1,{_day(held)},bad,Page,User,,yes,yes,"))
    upload.name = "past.csv"
    response = client.post("/en/training/imports/participants/", {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="problems"' in html
    assert "<code>email</code>" in html
    assert response.context["confirm"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/en/training/imports/participants/",
        "/en/training/imports/participants/template/",
    ],
)
def test_strangers_are_refused_the_import(client, url, engineer, trainer):
    assert client.get(url).status_code == 302
    for person in (engineer, trainer):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_strangers_cannot_confirm(client, engineer, trainer):
    assert (
        client.post("/en/training/imports/participants/confirm/", {"token": "x"}).status_code == 302
    )
    for person in (engineer, trainer):
        client.force_login(person)
        response = client.post("/en/training/imports/participants/confirm/", {"token": "x"})
        assert response.status_code == 403


def test_a_file_in_another_encoding_gets_a_clear_problem(training_manager):
    content = (HEADER + "\nWATER-1,2025-01-01,a@x.uz,Алишер,Усмонов,,да,да,\n").encode("cp1251")
    plan = _plan(content, training_manager)
    assert [str(p) for p in plan.problems] == [
        "The file is not UTF-8 text. Save it as “CSV UTF-8” or as XLSX."
    ]


def test_problems_come_in_the_readers_language(held, training_manager):
    from django.utils import translation

    with translation.override("ru"):
        plan = _plan(_csv(f"NOPE-9,{_day(held)},a@x.uz,A,B,,yes,no,"), training_manager)
        message = str(plan.problems[0])
    assert message.startswith("Строка 2, столбец “course_code”")
