import datetime
import io

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone, translation

from muhandis.certification import numbers, services, verification_counts
from muhandis.certification.models import Certificate, VerificationCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    verification_counts.discard()  # counts left over from other tests
    return Certificate.objects.get()


def test_page_and_api_verifications_are_counted_and_written_in_one_batch(client, certificate):
    client.get(f"/verify/{certificate.number}")
    client.get(f"/api/v1/verify/{certificate.number}")
    client.get(f"/api/v1/verify/{certificate.number}")
    assert not VerificationCount.objects.exists()
    assert verification_counts.flush() == 3
    row = VerificationCount.objects.get()
    assert (row.certificate, row.day, row.count) == (certificate, timezone.localdate(), 3)
    client.get(f"/api/v1/verify/{certificate.number}")
    verification_counts.flush()
    assert VerificationCount.objects.get().count == 4


def test_a_verification_stays_one_query_while_it_is_counted(
    client, certificate, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert client.get(f"/api/v1/verify/{certificate.number}").status_code == 200
    assert verification_counts.pending() == {(certificate.pk, timezone.localdate()): 1}


def test_failed_look_ups_are_not_counted(client, certificate):
    wrong = certificate.number[:-1] + str((int(certificate.number[-1]) + 1) % 10)
    missing = "MHD-2026-99999-" + str(numbers.damm("202699999"))
    for number in (wrong, missing, "nonsense"):
        client.get(f"/api/v1/verify/{number}")
        client.get(f"/verify/{number}")
    assert verification_counts.flush() == 0
    assert not VerificationCount.objects.exists()


def test_the_holder_sees_how_often_the_certificate_was_verified(client, certificate):
    today = timezone.localdate()
    VerificationCount.objects.create(
        certificate=certificate, day=today - datetime.timedelta(days=45), count=10
    )
    VerificationCount.objects.create(
        certificate=certificate, day=today - datetime.timedelta(days=3), count=2
    )
    client.get(f"/api/v1/verify/{certificate.number}")
    summary = verification_counts.verification_summary(certificate)
    assert summary == {"total": 13, "last_30_days": 3, "last_day": today}
    verification_counts.flush()
    assert verification_counts.verification_summary(certificate) == summary
    with translation.override("en"):
        html = render_to_string(
            "certification/_verification_count.html", {"verifications": summary}
        )
    assert "13" in html
    assert "Last verified" in html


def test_a_certificate_never_verified_says_so(certificate):
    summary = verification_counts.verification_summary(certificate)
    assert summary == {"total": 0, "last_30_days": 0, "last_day": None}
    with translation.override("en"):
        html = render_to_string(
            "certification/_verification_count.html", {"verifications": summary}
        )
    assert "Nobody has verified this certificate yet." in html


def test_counts_kept_when_the_write_fails_and_written_next_time(certificate, monkeypatch):
    verification_counts.record(certificate)

    def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(verification_counts, "_add", broken)
    with pytest.raises(RuntimeError):
        verification_counts.flush()
    monkeypatch.undo()
    assert verification_counts.flush() == 1
    assert VerificationCount.objects.get().count == 1


def test_the_flush_command_writes_pending_counts(certificate):
    verification_counts.record(certificate)
    verification_counts.record(certificate)
    out = io.StringIO()
    call_command("flush_verification_counts", stdout=out)
    assert "Verifications written: 2" in out.getvalue()
    assert VerificationCount.objects.get().count == 2


def test_the_verification_page_reads_the_history_only_when_there_is_one(
    client, certificate, registrar, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en")
    assert "History of its status" not in page.content.decode()
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Audit."
    )
    with django_assert_num_queries(2):
        page = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en")
    assert "History of its status" in page.content.decode()
    assert "Suspended" in page.content.decode()
