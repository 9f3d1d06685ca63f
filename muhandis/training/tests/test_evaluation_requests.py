import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from muhandis.training.models import EvaluationAnswer, EvaluationRequest
from muhandis.training.services import evaluation

from .evaluation_factories import participant, past_session
from .factories import CourseSessionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return evaluation.send_evaluation_requests(**kwargs)

    return run


def test_participants_of_an_ended_session_are_asked_once_in_their_language(send, mailoutbox):
    session = past_session(days_ago=1)
    uz = participant(session, "completed", preferred_language="uz")
    ru = participant(session, "not_completed", preferred_language="ru")
    participant(session, "cancelled")
    EnrolmentFactory(session=CourseSessionFactory(), status="paid")  # not held yet

    assert send()["level_1"] == 2
    assert send()["level_1"] == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([uz.person.email, ru.person.email])
    to_ru = next(m for m in mailoutbox if m.to == [ru.person.email])
    request = EvaluationRequest.objects.get(enrolment=ru)
    assert f"/ru/training/evaluation/answer/{request.token}/" in to_ru.body


def test_sessions_that_ended_long_ago_are_not_asked(send):
    participant(past_session(days_ago=200))
    assert send()["level_1"] == 0


def test_one_reminder_after_a_week_and_none_once_answered(send, mailoutbox):
    session = past_session(days_ago=1)
    waiting, done = participant(session), participant(session)
    waiting.person.preferred_language = "en"
    waiting.person.save(update_fields=["preferred_language"])
    send()
    EvaluationRequest.objects.filter(enrolment=done).update(answered_at=timezone.now())
    mailoutbox.clear()
    in_a_week = timezone.now() + datetime.timedelta(days=7, minutes=1)
    assert send(now=in_a_week)["reminders"] == 1
    assert send(now=in_a_week + datetime.timedelta(days=1))["reminders"] == 0
    assert [m.to for m in mailoutbox] == [[waiting.person.email]]
    assert "reminder" in mailoutbox[0].body.lower()


def test_follow_up_goes_after_the_configured_days_to_participant_and_supervisor(
    send, mailoutbox, settings
):
    settings.TRAINING_FOLLOW_UP_DAYS = 60
    session = past_session(days_ago=1)
    enrolment = participant(session)
    send()
    EvaluationRequest.objects.filter(enrolment=enrolment).update(
        answered_at=timezone.now(), supervisor_email="boss@firm.uz"
    )
    mailoutbox.clear()
    assert send(now=timezone.now() + datetime.timedelta(days=50))["level_3"] == 0
    later = timezone.now() + datetime.timedelta(days=60)
    sent = send(now=later)
    assert (sent["level_3"], sent["supervisors"]) == (1, 1)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([enrolment.person.email, "boss@firm.uz"])
    assert send(now=later + datetime.timedelta(days=1))["level_3"] == 0


def test_the_daily_command_runs(capsys):
    participant(past_session(days_ago=1))
    call_command("send_evaluation_requests")
    assert "1 end of course" in capsys.readouterr().out


def test_request_course_evaluation_refuses_a_session_not_ended():
    enrolment = EnrolmentFactory(status="attended")  # the session starts in a month
    assert evaluation.request_course_evaluation(enrolment=enrolment) is None
    ended = participant(past_session(days_ago=1))
    assert evaluation.request_course_evaluation(enrolment=ended) is not None
    assert evaluation.request_course_evaluation(enrolment=ended) is None


# The answer page ------------------------------------------------------------------------------


@pytest.fixture
def request_l1(db):
    enrolment = participant(past_session(days_ago=1), preferred_language="ru")
    return evaluation.request_course_evaluation(enrolment=enrolment)


FULL = {
    "l1_overall": "5",
    "l1_relevance": "4",
    "l1_trainer_knowledge": "5",
    "l1_trainer_delivery": "4",
    "l1_materials": "3",
    "l1_venue": "4",
    "l1_pace": "3",
    "l1_recommend": "9",
    "l1_most_useful": "The site visit.",
    "l1_improve": "",
}


def test_the_page_opens_without_signing_in_with_every_input_labelled(client, request_l1):
    response = client.get(f"/ru/training/evaluation/answer/{request_l1.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Насколько в целом вы довольны курсом?" in html
    assert "<legend" in html
    assert 'for="id_l1_most_useful"' in html
    assert 'for="id_supervisor_email"' in html


def test_answers_are_saved_once_then_a_thank_you_page(client, request_l1):
    url = f"/en/training/evaluation/answer/{request_l1.token}/"
    response = client.post(url, {**FULL, "supervisor_email": "Boss@Firm.uz"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    request_l1.refresh_from_db()
    assert request_l1.answered_at is not None
    assert request_l1.supervisor_email == "boss@firm.uz"
    assert EvaluationAnswer.objects.filter(request=request_l1).count() == 9  # one text left empty

    again = client.post(url, {**FULL, "l1_overall": "1"})
    assert "Thank you" in again.content.decode()
    assert EvaluationAnswer.objects.get(request=request_l1, question__key="l1_overall").number == 5
    assert "Thank you" in client.get(url).content.decode()


def test_missing_and_bad_answers_are_named_and_nothing_is_saved(client, request_l1):
    url = f"/en/training/evaluation/answer/{request_l1.token}/"
    response = client.post(
        url, {**FULL, "l1_overall": "", "l1_recommend": "11", "supervisor_email": "boss@"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"l1_overall", "l1_recommend", "supervisor_email"}
    assert not EvaluationAnswer.objects.exists()
    request_l1.refresh_from_db()
    assert request_l1.answered_at is None


def test_the_service_refuses_out_of_range_values_in_one_piece(request_l1):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        evaluation.answer_evaluation(token=request_l1.token, answers={**FULL, "l1_pace": "7"})
    assert "l1_pace" in refused.value.error_dict
    assert not EvaluationAnswer.objects.exists()


def test_an_unknown_link_gets_a_clear_page(client):
    response = client.get("/en/training/evaluation/answer/not-a-token/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_a_supervisor_answers_the_supervisor_questions(client):
    enrolment = participant(past_session(days_ago=100), given_name="Aziza")
    request = EvaluationRequest.objects.create(
        enrolment=enrolment, level=3, audience="supervisor", email="boss@firm.uz", language="en"
    )
    url = f"/en/training/evaluation/answer/{request.token}/"
    page = client.get(url).content.decode()
    assert "observed a change in the participant" in page
    assert "Aziza" in page
    assert "supervisor_email" not in page
    response = client.post(
        url, {"l3_supervisor_change": "1", "l3_supervisor_examples": "More careful."}
    )
    assert response.status_code == 200
    assert EvaluationAnswer.objects.filter(request=request).count() == 2


def test_the_tasks_ask_for_an_evaluation(mailoutbox, django_capture_on_commit_callbacks):
    from muhandis.training import evaluation_tasks

    enrolment = participant(past_session(days_ago=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert evaluation_tasks.request_course_evaluation.enqueue(enrolment.pk).return_value
    assert [m.to for m in mailoutbox] == [[enrolment.person.email]]
    with django_capture_on_commit_callbacks(execute=True):
        result = evaluation_tasks.send_evaluation_requests.enqueue()
    assert result.return_value["level_1"] == 0


def test_the_completion_receiver_asks_for_the_evaluation(
    mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = participant(past_session(days_ago=0))
    with django_capture_on_commit_callbacks(execute=True):
        evaluation.on_enrolment_completed(sender=None, enrolment=enrolment)
    assert EvaluationRequest.objects.filter(enrolment=enrolment, level=1).count() == 1
    assert [m.to for m in mailoutbox] == [[enrolment.person.email]]
