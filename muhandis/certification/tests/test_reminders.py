import datetime

import pytest
from django.core.management import call_command

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.certification.services.certificates import send_expiry_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return Certificate.objects.get()


def test_holders_are_reminded_at_90_30_and_7_days_once_each(certificate, mailoutbox):
    expiry = certificate.expiry_date
    mailoutbox.clear()
    assert send_expiry_reminders(today=expiry - datetime.timedelta(days=100)) == 0
    assert send_expiry_reminders(today=expiry - datetime.timedelta(days=90)) == 1
    assert send_expiry_reminders(today=expiry - datetime.timedelta(days=89)) == 0
    assert send_expiry_reminders(today=expiry - datetime.timedelta(days=30)) == 1
    assert send_expiry_reminders(today=expiry - datetime.timedelta(days=7)) == 1
    assert send_expiry_reminders(today=expiry - datetime.timedelta(days=3)) == 0
    assert len(mailoutbox) == 3
    assert certificate.number in mailoutbox[0].subject
    assert mailoutbox[0].to == [certificate.holder.email]


def test_a_late_first_run_sends_one_email_not_three(certificate, mailoutbox):
    mailoutbox.clear()
    sent = send_expiry_reminders(today=certificate.expiry_date - datetime.timedelta(days=5))
    assert sent == 1  # the 90-, 30- and 7-day reminders were all due: one email
    assert len(mailoutbox) == 1
    assert send_expiry_reminders(today=certificate.expiry_date - datetime.timedelta(days=4)) == 0


def test_suspended_certificates_get_no_reminder(certificate, registrar, mailoutbox):
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Audit."
    )
    mailoutbox.clear()
    assert send_expiry_reminders(today=certificate.expiry_date - datetime.timedelta(days=7)) == 0


def test_the_daily_command_runs(certificate, capsys):
    call_command("send_certificate_reminders")
    assert "Reminders sent: 0; certificates expired: 0" in capsys.readouterr().out


def test_expiry_is_recorded_once_and_the_holder_told(client, certificate, mailoutbox):
    from muhandis.certification.services.certificates import record_expiries
    from muhandis.core.models import AuditEntry

    mailoutbox.clear()
    assert record_expiries(today=certificate.expiry_date) == 0  # still valid on its last day
    day_after = certificate.expiry_date + datetime.timedelta(days=1)
    assert record_expiries(today=day_after) == 1
    assert record_expiries(today=day_after) == 0
    assert len(mailoutbox) == 1
    assert certificate.number in mailoutbox[0].subject
    entry = AuditEntry.objects.get(action="certification.certificate.expired")
    assert entry.target_id == str(certificate.pk)
