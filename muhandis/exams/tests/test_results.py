"""Essays marked blind and, when asked, twice with a third marker; results computed per
competency area, released to the candidate and passed to their certification application;
changes after the release on the record."""

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.accounts.tests.factories import make_person
from muhandis.certification.models import ExamResult
from muhandis.core.models import AuditEntry
from muhandis.exams.attempts import services as attempts
from muhandis.exams.marking import services as essays
from muhandis.exams.models import Attempt, EssayMark, Registration, Result
from muhandis.exams.results import services as results
from muhandis.exams.sittings import services as sittings
from muhandis.exams.tests.support import NOW, sit

pytestmark = pytest.mark.django_db


def _marker():
    return make_person("examiner", two_factor=True)


def test_the_fixed_form_gives_every_candidate_the_same_items(essay_sitting, engineer, examiner):
    attempt = sit(essay_sitting, engineer, examiner)
    other = make_person("engineer")
    second = sit(essay_sitting, other, examiner)
    assert attempt.form == second.form
    assert len(attempt.form) == 3


def test_a_marker_sees_a_pseudonym_never_the_candidate(essay_sitting, engineer, examiner):
    attempt = sit(essay_sitting, engineer, examiner)
    marker = _marker()
    (script,) = essays.queue(marker)
    assert script.round == 1
    assert script.label == essays.pseudonym(script.answer)
    assert engineer.display_name not in script.label
    assert attempt.items_to_mark == 1


def test_single_marking_completes_the_result_with_areas(essay_sitting, engineer, examiner):
    attempt = sit(essay_sitting, engineer, examiner)
    assert not Result.objects.exists()
    marker = _marker()
    (script,) = essays.queue(marker)
    essays.give_mark(answer=script.answer, marker=marker, percent=70)
    result = Result.objects.get(attempt=attempt)
    objective = attempt.objective_score
    assert result.percent == pytest.approx(round(100 * (objective + 0.7) / 3, 2))
    (area,) = result.areas.values()
    assert area["items"] == 3
    assert essays.queue(_marker()) == []  # complete: nobody else is asked


def test_the_same_marker_cannot_mark_a_script_twice(essay_sitting, engineer, examiner):
    essay_sitting.blueprint.double_marking = True
    essay_sitting.blueprint.save()
    sit(essay_sitting, engineer, examiner)
    marker = _marker()
    (script,) = essays.queue(marker)
    essays.give_mark(answer=script.answer, marker=marker, percent=50)
    assert essays.queue(marker) == []
    with pytest.raises(PermissionDenied):
        essays.give_mark(answer=script.answer, marker=marker, percent=60)


def test_double_marks_close_together_are_averaged(essay_sitting, engineer, examiner):
    blueprint = essay_sitting.blueprint
    blueprint.double_marking, blueprint.marking_threshold = True, 20
    blueprint.save()
    attempt = sit(essay_sitting, engineer, examiner)
    first, second = _marker(), _marker()
    (script,) = essays.queue(first)
    essays.give_mark(answer=script.answer, marker=first, percent=60)
    assert not Result.objects.exists()
    (script,) = essays.queue(second)
    assert script.round == 2
    assert script.earlier == []
    essays.give_mark(answer=script.answer, marker=second, percent=80)
    script.answer.refresh_from_db()
    assert script.answer.score == pytest.approx(0.70)
    assert Result.objects.filter(attempt=attempt).exists()


def test_double_marks_far_apart_go_to_a_third_marker_who_reconciles(
    essay_sitting, engineer, examiner
):
    blueprint = essay_sitting.blueprint
    blueprint.double_marking, blueprint.marking_threshold = True, 10
    blueprint.save()
    attempt = sit(essay_sitting, engineer, examiner)
    first, second, third = _marker(), _marker(), _marker()
    essays.give_mark(answer=essays.queue(first)[0].answer, marker=first, percent=40)
    essays.give_mark(answer=essays.queue(second)[0].answer, marker=second, percent=90)
    assert not Result.objects.exists()
    assert essays.queue(first) == []
    (script,) = essays.queue(third)
    assert script.round == 3
    assert [m.percent for m in script.earlier] == [40, 90]
    with pytest.raises(ValidationError) as error:
        essays.give_mark(answer=script.answer, marker=third, percent=65)
    assert "reconciled" in str(error.value)
    essays.give_mark(answer=script.answer, marker=third, percent=65, comment="Evidence weighed.")
    script.answer.refresh_from_db()
    assert script.answer.score == pytest.approx(0.65)
    assert EssayMark.objects.filter(answer=script.answer).count() == 3
    assert Result.objects.filter(attempt=attempt).exists()
    assert AuditEntry.objects.filter(action="exams.essay.marked").count() == 3


def test_results_are_hidden_until_released_then_reach_the_application(
    essay_sitting,
    engineer,
    examiner,
    registrar,
    accepted_application,
    django_capture_on_commit_callbacks,
):
    attempt = sit(essay_sitting, engineer, examiner, application=accepted_application)
    waiting = sit(essay_sitting, make_person("engineer"), examiner)
    assert results.released_for(engineer, attempt) is None
    marker = _marker()
    script = next(s for s in essays.queue(marker) if s.answer.attempt_id == attempt.pk)
    essays.give_mark(answer=script.answer, marker=marker, percent=100)
    assert results.released_for(engineer, attempt) is None
    with pytest.raises(PermissionDenied):
        results.release(sitting=essay_sitting, actor=examiner)
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        results.released_for(make_person("engineer"), attempt)

    with django_capture_on_commit_callbacks(execute=True):
        released, pending = results.release(sitting=essay_sitting, actor=registrar)

    assert (released, pending) == (1, 1)
    result = results.released_for(engineer, attempt)
    assert result is not None
    assert result.released_by == registrar
    assert not Result.objects.filter(attempt=waiting, released_at__isnull=False).exists()
    recorded = ExamResult.objects.get(application=accepted_application)
    assert recorded.score == round(result.percent)
    assert recorded.passed == result.passed
    (message,) = mail.outbox
    assert message.to == [engineer.email]
    lines = results.feedback(result)
    assert [line.code for line in lines] == list(result.areas)
    assert lines[0].band in {"Strong", "Adequate", "Needs development"}


def test_a_mark_changed_after_release_is_on_the_record_and_passed_on(
    essay_sitting, engineer, examiner, registrar, accepted_application
):
    attempt = sit(essay_sitting, engineer, examiner, application=accepted_application)
    marker = _marker()
    essays.give_mark(answer=essays.queue(marker)[0].answer, marker=marker, percent=0)
    results.release(sitting=essay_sitting, actor=registrar)
    before = Result.objects.get(attempt=attempt).percent
    essay = attempt.answers.get(version__item__kind="essay")

    with pytest.raises(ValidationError):
        results.change_score(answer=essay, actor=registrar, percent=100, reason=" ")
    with pytest.raises(PermissionDenied):
        results.change_score(answer=essay, actor=examiner, percent=100, reason="Re-mark")
    result = results.change_score(
        answer=essay, actor=registrar, percent=100, reason="Re-mark after appeal A-1"
    )

    assert result.percent == pytest.approx(before + 100 / 3, abs=0.01)
    entry = AuditEntry.objects.get(action="exams.result.changed_after_release")
    assert entry.actor == registrar
    assert entry.reason == "Re-mark after appeal A-1"
    assert entry.before["percent"] == before
    assert entry.after["percent"] == result.percent
    mark_entry = AuditEntry.objects.get(action="exams.mark.changed_after_release")
    assert mark_entry.before["score"] == 0
    assert mark_entry.after["score"] == 1
    latest = ExamResult.objects.filter(application=accepted_application).first()
    assert latest.score == round(result.percent)
    assert ExamResult.objects.filter(application=accepted_application).count() == 2


def test_accepted_applicants_are_registered_in_their_language_and_told(
    sitting, registrar, accepted_application, engineer, django_capture_on_commit_callbacks
):
    engineer.preferred_language = "ru"
    engineer.save()
    with pytest.raises(PermissionDenied):
        sittings.register_accepted(sitting=sitting, actor=engineer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = sittings.register_accepted(sitting=sitting, actor=registrar)
    (message,) = mail.outbox
    assert message.to == [engineer.email]
    assert message.subject.startswith("Вы записаны на экзамен")
    assert "/ru/exams/" in message.body
    assert registration.application == accepted_application
    assert registration.language == "ru"
    assert sittings.register_accepted(sitting=sitting, actor=registrar) == []


def test_extra_time_needs_a_reason_and_stops_at_the_start(sitting, registrar, engineer, examiner):
    registration = Registration.objects.create(sitting=sitting, candidate=engineer, language="en")
    with pytest.raises(ValidationError):
        sittings.change_registration(
            registration=registration, actor=registrar, language="en", extra_minutes=15
        )
    sittings.change_registration(
        registration=registration,
        actor=registrar,
        language="en",
        extra_minutes=15,
        reason="Dyslexia, report on file",
    )
    attempts.check_identity(registration=registration, actor=examiner)
    attempt = attempts.start(registration=registration, actor=engineer, now=NOW)
    assert (attempt.deadline - attempt.started_at).total_seconds() == 45 * 60
    registration.refresh_from_db()
    with pytest.raises(ValidationError):
        sittings.change_registration(
            registration=registration, actor=registrar, language="en", extra_minutes=30, reason="x"
        )


def test_only_invigilators_and_the_manager_log_incidents(sitting, examiner, engineer, registrar):
    with pytest.raises(PermissionDenied):
        sittings.report_incident(sitting=sitting, actor=engineer, description="Noise")
    with pytest.raises(ValidationError):
        sittings.report_incident(sitting=sitting, actor=examiner, description=" ")
    incident = sittings.report_incident(
        sitting=sitting, actor=examiner, description="Fire alarm at 10:20, 5 minutes lost"
    )
    assert incident.reported_by == examiner
    assert AuditEntry.objects.filter(action="exams.incident.reported").exists()


def test_a_result_waits_while_an_essay_is_unmarked(essay_sitting, engineer, examiner):
    attempt = sit(essay_sitting, engineer, examiner)
    with pytest.raises(ValidationError):
        results.compute(attempt)
    empty = sit(essay_sitting, make_person("engineer"), examiner, essay_text="  ")
    result = Result.objects.filter(attempt=empty).first() or results.compute_if_complete(empty)
    assert result is not None  # an essay left blank scores 0 and waits for nobody
    assert Attempt.objects.get(pk=empty.pk).status == Attempt.Status.SUBMITTED


def test_the_application_page_shows_the_exam_and_its_released_result(
    client, sitting, engineer, examiner, registrar, accepted_application
):
    engineer.preferred_language = "en"  # the test bank is written in English
    engineer.save(update_fields=["preferred_language"])
    (registration,) = sittings.register_accepted(sitting=sitting, actor=registrar)
    url = f"/en/certification/applications/{accepted_application.public_id}/"
    client.force_login(engineer)
    page = client.get(url).content.decode()
    assert "Written examination" in page
    assert "My exams" in page
    attempts.check_identity(registration=registration, actor=examiner)
    attempt = attempts.start(registration=registration, actor=engineer, now=NOW)
    attempts.submit(attempt=attempt, actor=engineer, now=NOW)
    assert "result 0.0 %" not in client.get(url).content.decode()
    results.release(sitting=sitting, actor=registrar)
    assert "result 0.0 %, not passed" in client.get(url).content.decode()


def test_candidates_are_reminded_once_in_the_two_days_before_their_sitting(
    sitting, engineer, django_capture_on_commit_callbacks
):
    import datetime

    from django.core.management import call_command

    from muhandis.exams.models import Sitting

    def sitting_in(hours):
        return Sitting.objects.create(
            blueprint=sitting.blueprint,
            opens_at=NOW + datetime.timedelta(hours=hours),
            closes_at=NOW + datetime.timedelta(hours=hours + 3),
            room=f"Room {hours}",
        )

    engineer.preferred_language = "uz"
    engineer.save(update_fields=["preferred_language"])
    soon = Registration.objects.create(sitting=sitting_in(20), candidate=engineer, language="uz")
    Registration.objects.create(sitting=sitting_in(24 * 5), candidate=engineer, language="uz")
    Registration.objects.create(sitting=sitting, candidate=engineer, language="uz")  # open now
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sittings.send_reminders(now=NOW) == 1
    (message,) = mail.outbox
    assert "Room 20" in message.body
    assert "/uz/exams/" in message.body
    soon.refresh_from_db()
    assert soon.reminded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_exam_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # nobody is reminded twice
