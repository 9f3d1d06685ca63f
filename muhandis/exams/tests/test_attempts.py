import datetime

import pytest
from django.core.exceptions import PermissionDenied

from muhandis.exams.attempts import services as attempts
from muhandis.exams.models import Answer, AttemptEvent, Registration
from muhandis.exams.tests.support import NOW, item_of_kind

pytestmark = pytest.mark.django_db


def test_the_start_needs_the_identity_check_and_the_server_sets_the_deadline(
    sitting, engineer, examiner, stranger
):
    registration = Registration.objects.create(
        sitting=sitting, candidate=engineer, language="en", extra_minutes=10
    )
    with pytest.raises(attempts.Refused, match="check your identity"):
        attempts.start(registration=registration, actor=engineer, now=NOW)
    with pytest.raises(PermissionDenied):
        attempts.check_identity(registration=registration, actor=stranger)
    attempts.check_identity(registration=registration, actor=examiner)
    with pytest.raises(PermissionDenied):
        attempts.start(registration=registration, actor=stranger, now=NOW)
    attempt = attempts.start(registration=registration, actor=engineer, now=NOW)
    assert attempt.deadline == NOW + datetime.timedelta(minutes=40)  # 30 + 10 extra
    assert len(attempt.form) == 3
    # Coming back (another browser, a lost network) resumes the same attempt and form.
    again = attempts.start(registration=registration, actor=engineer, now=NOW)
    assert (again.pk, again.form) == (attempt.pk, attempt.form)
    assert attempts.seconds_left(again, now=NOW + datetime.timedelta(minutes=39)) == 60


def test_answers_are_saved_once_and_the_last_one_counts(attempt, engineer):
    numeric = item_of_kind(attempt, "numeric")
    attempts.save_answer(
        attempt=attempt, actor=engineer, version_id=numeric.pk, response={"value": 1.5}, now=NOW
    )
    attempts.save_answer(
        attempt=attempt,
        actor=engineer,
        version_id=numeric.pk,
        response={"value": 0.955},
        flagged=True,
        now=NOW,
    )
    answer = Answer.objects.get(attempt=attempt)
    assert answer.response == {"value": 0.955}
    assert answer.flagged


def test_refused_saves_change_nothing_and_are_logged(attempt, engineer, stranger):
    numeric = item_of_kind(attempt, "numeric")
    attempts.save_answer(
        attempt=attempt, actor=engineer, version_id=numeric.pk, response={"value": 2}, now=NOW
    )
    bad = [
        ({"value": "two"}, "malformed"),
        ({"value": float("nan")}, "malformed"),
        ("2", "malformed"),
    ]
    for response, code in bad:
        with pytest.raises(attempts.Refused) as refused:
            attempts.save_answer(
                attempt=attempt, actor=engineer, version_id=numeric.pk, response=response, now=NOW
            )
        assert refused.value.reason == code
        assert "Enter a number" in refused.value.messages[0]  # says what is expected
    with pytest.raises(attempts.Refused) as refused:
        attempts.save_answer(
            attempt=attempt, actor=engineer, version_id=999_999, response={"value": 1}, now=NOW
        )
    assert refused.value.reason == "not_on_form"
    with pytest.raises(PermissionDenied):
        attempts.save_answer(
            attempt=attempt, actor=stranger, version_id=numeric.pk, response={"value": 9}, now=NOW
        )
    assert Answer.objects.get(attempt=attempt).response == {"value": 2}
    kinds = list(AttemptEvent.objects.filter(attempt=attempt).values_list("kind", flat=True))
    assert kinds.count("refused_malformed") == 3
    assert "refused_not_on_form" in kinds
    assert "refused_other_candidate" in kinds


def test_at_the_deadline_the_attempt_is_submitted_with_what_was_saved(attempt, engineer):
    single = item_of_kind(attempt, "single")
    attempts.save_answer(
        attempt=attempt, actor=engineer, version_id=single.pk, response={"choice": 1}, now=NOW
    )
    late = attempt.deadline + datetime.timedelta(seconds=1)
    with pytest.raises(attempts.Refused) as refused:
        attempts.save_answer(
            attempt=attempt, actor=engineer, version_id=single.pk, response={"choice": 2}, now=late
        )
    assert refused.value.reason == "late"
    attempt.refresh_from_db()
    assert attempt.status == attempt.Status.SUBMITTED
    assert attempt.submitted_automatically
    assert attempt.submitted_at == attempt.deadline
    assert Answer.objects.get(attempt=attempt).response == {"choice": 1}


def test_a_save_racing_a_hand_in_is_refused_not_stored_unmarked(attempt, engineer):
    """The request still holds the attempt as it was before another request handed it in."""
    single = item_of_kind(attempt, "single")
    as_loaded = attempts.Attempt.objects.get(pk=attempt.pk)
    attempts.submit(attempt=attempt, actor=engineer, now=NOW)
    with pytest.raises(attempts.Refused) as refused:
        attempts.save_answer(
            attempt=as_loaded, actor=engineer, version_id=single.pk, response={"choice": 0}, now=NOW
        )
    assert refused.value.reason == "late"
    assert not Answer.objects.filter(attempt=attempt).exists()
    assert AttemptEvent.objects.filter(attempt=attempt, kind="refused_late").exists()


def test_overdue_attempts_are_submitted_by_the_server_and_a_second_device_is_noted(
    attempt, engineer
):
    single = item_of_kind(attempt, "single")
    attempts.save_answer(
        attempt=attempt,
        actor=engineer,
        version_id=single.pk,
        response={"choice": 0},
        device="phone",
        now=NOW,
    )
    assert AttemptEvent.objects.filter(attempt=attempt, kind="second_device").exists()
    assert attempts.submit_overdue(now=NOW) == 0
    from django.core.management import call_command

    call_command("submit_overdue_attempts")  # nothing overdue yet at the real clock
    assert attempts.submit_overdue(now=attempt.deadline + datetime.timedelta(minutes=1)) == 1
    attempt.refresh_from_db()
    assert attempt.status == attempt.Status.SUBMITTED


def test_objective_items_are_marked_when_the_attempt_is_handed_in(attempt, engineer):
    from muhandis.exams.models import ItemVersion

    versions = ItemVersion.objects.filter(pk__in=attempt.form).select_related("item")
    for version in versions:
        version.content = {
            **version.content,
            "options": [{"fraction": 0}, {"fraction": 1}, {"fraction": 0}],
            "answer": 0.955,
            "tolerance": 0.01,
        }
        version.save(update_fields=["content"])
    single = item_of_kind(attempt, "single")
    numeric = item_of_kind(attempt, "numeric")
    attempts.save_answer(
        attempt=attempt, actor=engineer, version_id=single.pk, response={"choice": 1}, now=NOW
    )
    attempts.save_answer(
        attempt=attempt, actor=engineer, version_id=numeric.pk, response={"value": 2.0}, now=NOW
    )
    attempts.submit(attempt=attempt, actor=engineer, now=NOW)
    attempt.refresh_from_db()
    assert attempt.objective_items == 3
    assert attempt.items_to_mark == 0
    assert attempt.objective_score == 1.0  # one right, one wrong, one unanswered
    assert Answer.objects.get(version=single).score == 1.0
    assert Answer.objects.get(version=numeric).score == 0.0


@pytest.mark.django_db(transaction=True)
def test_the_same_answer_sent_twice_at_once_is_saved_once(request):
    from django.db import close_old_connections, connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writes are exercised on PostgreSQL")
    import threading

    request.getfixturevalue("reference_data")
    attempt = request.getfixturevalue("attempt")
    engineer = request.getfixturevalue("engineer")
    single = item_of_kind(attempt, "single")
    start, errors = threading.Barrier(4), []

    def send(choice):
        try:
            start.wait()
            attempts.save_answer(
                attempt=attempt,
                actor=engineer,
                version_id=single.pk,
                response={"choice": choice},
                now=NOW,
            )
        except Exception as exc:  # collected and reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=send, args=(n % 3,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Answer.objects.filter(attempt=attempt, version=single).count() == 1
