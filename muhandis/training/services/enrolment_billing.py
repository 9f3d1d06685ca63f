"""What training does when billing says an invoice was paid, cancelled or refunded
(`billing.signals`, connected in ``TrainingConfig.connect_billing``)."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.billing.models import Invoice
from muhandis.core import audit

from ..models import Enrolment
from . import enrolment_notices as notices
from .enrolment import UNPAID, announce_paid, cancel_enrolment

Status = Enrolment.Status


def enrolments_on(invoice: Invoice) -> list[Enrolment]:
    """The enrolments an invoice pays for: its own, or those of the booking it belongs to."""
    from django.db.models import Q

    return list(
        Enrolment.objects.filter(Q(invoice=invoice) | Q(booking__invoice=invoice))
        .select_related("person", "session__course", "invoice__issuer", "booking")
        .order_by("pk")
    )


def mark_paid(*, invoice: Invoice) -> list[Enrolment]:
    """The seats paid by ``invoice`` become paid. A cancelled enrolment stays cancelled (billing
    keeps the money and marks it to be refunded)."""
    done = []
    for enrolment in enrolments_on(invoice):
        with transaction.atomic():
            locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            if locked.status not in UNPAID:
                continue
            before = {"status": locked.status}
            locked.status = Status.PAID
            locked.paid_at = timezone.now()
            locked.offer_expires_at = None
            locked.save(update_fields=["status", "paid_at", "offer_expires_at", "updated_at"])
            audit.record(
                "training.enrolment.paid",
                actor=None,
                target=locked,
                before=before,
                after={"status": Status.PAID, "invoice": invoice.number},
            )
            enrolment.status, enrolment.paid_at = locked.status, locked.paid_at
            notices.paid(enrolment)
            announce_paid(enrolment)
        done.append(enrolment)
    return done


def on_invoice_paid(sender: Any, invoice: Invoice, **kwargs: Any) -> None:
    mark_paid(invoice=invoice)


def on_invoice_cancelled(sender: Any, invoice: Invoice, reason: str = "", **kwargs: Any) -> None:
    """The association cancelled the invoice: the unpaid seats it covered are freed."""
    for enrolment in enrolments_on(invoice):
        if enrolment.status in UNPAID:
            cancel_enrolment(
                enrolment=enrolment,
                actor=None,
                by=Enrolment.CancelledBy.STAFF,
                reason=reason or _("The invoice was cancelled."),
                settle=False,
            )


def on_invoice_refunded(sender: Any, invoice: Invoice, reason: str = "", **kwargs: Any) -> None:
    """The money was given back: a seat not yet used is freed; attendance already recorded
    stays as it is."""
    for enrolment in enrolments_on(invoice):
        if enrolment.status in (*UNPAID, Status.PAID):
            cancel_enrolment(
                enrolment=enrolment,
                actor=None,
                by=Enrolment.CancelledBy.STAFF,
                reason=reason or _("The payment was refunded."),
                settle=False,
            )
