import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from muhandis.appeals import services
from muhandis.appeals.models import Complaint
from muhandis.certification.models import Certificate
from muhandis.core.models import AuditEntry

from .conftest import PDF

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Kamola Rashidova",
    "email": "kamola@example.uz",
    "relation": "client",
    "description": "The pumping station design was signed without a site visit.",
}


def _url(certificate, language="en"):
    return f"/{language}/appeals/complaints/new/{certificate.number}/"


def _file(certificate, **overrides):
    return services.file_complaint(
        certificate=certificate, **{**DETAILS, "language": "en", **overrides}
    )


def _actions(complaint):
    return list(
        AuditEntry.objects.filter(target_type="appeals.complaint", target_id=str(complaint.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def test_anyone_files_a_complaint_and_gets_a_reference_by_email(client, certificate, mailoutbox):
    assert client.get(_url(certificate, "ru")).status_code == 200
    response = client.post(
        _url(certificate, "ru"),
        {**DETAILS, "evidence": SimpleUploadedFile("photo.pdf", PDF), "website": ""},
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 200
    assert complaint.reference in response.content.decode()
    assert complaint.language == "ru"
    assert complaint.certificate == certificate
    assert complaint.evidence_type == "application/pdf"
    assert complaint.acknowledge_by == timezone.localdate() + datetime.timedelta(days=5)
    assert complaint.resolve_by == timezone.localdate() + datetime.timedelta(days=60)
    assert mailoutbox[-1].to == ["kamola@example.uz"]
    assert complaint.reference in mailoutbox[-1].body
    assert _actions(complaint) == ["appeals.complaint.filed"]
    assert AuditEntry.objects.get(action="appeals.complaint.filed").actor is None


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(
    client, certificate, mailoutbox
):
    sent = len(mailoutbox)
    response = client.post(_url(certificate), {**DETAILS, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert len(mailoutbox) == sent


def test_missing_details_are_shown_on_the_form(client, certificate):
    response = client.post(_url(certificate), {**DETAILS, "description": "", "email": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kamola Rashidova" in html  # what was typed stays
    assert not Complaint.objects.exists()


def test_complaints_are_rate_limited_per_client(client, certificate):
    # The limit counts per clock minute: the clock stands still so that a slow machine cannot
    # carry the six requests across a minute boundary.
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        for _i in range(5):
            assert client.post(_url(certificate), {**DETAILS}).status_code == 200
        response = client.post(_url(certificate), {**DETAILS})
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Complaint.objects.count() == 5


def test_an_unknown_certificate_number_is_not_found(client, certificate):
    assert client.get("/en/appeals/complaints/new/MHD-2026-99999-0/").status_code == 404


def test_acknowledging_tells_the_holder_without_the_complainants_identity(
    certificate, registrar, mailoutbox
):
    complaint = _file(certificate)
    services.acknowledge_complaint(complaint=complaint, actor=registrar)
    message = mailoutbox[-1]
    assert message.to == [certificate.holder.email]
    assert complaint.reference in message.body
    assert "Kamola" not in message.body + message.subject
    assert "kamola@example.uz" not in message.body
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.INVESTIGATING
    with pytest.raises(ValidationError, match="already been acknowledged"):
        services.acknowledge_complaint(complaint=complaint, actor=registrar)


def test_the_investigator_must_be_staff_and_writes_notes(
    client, certificate, registrar, examiner, committee_member, engineer
):
    complaint = _file(certificate)
    with pytest.raises(ValidationError, match="not on the staff"):
        services.assign_investigator(complaint=complaint, investigator=engineer, actor=registrar)
    services.assign_investigator(complaint=complaint, investigator=examiner, actor=registrar)
    client.force_login(examiner)
    url = f"/en/appeals/complaints/{complaint.public_id}/"
    response = client.post(url, {"section": "note", "note-text": "Called the client."})
    assert response.status_code == 302
    assert "Called the client." in client.get(url).content.decode()
    assert client.post(url, {"section": "acknowledge"}).status_code == 403
    client.force_login(committee_member)  # not the investigator
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_note(complaint=complaint, actor=committee_member, text="x")


def test_a_substantiated_complaint_is_closed_the_complainant_told_and_nothing_suspended(
    client, certificate, registrar, mailoutbox
):
    complaint = _file(certificate, language="uz")
    url = f"/en/appeals/complaints/{complaint.public_id}/"
    client.force_login(registrar)
    client.post(url, {"section": "acknowledge"})
    response = client.post(url, {"section": "close", "close-outcome": "substantiated"})
    assert response.status_code == 400  # reasons are required
    response = client.post(
        url,
        {
            "section": "close",
            "close-outcome": "substantiated",
            "close-reasons": "The site visit log confirms it.",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.outcome == Complaint.Outcome.SUBSTANTIATED
    assert mailoutbox[-1].to == ["kamola@example.uz"]
    assert "The site visit log confirms it." in mailoutbox[-1].body
    html = client.get(url).content.decode()
    assert f"/en/certification/certificates/{certificate.public_id}/" in html
    assert f"closed the complaint {complaint.reference}" in html
    assert Certificate.objects.get().status == Certificate.Status.VALID
    assert _actions(complaint) == [
        "appeals.complaint.filed",
        "appeals.complaint.acknowledged",
        "appeals.complaint.closed",
    ]
    with pytest.raises(ValidationError, match="closed"):
        services.add_note(complaint=complaint, actor=registrar, text="Late note")


def test_the_queue_shows_deadlines_and_overdue_acknowledgements(client, certificate, registrar):
    complaint = _file(certificate)
    client.force_login(registrar)
    html = client.get("/en/appeals/complaints/").content.decode()
    assert complaint.reference in html
    assert "5 days left" in html
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        client.force_login(registrar)
        html = client.get("/en/appeals/complaints/").content.decode()
    assert "overdue by 2 days" in html
    assert '<tr class="table-danger">' in html


def test_complaint_pages_refuse_anonymous_visitors_and_people_without_the_role(
    client, certificate, stranger, engineer
):
    complaint = _file(certificate, evidence=SimpleUploadedFile("a.pdf", PDF))
    urls = [
        "/en/appeals/complaints/",
        f"/en/appeals/complaints/{complaint.public_id}/",
        f"/en/appeals/complaints/{complaint.public_id}/evidence/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"], url
    for person in (stranger, engineer):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, url


def test_the_registrar_downloads_the_evidence(client, certificate, registrar):
    complaint = _file(certificate, evidence=SimpleUploadedFile("a.pdf", PDF))
    client.force_login(registrar)
    response = client.get(f"/en/appeals/complaints/{complaint.public_id}/evidence/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
