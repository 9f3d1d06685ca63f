import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from muhandis.accounts.tests.factories import UserFactory
from muhandis.core.models import AuditEntry
from muhandis.membership.models import Membership, Status
from muhandis.membership.services import memberships

from .factories_core import D, approved, issuers, make_type, pay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuers(db):
    issuers()


@pytest.fixture
def full(db):
    return make_type("full", fees={"UZS": "500000"}, grace_days=30)


def paid_member(capture, registrar, type, *, language="uz", start=None):
    start = start or D(2026, 1, 10)
    with time_machine.travel(start, tick=False):
        membership = approved(
            actor=registrar,
            type=type,
            person=UserFactory(preferred_language=language),
            start=start,
        )
        with capture(execute=True):
            pay(membership)
    membership.refresh_from_db()
    return membership


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2026, 2, 1), Status.NEW),
        (D(2026, 6, 1), Status.CURRENT),
        (D(2026, 12, 31), Status.CURRENT),
        (D(2027, 1, 30), Status.GRACE),
        (D(2027, 1, 31), Status.EXPIRED),
    ],
)
def test_the_daily_run_follows_the_dates(
    django_capture_on_commit_callbacks, registrar, full, today, status
):
    membership = paid_member(django_capture_on_commit_callbacks, registrar, full)
    assert membership.status == Status.NEW
    changed = memberships.recalculate_statuses(today=today)
    membership.refresh_from_db()
    assert membership.status == status
    assert changed == (0 if status == Status.NEW else 1)
    entries = AuditEntry.objects.filter(action="membership.membership.status_changed")
    assert entries.count() == changed
    if changed:
        entry = entries.get()
        assert entry.actor is None
        assert entry.reason == "daily recalculation"


def test_the_daily_run_leaves_pending_refused_and_cancelled_alone(
    django_capture_on_commit_callbacks, registrar, full
):
    membership = paid_member(django_capture_on_commit_callbacks, registrar, full)
    memberships.cancel_membership(actor=registrar, membership=membership, reason="Left")
    pending = memberships.apply_for_membership(actor=UserFactory(), type=full, currency="UZS")
    assert memberships.recalculate_statuses(today=D(2028, 1, 1)) == 0
    assert Membership.objects.get(pk=membership.pk).status == Status.CANCELLED
    assert Membership.objects.get(pk=pending.pk).status == Status.PENDING


def test_the_daily_run_keeps_its_queries_few(
    django_capture_on_commit_callbacks, django_assert_max_num_queries, registrar, full
):
    for _ in range(5):
        paid_member(django_capture_on_commit_callbacks, registrar, full)
    # One query to read them all; per changed row, the update and its audit entry (with their
    # savepoints, and on PostgreSQL the audit chain's lock): a fixed cost per change.
    with django_assert_max_num_queries(1 + 5 * 8):
        assert memberships.recalculate_statuses(today=D(2026, 6, 1)) == 5


def test_a_renewal_is_invoiced_and_reminded_once_per_period(
    django_capture_on_commit_callbacks, registrar, full, settings
):
    settings.MEMBERSHIP_RENEWAL_DAYS = 30
    membership = paid_member(django_capture_on_commit_callbacks, registrar, full, language="ru")
    mail.outbox.clear()
    assert memberships.send_renewal_invoices(today=D(2026, 11, 30)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert memberships.send_renewal_invoices(today=D(2026, 12, 1)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert memberships.send_renewal_invoices(today=D(2026, 12, 2)) == 0
    renewal = membership.periods.get(kind="renewal")
    assert (renewal.start_date, renewal.end_date) == (D(2027, 1, 1), D(2027, 12, 31))
    [message] = mail.outbox
    assert message.to == [membership.person.email]
    assert message.body.startswith("Уважаемый")
    assert renewal.invoice.number in message.body
    assert "01.01.2027" in message.body
    membership.refresh_from_db()
    assert membership.reminded_for == D(2026, 12, 31)
    [line] = renewal.invoice.lines.all()
    assert "full член" in line.description


def test_a_grace_membership_that_pays_its_renewal_is_current_again(
    django_capture_on_commit_callbacks, registrar, full
):
    membership = paid_member(django_capture_on_commit_callbacks, registrar, full)
    memberships.recalculate_statuses(today=D(2027, 1, 10))
    memberships.send_renewal_invoices(today=D(2027, 1, 10))
    membership.refresh_from_db()
    assert membership.status == Status.GRACE
    with (
        time_machine.travel(D(2027, 1, 12), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        pay(membership)
    membership.refresh_from_db()
    assert membership.status == Status.CURRENT
    assert (membership.start_date, membership.end_date) == (D(2027, 1, 1), D(2027, 12, 31))


def test_an_expired_membership_is_not_invoiced_again(
    django_capture_on_commit_callbacks, registrar, full
):
    paid_member(django_capture_on_commit_callbacks, registrar, full)
    memberships.recalculate_statuses(today=D(2027, 3, 1))
    assert memberships.send_renewal_invoices(today=D(2027, 3, 1)) == 0


def test_the_daily_command_recalculates_then_invoices(
    django_capture_on_commit_callbacks, registrar, full
):
    membership = paid_member(django_capture_on_commit_callbacks, registrar, full)
    with time_machine.travel(D(2027, 1, 5), tick=False):
        out = io.StringIO()
        call_command("update_memberships", stdout=out)
    assert "Membership statuses changed: 1" in out.getvalue()
    assert "Renewal invoices sent: 1" in out.getvalue()
    membership.refresh_from_db()
    assert membership.status == Status.GRACE
    assert membership.periods.filter(kind="renewal").exists()


def test_an_honorary_membership_renews_itself_without_an_invoice(
    django_capture_on_commit_callbacks, registrar
):
    honorary = make_type("honorary", grade="honorary", fees={"UZS": "0"})
    membership = approved(
        actor=registrar,
        type=honorary,
        person=UserFactory(preferred_language="en"),
        start=D(2026, 1, 10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert memberships.send_renewal_invoices(today=D(2026, 12, 15)) == 1
    membership.refresh_from_db()
    assert membership.end_date == D(2027, 12, 31)
    assert membership.periods.get(kind="renewal").invoice is None
    assert "no fee to pay" in mail.outbox[-1].body


def test_a_member_in_kazakhstan_is_invoiced_in_tenge(django_capture_on_commit_callbacks, registrar):
    full = make_type("full", fees={"UZS": "500000", "KZT": "20000"})
    person = UserFactory(preferred_language="en")
    membership = approved(
        actor=registrar, type=full, person=person, start=D(2026, 5, 1), currency="KZT"
    )
    invoice = membership.periods.get().invoice
    assert invoice.currency == "KZT"
    assert invoice.gross_total == 20000
    assert invoice.lines.get().description == "Membership fee: full member 05/01/2026–12/31/2026"
