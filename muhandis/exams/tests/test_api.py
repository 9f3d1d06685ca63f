import datetime
import json

import pytest

from muhandis.exams.models import Answer
from muhandis.exams.tests.support import NOW, item_of_kind

pytestmark = pytest.mark.django_db


def _put(client, attempt, version_id, body):
    return client.put(
        f"/api/v1/exams/attempts/{attempt.public_id}/answers/{version_id}",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_the_candidate_resumes_saves_and_hands_in_without_seeing_the_key(
    client,
    attempt,
    engineer,
):
    client.force_login(engineer)
    single = item_of_kind(attempt, "single")
    state = client.get(f"/api/v1/exams/attempts/{attempt.public_id}").json()
    assert [q["id"] for q in state["questions"]] == attempt.form
    assert state["seconds_left"] > 0
    text = json.dumps(state)
    for secret in ("fraction", "correct", "tolerance", 'answer": 0', "rubric"):
        assert secret not in text
    response = _put(client, attempt, single.pk, {"response": {"choice": 2}, "flagged": True})
    assert response.status_code == 200, response.content
    state = client.get(f"/api/v1/exams/attempts/{attempt.public_id}").json()
    saved = next(q for q in state["questions"] if q["id"] == single.pk)
    assert (saved["answer"], saved["flagged"]) == ({"choice": 2}, True)
    assert client.post(f"/api/v1/exams/attempts/{attempt.public_id}/submit").json()["status"] == (
        "submitted"
    )
    late = _put(client, attempt, single.pk, {"response": {"choice": 0}})
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "late"
    assert Answer.objects.get().response == {"choice": 2}


def test_bad_answers_get_a_reason(client, attempt, engineer):
    client.force_login(engineer)
    single = item_of_kind(attempt, "single")
    assert (
        _put(client, attempt, single.pk, {"response": {"choice": 7}}).json()["error"]["code"]
        == "malformed"
    )
    assert (
        _put(client, attempt, 424242, {"response": {"choice": 0}}).json()["error"]["code"]
        == "not_on_form"
    )
    assert _put(client, attempt, single.pk, {"nothing": 1}).status_code == 422


def test_nobody_else_reaches_an_attempt(client, attempt, stranger, examiner):
    single = item_of_kind(attempt, "single")
    urls = [
        ("get", f"/api/v1/exams/attempts/{attempt.public_id}"),
        ("post", f"/api/v1/exams/attempts/{attempt.public_id}/submit"),
        ("get", f"/api/v1/exams/attempts/{attempt.public_id}/result"),
    ]
    for person, expected in ((None, 401), (stranger, 403), (examiner, 403)):
        client.logout()
        if person is not None:
            client.force_login(person)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == expected, (person, url)
        assert _put(client, attempt, single.pk, {"response": {"choice": 0}}).status_code == expected
    assert not Answer.objects.exists()
    attempt.refresh_from_db()
    assert attempt.status == attempt.Status.IN_PROGRESS
    assert (
        client.get("/api/v1/exams/attempts/00000000-0000-0000-0000-000000000000").status_code == 404
    )
    assert datetime.datetime.now(datetime.UTC) > NOW


def test_the_candidate_reads_the_result_only_once_released(client, attempt, engineer, registrar):
    from muhandis.exams.attempts import services as attempts
    from muhandis.exams.results import services as results

    client.force_login(engineer)
    single = item_of_kind(attempt, "single")
    _put(client, attempt, single.pk, {"response": {"choice": 0}})
    attempts.submit(attempt=attempt, actor=engineer)
    url = f"/api/v1/exams/attempts/{attempt.public_id}/result"
    before = client.get(url).json()
    assert before["released"] is False
    assert before["percent"] is None
    assert before["areas"] == []
    results.release(sitting=attempt.registration.sitting, actor=registrar)
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["released"] is True
    assert body["percent"] == 0.0
    assert body["passed"] is False
    (area,) = body["areas"]
    assert area["band"] == "Needs development"
    assert "items" not in json.dumps(body)  # per area, never per item
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert russian["areas"][0]["band"] == "Требует развития"


def test_a_save_by_someone_else_is_refused_and_logged_on_the_api_and_the_page(
    client, attempt, stranger
):
    from muhandis.exams.models import AttemptEvent

    single = item_of_kind(attempt, "single")
    client.force_login(stranger)
    assert _put(client, attempt, single.pk, {"response": {"choice": 0}}).status_code == 403
    page = f"/en/exams/attempts/{attempt.public_id}/answers/{single.pk}/"
    assert client.post(page, {"kind": "single", "choice": "0"}).status_code == 404
    refused = AttemptEvent.objects.filter(attempt=attempt, kind="refused_other_candidate")
    assert refused.count() == 2
    assert not Answer.objects.exists()
