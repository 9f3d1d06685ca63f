from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from muhandis.accounts.tests.factories import UserFactory
from muhandis.billing import services as billing
from muhandis.core.models import AuditEntry
from muhandis.membership.models import Status

from .factories_core import D, approved, issuers, make_type, pay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuers(db):
    issuers()


@pytest.fixture
def full(db):
    return make_type("full", fees={"UZS": "500000"})


def test_paying_the_first_invoice_starts_the_membership(
    django_capture_on_commit_callbacks, full, registrar
):
    person = UserFactory(preferred_language="ru")
    with time_machine.travel(D(2026, 3, 20), tick=False):
        membership = approved(actor=registrar, type=full, person=person, start=D(2026, 3, 15))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pay(membership)
    membership.refresh_from_db()
    assert membership.status == Status.NEW
    assert membership.member_since == D(2026, 3, 15)
    assert (membership.start_date, membership.end_date) == (D(2026, 3, 15), D(2026, 12, 31))
    assert membership.periods.get().paid_at is not None
    [message] = mail.outbox
    assert message.body.startswith("Уважаемый")
    assert "31.12.2026" in message.body
    assert AuditEntry.objects.filter(action="membership.period.paid").count() == 1


def test_a_refund_takes_the_period_back(django_capture_on_commit_callbacks, full, registrar):
    with time_machine.travel(D(2026, 3, 20), tick=False):
        membership = approved(
            actor=registrar, type=full, person=UserFactory(), start=D(2026, 3, 15)
        )
        with django_capture_on_commit_callbacks(execute=True):
            pay(membership)
        period = membership.periods.get()
        with django_capture_on_commit_callbacks(execute=True):
            billing.refund_invoice(invoice=period.invoice, reason="Paid twice", actor=registrar)
    membership.refresh_from_db()
    period.refresh_from_db()
    assert period.paid_at is None
    assert period.cancelled_at is not None
    assert membership.status == Status.AWAITING_PAYMENT
    assert membership.end_date is None
    assert AuditEntry.objects.get(action="membership.period.refunded").reason == "Paid twice"


def test_a_refunded_renewal_leaves_the_earlier_period(
    django_capture_on_commit_callbacks, full, registrar
):
    from muhandis.membership.services import memberships

    with time_machine.travel(D(2026, 3, 20), tick=False):
        membership = approved(
            actor=registrar, type=full, person=UserFactory(), start=D(2026, 3, 15)
        )
        with django_capture_on_commit_callbacks(execute=True):
            pay(membership)
    with time_machine.travel(D(2026, 12, 10), tick=False):
        assert memberships.send_renewal_invoices(today=D(2026, 12, 10)) == 1
        with django_capture_on_commit_callbacks(execute=True):
            pay(membership)
        membership.refresh_from_db()
        assert membership.end_date == D(2027, 12, 31)
        renewal = membership.periods.get(kind="renewal")
        with django_capture_on_commit_callbacks(execute=True):
            billing.refund_invoice(invoice=renewal.invoice, reason="Leaving", actor=registrar)
    membership.refresh_from_db()
    assert membership.end_date == D(2026, 12, 31)
    assert membership.status == Status.CURRENT


def test_an_invoice_not_of_membership_is_left_alone(django_capture_on_commit_callbacks, full):
    from muhandis.billing.tests.factories import make_invoice

    invoice = make_invoice()
    with django_capture_on_commit_callbacks(execute=True):
        billing.record_manual_payment(
            invoice=invoice,
            provider="cash",
            amount=invoice.gross_total,
            received_on=D(2026, 1, 1),
            reference="X1",
            actor=None,
        )
    assert not AuditEntry.objects.filter(action__startswith="membership.").exists()


def test_membership_news_reaches_the_notification_centre_and_follows_the_members_choice(
    django_capture_on_commit_callbacks, full, registrar
):
    from muhandis.notifications import selectors as notices
    from muhandis.notifications import services as notice_settings

    person = UserFactory(preferred_language="ru")
    notice_settings.set_preferences(person=person, choices={"membership.paid": (True, "off")})
    with time_machine.travel(D(2026, 3, 20), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            membership = approved(actor=registrar, type=full, person=person, start=D(2026, 3, 15))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pay(membership)
    # Paid: on the site only, as the member chose; approved (with its invoice): always emailed.
    assert mail.outbox == []
    titles = [notice.title for notice in notices.notices(person=person).object_list]
    assert titles == [
        "Членский взнос получен",
        "Членство одобрено",
        "Заявление о членстве получено",
    ]
    assert notices.unread_count(person=person) == 3
    with pytest.raises(ValidationError):
        notice_settings.set_preferences(
            person=person, choices={"membership.renewal": (True, "off")}
        )


def test_dues_carry_their_tax_code_and_vat_rate_on_the_invoice(registrar):
    exempt = make_type(
        "exempt", fees={"UZS": "500000"}, ikpu_code="10305008002000000", vat_rate=Decimal(0)
    )
    membership = approved(actor=registrar, type=exempt, person=UserFactory(), start=D(2026, 3, 1))
    invoice = membership.periods.get().invoice
    [line] = invoice.lines.all()
    assert line.ikpu_code == "10305008002000000"
    assert line.vat_amount == 0
    assert invoice.gross_total == Decimal("500000")
    assert invoice.vat_total == 0
