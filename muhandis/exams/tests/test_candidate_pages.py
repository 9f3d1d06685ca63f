"""The candidate's pages: item texts with formulas and images, a second tab or device, and
"My exams" with the start."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.exams.attempts import services as attempts
from muhandis.exams.bank.rendering import render_text
from muhandis.exams.models import (
    Attempt,
    AttemptEvent,
    ItemImage,
    ItemVersion,
    Registration,
    Sitting,
)
from muhandis.exams.tests.support import NOW, item_of_kind

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TEXT = "Flow <b>Q</b> in [image:1]:\n\\[ Q = v \\cdot\n A \\]\nand [image:7].\nGive Q."


def _image(item, number=1):
    return ItemImage.objects.create(
        item=item,
        number=number,
        file=SimpleUploadedFile("pipe.png", PNG),
        content_type="image/png",
        sha256="0" * 64,
        alt={"en": "A pipe of 200 mm", "ru": "Труба 200 мм"},
    )


@pytest.fixture
def illustrated(attempt):
    """The attempt's single-choice question with a formula, markup and image 1 in its text."""
    version = item_of_kind(attempt, "single")
    version.content["texts"]["en"] = TEXT
    version.save(update_fields=["content"])
    _image(version.item)
    return version


def _url(attempt, version_id, number=1):
    return f"/en/exams/attempts/{attempt.public_id}/images/{version_id}/{number}/"


# Rendering ---------------------------------------------------------------------------------------


def test_text_is_escaped_images_placed_and_formulas_kept_whole(illustrated):
    image = illustrated.item.images.get()
    html = render_text(
        TEXT, images={1: image}, language="ru", image_url=lambda found: f"/img/{found.number}"
    )
    assert "<b>" not in html
    assert "Flow &lt;b&gt;Q&lt;/b&gt;" in html
    assert '<img class="img-fluid d-block my-2 exam-image" src="/img/1" alt="Труба 200 мм">' in html
    # The formula is kept whole, and as a block of its own it needs no line breaks around it.
    assert ":\\[ Q = v \\cdot  A \\]and" in html
    assert ".<br>Give Q." in html
    assert "[image:7]" in html  # no such image: shown as written


def test_an_image_without_a_description_in_the_language_gets_another(illustrated):
    image = illustrated.item.images.get()
    html = render_text("[image:1]", images={1: image}, language="uz", image_url=lambda i: "/x")
    assert 'alt="A pipe of 200 mm"' in html
    image.alt = {}
    assert 'alt="Figure 1"' in render_text(
        "[image:1]", images={1: image}, language="uz", image_url=lambda i: "/x"
    )


def test_the_exam_page_shows_the_image_and_the_formula_for_the_browser(
    client, attempt, engineer, illustrated
):
    client.force_login(engineer)
    page = client.get(f"/en/exams/attempts/{attempt.public_id}/").content.decode()
    assert f'src="{_url(attempt, illustrated.pk)}" alt="A pipe of 200 mm"' in page
    assert "Flow &lt;b&gt;Q&lt;/b&gt;" in page
    assert 'class="card-body js-math"' in page
    assert "katex.min.js" in page
    assert "exam-device.js" in page


# The image view ----------------------------------------------------------------------------------


def test_the_candidate_sees_the_image_of_a_question_on_their_form(
    client, attempt, engineer, illustrated
):
    client.force_login(engineer)
    response = client.get(_url(attempt, illustrated.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert client.get(_url(attempt, illustrated.pk, number=2)).status_code == 404


def test_nobody_else_sees_an_attempts_image(
    client, attempt, illustrated, stranger, examiner, sitting
):
    other = make_person(Role.ENGINEER)
    registration = Registration.objects.create(sitting=sitting, candidate=other, language="en")
    attempts.check_identity(registration=registration, actor=examiner)
    attempts.start(registration=registration, actor=other, now=NOW)
    url = _url(attempt, illustrated.pk)
    assert client.get(url).status_code == 302  # to sign in
    for person in (stranger, examiner, other):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_an_image_of_a_question_not_on_the_form_is_refused(client, attempt, engineer):
    elsewhere = ItemVersion.objects.exclude(pk__in=attempt.form).first()
    _image(elsewhere.item)
    client.force_login(engineer)
    assert client.get(_url(attempt, elsewhere.pk)).status_code == 404


def test_once_handed_in_the_images_are_no_longer_served(client, attempt, engineer, illustrated):
    attempts.submit(attempt=attempt, actor=engineer)
    client.force_login(engineer)
    assert client.get(_url(attempt, illustrated.pk)).status_code == 404


# A second tab or device --------------------------------------------------------------------------


def _save(client, attempt, version, device):
    return client.post(
        f"/en/exams/attempts/{attempt.public_id}/answers/{version.pk}/",
        {"kind": "single", "choice": "1"},
        headers={"X-Exam-Device": device},
    )


def test_a_save_from_a_second_tab_is_kept_logged_and_told(client, attempt, engineer):
    single = item_of_kind(attempt, "single")
    client.force_login(engineer)
    first = _save(client, attempt, single, "laptop").content.decode()
    assert "Saved at" in first
    assert "open in another tab" not in first
    second = _save(client, attempt, single, "phone").content.decode()
    assert "Saved at" in second
    assert "This exam is also open in another tab or on another device" in second
    assert "the invigilator is told" in second
    event = AttemptEvent.objects.get(attempt=attempt, kind="second_device")
    assert event.detail == {"device": "phone"}
    _save(client, attempt, single, "phone")
    assert AttemptEvent.objects.filter(kind="second_device").count() == 1  # logged once


def test_an_attempt_started_without_a_device_takes_the_first_one_that_saves(
    client, attempt, engineer
):
    Attempt.objects.filter(pk=attempt.pk).update(device="")
    single = item_of_kind(attempt, "single")
    client.force_login(engineer)
    assert "open in another tab" not in _save(client, attempt, single, "tab-1").content.decode()
    attempt.refresh_from_db()
    assert attempt.device == "tab-1"
    assert "open in another tab" in _save(client, attempt, single, "tab-2").content.decode()


# My exams and the start --------------------------------------------------------------------------


@pytest.fixture
def registration(sitting, engineer):
    return Registration.objects.create(
        sitting=sitting, candidate=engineer, language="en", extra_minutes=15
    )


def test_my_exams_lists_only_my_registrations_with_their_status(
    client, registration, engineer, examiner, sitting
):
    other = make_person(Role.ENGINEER)
    Registration.objects.create(sitting=sitting, candidate=other, language="ru")
    client.force_login(engineer)
    page = client.get("/en/exams/").content.decode()
    assert page.count('<section class="card') == 1
    assert "Waiting for the identity check" in page
    assert "Start the exam" not in page
    assert "with 15 extra minutes" in page
    assert "Online" in page
    attempts.check_identity(registration=registration, actor=examiner)
    page = client.get("/en/exams/").content.decode()
    assert "Ready to start" in page
    assert f'action="/en/exams/registrations/{registration.pk}/start/"' in page
    assert 'name="device" value="" data-exam-device' in page


def test_my_exams_needs_a_sign_in(client):
    response = client.get("/en/exams/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_my_exams_reads_a_fixed_number_of_queries(
    client, registration, engineer, examiner, sitting, django_assert_num_queries
):
    attempts.check_identity(registration=registration, actor=examiner)
    attempts.start(registration=registration, actor=engineer, now=NOW)
    later = Sitting.objects.create(
        blueprint=sitting.blueprint,
        opens_at=NOW + datetime.timedelta(days=30),
        closes_at=NOW + datetime.timedelta(days=30, hours=2),
        room="Room 4",
    )
    Registration.objects.create(sitting=later, candidate=engineer, language="en")
    even_later = Sitting.objects.create(
        blueprint=sitting.blueprint,
        opens_at=NOW + datetime.timedelta(days=60),
        closes_at=NOW + datetime.timedelta(days=60, hours=2),
    )
    Registration.objects.create(sitting=even_later, candidate=engineer, language="en")
    client.force_login(engineer)
    client.get("/en/exams/")  # the first page after signing in also updates the session
    # The session, the person, their roles (for the menu), the registrations with everything,
    # and once per blueprint of an exam not started: its rows and the bank in each language
    # (to offer the languages the exam can be made in).
    with django_assert_num_queries(4 + 4):
        page = client.get("/en/exams/").content.decode()
    assert page.count('<section class="card') == 3
    assert "Resume the exam" in page
    assert "Room 4" in page


def test_the_start_waits_for_the_identity_check(client, registration, engineer):
    client.force_login(engineer)
    response = client.post(f"/en/exams/registrations/{registration.pk}/start/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/exams/"
    assert "An invigilator must check your identity first." in response.content.decode()
    assert not Attempt.objects.exists()


def test_the_start_is_refused_outside_the_window(client, registration, engineer, examiner):
    attempts.check_identity(registration=registration, actor=examiner)
    sitting = registration.sitting
    sitting.opens_at = NOW + datetime.timedelta(days=1)
    sitting.closes_at = NOW + datetime.timedelta(days=1, hours=2)
    sitting.save()
    client.force_login(engineer)
    response = client.post(f"/en/exams/registrations/{registration.pk}/start/", follow=True)
    assert "The exam window is not open." in response.content.decode()
    assert not Attempt.objects.exists()


def test_the_start_records_the_tab_and_opens_the_exam_and_a_second_start_resumes(
    client, registration, engineer, examiner
):
    attempts.check_identity(registration=registration, actor=examiner)
    client.force_login(engineer)
    url = f"/en/exams/registrations/{registration.pk}/start/"
    response = client.post(url, {"device": "tab-a"})
    attempt = Attempt.objects.get()
    assert response["Location"] == f"/en/exams/attempts/{attempt.public_id}/"
    assert attempt.device == "tab-a"
    assert client.post(url, {"device": "tab-b"})["Location"] == response["Location"]
    attempt.refresh_from_db()
    assert attempt.device == "tab-a"
    assert client.get(url).status_code == 405


def test_nobody_starts_someone_elses_registration(client, registration, examiner, stranger):
    attempts.check_identity(registration=registration, actor=examiner)
    url = f"/en/exams/registrations/{registration.pk}/start/"
    assert client.post(url).status_code == 302
    assert "/account/login/" in client.post(url)["Location"]
    for person in (stranger, examiner):
        client.force_login(person)
        assert client.post(url).status_code == 404
    assert not Attempt.objects.exists()


def test_my_exams_shows_the_released_result_by_area_not_by_item(
    client, attempt, engineer, registrar
):
    from muhandis.exams.results import services as results

    attempts.submit(attempt=attempt, actor=engineer)
    client.force_login(engineer)
    page = client.get(reverse("exams:my_exams")).content.decode()
    assert "Feedback by competency area" not in page
    results.release(sitting=attempt.registration.sitting, actor=registrar)
    page = client.get(reverse("exams:my_exams")).content.decode()
    assert "Not passed" in page
    assert "Feedback by competency area" in page
    assert "Needs development" in page
    assert "Question 1" not in page


def test_the_candidate_chooses_the_exam_language_before_the_start(
    client, sitting, engineer, examiner
):
    from muhandis.core.models import AuditEntry

    registration = Registration.objects.create(sitting=sitting, candidate=engineer, language="uz")
    attempts.check_identity(registration=registration, actor=examiner)
    client.force_login(engineer)
    page = client.get(reverse("exams:my_exams")).content.decode()
    assert "Sit the exam in" not in page  # the test bank is written in English only: no choice
    url = reverse("exams:choose_language", args=[registration.pk])
    client.post(url, {"language": "ru"})
    registration.refresh_from_db()
    assert registration.language == "uz"  # refused: no Russian form can be made
    client.post(url, {"language": "en"})
    registration.refresh_from_db()
    assert registration.language == "en"
    entry = AuditEntry.objects.get(action="exams.registration.changed")
    assert entry.actor == engineer
    assert (entry.before, entry.after["language"]) == ({"language": "uz"}, "en")
    attempts.start(registration=registration, actor=engineer)
    client.post(url, {"language": "uz"})
    registration.refresh_from_db()
    assert registration.language == "en"  # started: the language stays
    client.force_login(make_person("engineer"))
    assert client.post(url, {"language": "en"}).status_code == 404
