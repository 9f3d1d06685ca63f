import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from muhandis.core.models import AuditEntry
from muhandis.cpd import services
from muhandis.cpd.models import CpdActivity

from .conftest import record

pytestmark = pytest.mark.django_db
QUEUE = "/en/cpd/registrar/"


def test_registrar_verifies_through_the_queue(client, engineer, registrar):
    activity = record(engineer)
    client.force_login(registrar)
    assert "Network design course" in client.get(QUEUE).content.decode()
    url = f"/en/cpd/registrar/{activity.pk}/"
    assert client.post(url, {"decision": "verify", "note": ""}).status_code == 302
    activity.refresh_from_db()
    assert activity.status == CpdActivity.Status.VERIFIED
    assert activity.reviewed_by == registrar
    assert "Network design course" not in client.get(QUEUE).content.decode()
    entry = AuditEntry.objects.get(action="cpd.activity.verified")
    assert entry.actor_id == registrar.pk


def test_a_rejection_needs_a_reason_and_the_engineer_is_told_in_their_language(
    client, engineer, registrar, mailoutbox
):
    engineer.preferred_language = "ru"
    engineer.save()
    activity = record(engineer)
    client.force_login(registrar)
    url = f"/en/cpd/registrar/{activity.pk}/"
    response = client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 400
    assert "Say why the activity is not accepted." in response.content.decode()
    mailoutbox.clear()
    assert (
        client.post(url, {"decision": "reject", "note": "Attendance not shown."}).status_code == 302
    )
    activity.refresh_from_db()
    assert activity.status == CpdActivity.Status.REJECTED
    (message,) = mailoutbox
    assert message.to == [engineer.email]
    assert "Attendance not shown." in message.body
    assert "/ru/cpd/" in message.body
    entry = AuditEntry.objects.get(action="cpd.activity.rejected")
    assert entry.reason == "Attendance not shown."


def test_a_corrected_rejected_activity_goes_back_to_the_registrar(engineer, registrar):
    activity = record(engineer)
    services.reject_activity(activity=activity, actor=registrar, reason="Hours too high.")
    services.update_activity(
        activity=activity,
        actor=engineer,
        title=activity.title,
        start_date=activity.start_date,
        hours=6,
        category="technical",
    )
    assert activity.status == CpdActivity.Status.RECORDED


def test_only_a_registrar_reviews_and_never_their_own_activity(engineer, registrar, examiner):
    activity = record(engineer)
    with pytest.raises(PermissionDenied):
        services.verify_activity(activity=activity, actor=examiner)
    own = record(registrar)
    with pytest.raises(PermissionDenied, match="their own"):
        services.verify_activity(activity=own, actor=registrar)
    services.verify_activity(activity=activity, actor=registrar)
    with pytest.raises(ValidationError, match="already been reviewed"):
        services.reject_activity(activity=activity, actor=registrar, reason="x")


def test_the_audit_sample_is_reproducible_from_its_seed(engineer, stranger):
    activities = [record(person, days_ago=d) for person in (engineer, stranger) for d in (1, 2, 3)]
    year = timezone.localdate().year
    ids = [a.pk for a in activities if a.start_date.year == year]
    sample = services.draw_audit_sample(year=year, fraction=0.5, seed=20260101)
    assert sample.population == sorted(ids)
    assert len(sample.chosen) == -(-len(ids) // 2)
    assert sample.chosen == services.choose_sample(ids, len(sample.chosen), 20260101)
    assert set(CpdActivity.objects.filter(audit_year=year).values_list("pk", flat=True)) == set(
        sample.chosen
    )
    entry = AuditEntry.objects.get(action="cpd.audit.sample_drawn")
    assert entry.after["seed"] == 20260101
    assert entry.after["chosen"] == sample.chosen


def test_the_audit_sample_skips_verified_and_already_drawn_activities(engineer, registrar):
    first = record(engineer, days_ago=1)
    done = record(engineer, days_ago=1)
    services.verify_activity(activity=done, actor=registrar)
    year = first.start_date.year
    assert services.draw_audit_sample(year=year, size=5, seed=3).chosen == [first.pk]
    with pytest.raises(ValidationError, match="No activity of"):
        services.draw_audit_sample(year=year, size=5, seed=3)
    with pytest.raises(ValidationError, match="not both"):
        services.draw_audit_sample(year=year, size=5, fraction=0.1)


def test_registrar_draws_the_sample_from_the_page(client, engineer, registrar):
    activity = record(engineer, days_ago=1)
    client.force_login(registrar)
    response = client.post(
        "/en/cpd/registrar/sample/",
        {"year": activity.start_date.year, "percent": 100},
        follow=True,
    )
    assert "1 of 1 activities were drawn for the audit" in response.content.decode()
    activity.refresh_from_db()
    assert activity.audit_year == activity.start_date.year


def test_the_yearly_command_draws_and_prints_the_seed(engineer, capsys):
    activity = record(engineer, days_ago=1)
    year = activity.start_date.year
    call_command("cpd_audit_sample", year=year, size=1, seed=42)
    assert "seed 42" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No activity"):
        call_command("cpd_audit_sample", year=year, fraction=0.5)


def test_verification_pages_refuse_anonymous_and_other_roles(
    client, engineer, registrar_without_two_factor
):
    activity = record(engineer)
    urls = [QUEUE, f"/en/cpd/registrar/{activity.pk}/"]
    for url in [*urls, "/en/cpd/registrar/sample/"]:
        response = client.post(url) if url.endswith("sample/") else client.get(url)
        assert "/account/login/" in response["Location"]
    client.force_login(engineer)
    for url in urls:
        assert client.get(url).status_code == 403
    assert (
        client.post("/en/cpd/registrar/sample/", {"year": 2026, "percent": 10}).status_code == 403
    )
    assert client.post(urls[1], {"decision": "verify"}).status_code == 403
    client.force_login(registrar_without_two_factor)
    assert client.get(QUEUE)["Location"].endswith(reverse("mfa_activate_totp"))
    activity.refresh_from_db()
    assert activity.status == CpdActivity.Status.RECORDED
    assert activity.audit_year is None


def test_the_rejection_email_uses_the_engineers_language(engineer, registrar, mailoutbox):
    engineer.preferred_language = "uz"
    engineer.save()
    activity = record(engineer)
    mailoutbox.clear()
    services.reject_activity(activity=activity, actor=registrar, reason="Sabab.")
    with translation.override("uz"):
        greeting = gettext("Dear %(name)s,") % {"name": engineer.display_name}
    assert "/uz/cpd/" in mailoutbox[0].body
    assert greeting.split()[0] in mailoutbox[0].body


def test_every_cpd_action_has_a_label_staff_can_read():
    import re
    from pathlib import Path

    from muhandis.core.audit import ACTION_LABELS

    services_dir = Path(__file__).resolve().parents[1] / "services"
    source = "".join(path.read_text() for path in sorted(services_dir.glob("*.py")))
    recorded = set(re.findall(r'"(cpd\.[a-z_]+\.[a-z_]+)"', source))
    assert "cpd.renewal.decided" in recorded
    assert recorded - set(ACTION_LABELS) == set()
