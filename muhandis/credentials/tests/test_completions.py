"""Certificates of completion: made once when a course is completed, a PDF with a QR code and an
Open Badges 3.0 credential signed on the certification path, which the verifier accepts."""

import io
import json
from decimal import Decimal

import jsonschema
import pytest
from django.urls import reverse
from pypdf import PdfReader

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.competencies.models import Competency, ProficiencyLevel
from muhandis.credentials import selectors
from muhandis.credentials.models import CompletionCredential
from muhandis.credentials.services import keys
from muhandis.training.models import CourseCompetency, Enrolment
from muhandis.training.signals import enrolment_completed
from muhandis.training.tests.factories import CourseFactory, EnrolmentFactory
from muhandis.training.tests.factories_attendance import ended_session
from tests.standards import standards_dir

SCHEMA = standards_dir() / "open-badges-3.0/ob_v3p0_achievementcredential_schema.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(settings, level_two):
    settings.SITE_URL = "https://register.uzace.uz"
    course = CourseFactory(
        title="Industrial wastewater", title_en="Industrial wastewater", cpd_hours=Decimal(24)
    )
    competency = Competency.objects.order_by("pk").first()
    level = ProficiencyLevel.objects.filter(scale=competency.framework.scale).first()
    CourseCompetency.objects.create(course=course, competency=competency, level=level)
    person = make_person(Role.ENGINEER, name_latin="Dilnoza Karimova", preferred_language="ru")
    enrolment = EnrolmentFactory(
        session=ended_session(days=3, course=course), person=person, status="completed"
    )
    enrolment.completed_at = enrolment.session.ends_at
    enrolment.save()
    return enrolment


def _send(enrolment):
    enrolment_completed.send(sender=Enrolment, enrolment=enrolment)


def test_completion_issues_a_pdf_and_a_credential_that_verifies_once(completed, mailoutbox):
    keys.create_key()
    _send(completed)
    _send(completed)
    record = CompletionCredential.objects.get()
    assert record.enrolment == completed
    assert record.language == "ru"
    with record.file.open("rb") as handle:
        content = handle.read()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Dilnoza Karimova" in text
    assert "Industrial wastewater" in text
    assert str(record.public_id) in text
    for given in (json.dumps(record.document), record.jwt):
        result = selectors.verify_credential(given)
        assert result.verified, [(c.name, c.code) for c in result.checks if not c.passed]
        assert [c.name for c in result.checks][-2:] == ["revocation", "suspension"]
    subject = record.document["credentialSubject"]
    assert subject["achievement"]["achievementType"] == "Course"
    assert subject["achievement"]["creditsAvailable"] == 24
    assert subject["creditsEarned"] == 24
    assert subject["achievement"]["alignment"][0]["targetDescription"].startswith("to level")
    assert subject["identifier"][0]["identityHash"] == "Dilnoza Karimova"
    (message,) = mailoutbox
    assert message.to == [completed.person.email]
    assert "Industrial wastewater" in message.subject
    assert reverse("credentials:my_completions") in message.body


@pytest.mark.skipif(not SCHEMA.exists(), reason="standards folder not present")
def test_the_completion_credential_is_valid_open_badges(completed):
    keys.create_key()
    _send(completed)
    document = CompletionCredential.objects.get().document
    # Checked without its status entries, as the certification credentials are: 1EdTech's
    # schema allows one credentialStatus object, VC Data Model 2.0 a list (revocation and
    # suspension).
    document = {key: value for key, value in document.items() if key != "credentialStatus"}
    validator = jsonschema.Draft201909Validator(json.loads(SCHEMA.read_text()))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)] == []


def test_a_tampered_completion_credential_fails(completed):
    keys.create_key()
    _send(completed)
    tampered = json.loads(json.dumps(CompletionCredential.objects.get().document))
    tampered["credentialSubject"]["creditsEarned"] = 240
    result = selectors.verify_credential(tampered)
    assert {c.name: c.code for c in result.checks if not c.passed} == {"signature": "bad_signature"}


def test_without_an_issuer_key_the_pdf_comes_first_and_the_credential_later(completed, client):
    _send(completed)
    record = CompletionCredential.objects.get()
    assert record.file
    assert record.document is None
    keys.create_key()
    client.force_login(completed.person)
    response = client.get(reverse("credentials:completion_json", args=[record.public_id]))
    assert response.status_code == 200
    assert selectors.verify_credential(response.content).verified


def test_the_participant_downloads_and_strangers_are_refused(completed, client):
    keys.create_key()
    _send(completed)
    record = CompletionCredential.objects.get()
    own = [
        reverse(name, args=[record.public_id])
        for name in ("credentials:completion_pdf", "credentials:completion_json")
    ] + [reverse("credentials:completion_jwt", args=[record.public_id])]
    for url in [*own, reverse("credentials:my_completions")]:
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(make_person(Role.ENGINEER))
    for url in own:
        assert client.get(url).status_code == 404
    assert "Industrial" not in client.get(reverse("credentials:my_completions")).content.decode()
    client.force_login(completed.person)
    page = client.get(reverse("credentials:my_completions")).content.decode()
    assert "Industrial wastewater" in page
    pdf = client.get(own[0])
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.logout()
    public = client.get(reverse("credentials:completion_verify", args=[record.public_id]))
    text = public.content.decode()
    assert "Dilnoza Karimova" in text
    assert text.count("✔") == 6  # every check passed
    assert "✘" not in text


def test_an_enrolment_not_completed_gets_nothing(completed):
    completed.status = "not_completed"
    completed.save()
    _send(completed)
    assert not CompletionCredential.objects.exists()


def test_the_vc_api_verifies_the_completion_credential(completed, client):
    keys.create_key()
    _send(completed)
    record = CompletionCredential.objects.get()
    for given in (record.document, record.jwt):
        response = client.post(
            "/credentials/verify",
            json.dumps({"verifiableCredential": given}),
            content_type="application/json",
        )
        assert response.status_code == 200
        assert response.json()["verified"] is True


def test_what_waited_for_a_key_is_made_by_the_command(completed):
    from django.core.management import call_command

    _send(completed)
    assert CompletionCredential.objects.get().document is None
    keys.create_key()
    call_command("make_missing_documents", stdout=io.StringIO())
    record = CompletionCredential.objects.get()
    assert selectors.verify_credential(record.document).verified
