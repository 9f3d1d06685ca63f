"""The exam staff pages: plan a sitting, register accepted applicants, check identities, log
incidents, mark essays blind, change a mark with a reason, release results."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.exams.attempts import services as attempts
from muhandis.exams.marking import services as essays
from muhandis.exams.models import Answer, EssayMark, Incident, Registration, Result, Sitting
from muhandis.exams.tests.support import NOW, sit

pytestmark = pytest.mark.django_db


def _urls(sitting, registration, attempt, answer):
    return [
        ("get", reverse("exams:staff_sittings")),
        ("get", reverse("exams:staff_sitting_new")),
        ("get", reverse("exams:staff_sitting", args=[sitting.pk])),
        ("post", reverse("exams:staff_register_accepted", args=[sitting.pk])),
        ("post", reverse("exams:staff_incident", args=[sitting.pk])),
        ("post", reverse("exams:staff_release", args=[sitting.pk])),
        ("post", reverse("exams:staff_registration", args=[registration.pk])),
        ("post", reverse("exams:staff_check_identity", args=[registration.pk])),
        ("get", reverse("exams:staff_attempt", args=[attempt.public_id])),
        ("get", reverse("exams:staff_marking")),
        ("get", reverse("exams:staff_mark", args=[answer.pk])),
    ]


def test_strangers_candidates_and_anonymous_visitors_are_refused_everywhere(
    client, essay_sitting, engineer, examiner
):
    attempt = sit(essay_sitting, engineer, examiner)
    answer = attempt.answers.get(version__item__kind="essay")
    urls = _urls(essay_sitting, attempt.registration, attempt, answer)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response.url, url
    client.force_login(engineer)
    for method, url in urls:
        assert getattr(client, method)(url).status_code in (403, 404), url
    # An examiner who does not invigilate this sitting sees neither it nor its candidates.
    client.force_login(make_person("examiner", two_factor=True))
    for name in ("staff_sitting", "staff_incident"):
        method = "get" if name == "staff_sitting" else "post"
        url = reverse(f"exams:{name}", args=[essay_sitting.pk])
        assert getattr(client, method)(url).status_code == 404
    url = reverse("exams:staff_check_identity", args=[attempt.registration.pk])
    assert client.post(url).status_code == 404
    assert not Incident.objects.exists()


def test_the_manager_plans_a_sitting_and_registers_accepted_applicants(
    client, sitting, registrar, examiner, accepted_application
):
    client.force_login(registrar)
    opens = (NOW + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    too_short = (NOW + datetime.timedelta(days=3, minutes=10)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "blueprint": sitting.blueprint.pk,
        "opens_at": opens,
        "closes_at": too_short,
        "room": "Room 204",
        "invigilators": [examiner.pk],
    }
    refused = client.post(reverse("exams:staff_sitting_new"), data)
    assert refused.status_code == 400
    assert "shorter than the time the exam allows" in refused.content.decode()
    data["closes_at"] = (NOW + datetime.timedelta(days=3, hours=2)).strftime("%Y-%m-%dT%H:%M")
    created = client.post(reverse("exams:staff_sitting_new"), data)
    new = Sitting.objects.get(room="Room 204")
    assert created.url == reverse("exams:staff_sitting", args=[new.pk])
    assert list(new.invigilators.all()) == [examiner]
    page = client.get(created.url).content.decode()
    assert "Register 1 accepted applicant" in page
    client.post(reverse("exams:staff_register_accepted", args=[new.pk]))
    registration = Registration.objects.get(sitting=new)
    assert registration.application == accepted_application
    page = client.get(created.url).content.decode()
    assert accepted_application.candidate.display_name in page
    assert "From an accepted application" in page


def test_the_invigilator_checks_identity_and_logs_an_incident(client, sitting, engineer, examiner):
    registration = Registration.objects.create(sitting=sitting, candidate=engineer, language="en")
    client.force_login(examiner)
    page = client.get(reverse("exams:staff_sitting", args=[sitting.pk])).content.decode()
    assert "Not checked yet" not in page  # the invigilator gets the button instead
    client.post(reverse("exams:staff_check_identity", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.identity_checked_by == examiner
    client.post(
        reverse("exams:staff_incident", args=[sitting.pk]),
        {"registration": registration.pk, "description": "Phone found on the desk"},
    )
    incident = Incident.objects.get()
    assert incident.registration == registration
    assert incident.reported_by == examiner
    page = client.get(reverse("exams:staff_sitting", args=[sitting.pk])).content.decode()
    assert "Phone found on the desk" in page


def test_the_server_s_observations_reach_the_invigilators(client, attempt, engineer, examiner):
    other = make_person("engineer")
    with pytest.raises(PermissionDenied):
        attempts.save_answer(
            attempt=attempt, actor=other, version_id=attempt.form[0], response={"choice": 0}
        )
    client.force_login(examiner)
    page = client.get(
        reverse("exams:staff_sitting", args=[attempt.registration.sitting_id])
    ).content.decode()
    assert "someone else tried to answer on this exam" in page


def test_a_marker_marks_blind_and_the_manager_releases(
    client, essay_sitting, engineer, examiner, registrar
):
    attempt = sit(essay_sitting, engineer, examiner)
    marker = make_person("examiner", two_factor=True)
    client.force_login(marker)
    queue = client.get(reverse("exams:staff_marking")).content.decode()
    answer = Answer.objects.get(attempt=attempt, version__item__kind="essay")
    label = essays.pseudonym(answer)
    assert label in queue
    assert engineer.display_name not in queue
    url = reverse("exams:staff_mark", args=[answer.pk])
    page = client.get(url).content.decode()
    assert "Pumps and tanks." in page
    assert engineer.display_name not in page
    assert client.post(url, {"percent": 140}).status_code == 400
    client.post(url, {"percent": 80})
    assert EssayMark.objects.get().marker == marker
    assert client.get(url).status_code == 404  # nothing more for this marker

    client.force_login(registrar)
    client.post(reverse("exams:staff_release", args=[essay_sitting.pk]))
    result = Result.objects.get(attempt=attempt)
    assert result.released_by == registrar
    page = client.get(reverse("exams:staff_sitting", args=[essay_sitting.pk])).content.decode()
    assert "released" in page


def test_the_manager_changes_a_released_mark_with_a_reason(
    client, essay_sitting, engineer, examiner, registrar
):
    attempt = sit(essay_sitting, engineer, examiner)
    marker = make_person("examiner", two_factor=True)
    essays.give_mark(answer=essays.queue(marker)[0].answer, marker=marker, percent=0)
    client.force_login(registrar)
    client.post(reverse("exams:staff_release", args=[essay_sitting.pk]))
    url = reverse("exams:staff_attempt", args=[attempt.public_id])
    numeric = next(pk for pk in attempt.form if not attempt.answers.filter(version_id=pk).exists())
    refused = client.post(url, {"version": numeric, "percent": 100, "reason": ""})
    assert refused.status_code == 400
    client.post(url, {"version": numeric, "percent": 100, "reason": "Key was wrong"})
    entry = AuditEntry.objects.get(action="exams.mark.changed_after_release")
    assert entry.actor == registrar
    assert entry.reason == "Key was wrong"
    assert Answer.objects.get(attempt=attempt, version_id=numeric).score == 1.0
    assert "100" in client.get(url).content.decode()


def test_the_manager_writes_a_blueprint_and_sees_whether_the_bank_can_fill_it(
    client, sitting, registrar
):
    blueprint = sitting.blueprint
    area = blueprint.rows.get().area_code
    url = reverse("exams:staff_blueprint", args=[blueprint.scheme.pk])
    client.force_login(registrar)
    page = client.get(url).content.decode()
    assert 'value="30"' in page  # the time allowed today
    assert "yes" in page  # English can fill 3 items from 4
    assert "The bank has 0 active items for" in page  # nothing is written in Uzbek
    data = {
        "time_limit_minutes": 45,
        "pass_mark": 65,
        "form_mode": "random",
        "marking_threshold": 15,
        "double_marking": "on",
        "area_0": area,
        "count_0": 5,
        "area_1": "NOPE",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    data.pop("area_1")
    client.post(url, data)
    blueprint.refresh_from_db()
    assert (blueprint.time_limit_minutes, blueprint.pass_mark) == (45, 65)
    assert blueprint.double_marking
    assert [(r.area_code, r.count) for r in blueprint.rows.all()] == [(area, 5)]
    entry = AuditEntry.objects.get(action="exams.blueprint.saved")
    assert entry.before["time_limit_minutes"] == 30
    assert entry.after["rows"] == [[area, None, 5]]
    page = client.get(url).content.decode()
    assert "the blueprint asks for 5" in page


def test_blueprint_pages_are_for_the_exam_manager_only(client, sitting, examiner, engineer):
    urls = [
        reverse("exams:staff_blueprints"),
        reverse("exams:staff_blueprint", args=[sitting.blueprint.scheme.pk]),
    ]
    for person in (examiner, engineer):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403
            assert client.post(url, {"time_limit_minutes": 1}).status_code in (403, 405)
    sitting.blueprint.refresh_from_db()
    assert sitting.blueprint.time_limit_minutes == 30


def test_a_refused_incident_keeps_what_was_typed_and_says_what_is_wrong(
    client, sitting, examiner, registrar, engineer
):
    client.force_login(examiner)
    url = reverse("exams:staff_incident", args=[sitting.pk])
    response = client.post(url, {"registration": "999999", "description": "Smoke in room 2"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Smoke in room 2" in page  # not lost
    assert "Select a valid choice" in page
    assert not Incident.objects.exists()
    registration = Registration.objects.create(sitting=sitting, candidate=engineer, language="en")
    client.force_login(registrar)
    prefix = f"r{registration.pk}"
    response = client.post(
        reverse("exams:staff_registration", args=[registration.pk]),
        {f"{prefix}-language": "de", f"{prefix}-extra_minutes": "0"},
        follow=True,
    )
    assert "Exam language: Select a valid choice" in response.content.decode()
