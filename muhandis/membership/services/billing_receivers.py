"""What membership does when billing says an invoice was paid, cancelled or refunded
(``billing.signals``, connected in ``MembershipConfig.connect_billing``).

- Paid: the period counts from now; the membership's dates follow its paid periods and its
  status is recalculated (a grace membership that pays its renewal is current again).
- Cancelled before payment: the period is cancelled. A first period cancelled leaves the
  membership awaiting payment with no open invoice: staff approve it again (a new invoice) or
  cancel the membership; it does not go back to pending, as staff have already decided.
- Refunded: the period no longer counts; the dates and status are recalculated from the
  periods still paid (with none left, the membership awaits payment again).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from muhandis.billing.models import Invoice
from muhandis.core import audit

from ..models import MembershipPeriod
from . import memberships as services


def _period(invoice: Invoice) -> MembershipPeriod | None:
    return MembershipPeriod.objects.filter(invoice=invoice).first()


def mark_paid(*, invoice: Invoice) -> MembershipPeriod | None:
    period = _period(invoice)
    if period is None:
        return None
    with transaction.atomic():
        membership = services._lock(period.membership)
        period = MembershipPeriod.objects.select_for_update().get(pk=period.pk)
        if period.paid_at is not None or period.cancelled_at is not None:
            return period
        before = services._state(membership)
        period.paid_at = timezone.now()
        period.save(update_fields=["paid_at"])
        services.refresh_dates(membership)
        audit.record(
            "membership.period.paid",
            actor=None,
            target=membership,
            before=before,
            after={**services._state(membership), "invoice": invoice.number},
        )
        services.notify(membership, "paid", invoice=invoice, period=period)
    return period


def mark_cancelled(*, invoice: Invoice, reason: str = "") -> MembershipPeriod | None:
    period = _period(invoice)
    if period is None:
        return None
    with transaction.atomic():
        membership = services._lock(period.membership)
        period = MembershipPeriod.objects.select_for_update().get(pk=period.pk)
        if period.paid_at is not None or period.cancelled_at is not None:
            return period
        period.cancelled_at = timezone.now()
        period.save(update_fields=["cancelled_at"])
        audit.record(
            "membership.period.cancelled",
            actor=None,
            target=membership,
            before={"status": membership.status},
            after={"status": membership.status, "invoice": invoice.number},
            reason=reason,
        )
    return period


def mark_refunded(*, invoice: Invoice, reason: str = "") -> MembershipPeriod | None:
    period = _period(invoice)
    if period is None:
        return None
    with transaction.atomic():
        membership = services._lock(period.membership)
        period = MembershipPeriod.objects.select_for_update().get(pk=period.pk)
        if period.paid_at is None:
            return period
        before = services._state(membership)
        period.paid_at = None
        period.cancelled_at = timezone.now()
        period.save(update_fields=["paid_at", "cancelled_at"])
        services.refresh_dates(membership)
        audit.record(
            "membership.period.refunded",
            actor=None,
            target=membership,
            before=before,
            after={**services._state(membership), "invoice": invoice.number},
            reason=reason,
        )
    return period


def on_invoice_paid(sender: Any, invoice: Invoice, **kwargs: Any) -> None:
    mark_paid(invoice=invoice)


def on_invoice_cancelled(sender: Any, invoice: Invoice, reason: str = "", **kwargs: Any) -> None:
    mark_cancelled(invoice=invoice, reason=reason)


def on_invoice_refunded(sender: Any, invoice: Invoice, reason: str = "", **kwargs: Any) -> None:
    mark_refunded(invoice=invoice, reason=reason)
