import datetime

import pytest

from muhandis.exams.models import Answer
from muhandis.exams.tests.support import item_of_kind

pytestmark = pytest.mark.django_db


def test_the_candidate_sees_the_questions_and_each_save_is_kept(client, attempt, engineer):
    client.force_login(engineer)
    url = f"/en/exams/attempts/{attempt.public_id}/"
    page = client.get(url).content.decode()
    assert page.count("<fieldset") == 3
    assert "data-seconds-left" in page
    single = item_of_kind(attempt, "single")
    saved = client.post(f"{url}answers/{single.pk}/", {"kind": "single", "choice": "1"})
    assert saved.status_code == 200
    assert "Saved at" in saved.content.decode()
    assert Answer.objects.get().response == {"choice": 1}
    again = client.get(url).content.decode()
    assert f'name="choice" value="1" id="q{single.pk}-1" checked' in again
    refused = client.post(f"{url}answers/{single.pk}/", {"kind": "single", "choice": "9"})
    assert refused.status_code == 422
    assert Answer.objects.get().response == {"choice": 1}
    one = client.get(url, {"view": "one", "q": 2}).content.decode()
    assert one.count("<fieldset") == 1


def test_after_the_deadline_the_page_shows_the_exam_handed_in(client, attempt, engineer):
    attempt.deadline = attempt.started_at - datetime.timedelta(seconds=1)
    attempt.save(update_fields=["deadline"])
    client.force_login(engineer)
    page = client.get(f"/en/exams/attempts/{attempt.public_id}/").content.decode()
    assert "The time was over" in page
    attempt.refresh_from_db()
    assert attempt.submitted_automatically


def test_nobody_else_opens_or_answers_an_attempt(client, attempt, stranger, examiner):
    url = f"/en/exams/attempts/{attempt.public_id}/"
    single = item_of_kind(attempt, "single")
    assert client.get(url).status_code == 302  # to sign in
    for person in (stranger, examiner):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert (
            client.post(f"{url}answers/{single.pk}/", {"kind": "single", "choice": "1"}).status_code
            == 404
        )
        assert client.post(f"{url}hand-in/").status_code == 404
    assert not Answer.objects.exists()
