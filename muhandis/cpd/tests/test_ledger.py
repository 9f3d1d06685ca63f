import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from muhandis.competencies.models import Competency
from muhandis.core.models import AuditEntry
from muhandis.cpd import services
from muhandis.cpd.models import CpdActivity

from .conftest import PDF, pdf_upload, record, verified

pytestmark = pytest.mark.django_db
LEDGER = "/en/cpd/"


def _form(**changes):
    data = {
        "title": "Water treatment seminar",
        "provider": "TDTU",
        "start_date": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "end_date": "",
        "hours": "6.5",
        "category": "technical",
    }
    data.update(changes)
    return data


def test_engineer_records_an_activity_with_evidence_and_sees_it_in_the_ledger(
    client, engineer, level_two
):
    competency = Competency.objects.filter(framework__code="MUHANDIS-CORE").first()
    client.force_login(engineer)
    data = _form(competencies=[competency.pk], evidence_file=pdf_upload())
    assert client.post(LEDGER, data).status_code == 302
    activity = CpdActivity.objects.get()
    assert activity.person == engineer
    assert activity.hours == Decimal("6.5")
    assert activity.status == CpdActivity.Status.RECORDED
    assert activity.evidence_sha256 == hashlib.sha256(PDF).hexdigest()
    assert activity.evidence_content_type == "application/pdf"
    assert list(activity.competencies.all()) == [competency]
    html = client.get(LEDGER).content.decode()
    assert "Water treatment seminar" in html
    assert "6.5" in html
    assert "Recorded, not yet verified" in html
    entry = AuditEntry.objects.get(action="cpd.activity.recorded")
    assert entry.actor_id == engineer.pk
    assert entry.after["hours"] == "6.5"


def test_the_evidence_is_checked_by_its_content_not_its_name(client, engineer):
    client.force_login(engineer)
    fake = pdf_upload(name="certificate.pdf", content=b"MZ\x90\x00 not a document")
    response = client.post(LEDGER, _form(evidence_file=fake))
    assert response.status_code == 400
    assert "not a PDF, JPEG or PNG document" in response.content.decode()
    assert not CpdActivity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": "0"}, "greater than or equal to 0.5"),
        ({"hours": "30", "end_date": ""}, "more than this activity can count for (at most 24"),
        ({"title": "  "}, "This field is required"),
        ({"category": "hobby"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, engineer, changes, message):
    client.force_login(engineer)
    response = client.post(LEDGER, _form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CpdActivity.objects.exists()


def test_the_service_refuses_future_activities_disordered_dates_and_huge_hours(engineer):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="once it has taken place"):
        record(engineer, days_ago=-2)
    with pytest.raises(ValidationError, match="cannot be before the first"):
        record(engineer, end_date=today - datetime.timedelta(days=20))
    with pytest.raises(ValidationError, match="at most 100 hours"):
        record(engineer, days_ago=30, end_date=today, hours="120")
    assert record(engineer, days_ago=30, end_date=today, hours="100").hours == 100


def test_engineer_edits_and_deletes_an_unverified_activity(client, engineer):
    activity = record(engineer, hours="4")
    client.force_login(engineer)
    url = f"/en/cpd/activities/{activity.pk}/edit/"
    assert "Network design course" in client.get(url).content.decode()
    assert (
        client.post(url, _form(title="Network design course, part 1", hours="5")).status_code == 302
    )
    activity.refresh_from_db()
    assert activity.title == "Network design course, part 1"
    entry = AuditEntry.objects.get(action="cpd.activity.updated")
    assert entry.before["hours"] == "4.0"
    assert entry.after["hours"] == "5"
    assert client.post(f"/en/cpd/activities/{activity.pk}/delete/").status_code == 302
    assert not CpdActivity.objects.exists()
    assert AuditEntry.objects.filter(action="cpd.activity.deleted").exists()


def test_a_verified_activity_can_no_longer_be_changed_or_deleted(client, engineer, registrar):
    activity = verified(engineer, registrar)
    with pytest.raises(ValidationError, match="verified activity"):
        services.delete_activity(activity=activity, actor=engineer)
    client.force_login(engineer)
    response = client.post(f"/en/cpd/activities/{activity.pk}/edit/", _form(), follow=True)
    assert "A verified activity can no longer be changed." in response.content.decode()
    assert CpdActivity.objects.get().title == "Network design course"


def test_an_activity_drawn_for_audit_cannot_be_deleted(engineer):
    activity = record(engineer)
    services.draw_audit_sample(year=activity.start_date.year, size=1, seed=1)
    activity.refresh_from_db()
    with pytest.raises(ValidationError, match="drawn for the"):
        services.delete_activity(activity=activity, actor=engineer)


def test_nobody_changes_someone_elses_activity(client, engineer, stranger):
    activity = record(engineer)
    with pytest.raises(PermissionDenied):
        services.delete_activity(activity=activity, actor=stranger)
    client.force_login(stranger)
    assert client.get(f"/en/cpd/activities/{activity.pk}/edit/").status_code == 404
    assert client.post(f"/en/cpd/activities/{activity.pk}/delete/").status_code == 404


def test_totals_per_category_separate_verified_from_waiting(client, engineer, registrar):
    verified(engineer, registrar, hours="12", category="management")
    record(engineer, hours="3.5", category="management")
    record(engineer, hours="2", category="management")
    rejected = record(engineer, hours="20", category="management")
    services.reject_activity(activity=rejected, actor=registrar, reason="No evidence.")
    client.force_login(engineer)
    response = client.get(LEDGER)
    rows = {row["label"]: row for row in response.context["totals"]}
    management = rows["Management, finance and economics"]
    assert management["verified"] == Decimal(12)
    assert management["pending"] == Decimal("5.5")


def test_the_evidence_is_shown_to_its_engineer_and_registrars_only(
    client, engineer, registrar, stranger
):
    activity = record(engineer, evidence=pdf_upload())
    url = f"/en/cpd/activities/{activity.pk}/evidence/"
    for person in (engineer, registrar):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    client.force_login(stranger)
    assert client.get(url).status_code == 403


def test_ledger_pages_refuse_anonymous_visitors(client, engineer):
    activity = record(engineer)
    for url in [
        LEDGER,
        f"/en/cpd/activities/{activity.pk}/edit/",
        f"/en/cpd/activities/{activity.pk}/evidence/",
    ]:
        assert "/account/login/" in client.get(url)["Location"]
    response = client.post(f"/en/cpd/activities/{activity.pk}/delete/")
    assert "/account/login/" in response["Location"]
    assert CpdActivity.objects.exists()
