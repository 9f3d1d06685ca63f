"""Billing's reads: a payer's invoices, the staff's lists, and the dashboards' sections."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Min, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts import selectors as accounts_selectors
from muhandis.accounts.dashboard import Queue, Section

from .access import BILLING_STAFF, is_billing_staff
from .models import CreditNote, Invoice, Payment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from muhandis.accounts.models import User

__all__ = ["BILLING_STAFF", "is_billing_staff"]

OPEN = (Invoice.Status.ISSUED, Invoice.Status.PART_PAID)


def payer_filter(person: "User") -> Q:
    """The invoices ``person`` pays: their own and those of organisations they represent."""
    organisations = accounts_selectors.represented_organisations(person).values("pk")
    return Q(payer_person=person) | Q(payer_organisation__in=organisations)


def invoices_of(person: "User") -> QuerySet[Invoice]:
    """The person's issued invoices (drafts are not shown to payers), newest first."""
    return (
        Invoice.objects.filter(payer_filter(person))
        .exclude(status=Invoice.Status.DRAFT)
        .select_related("payer_organisation")
        .order_by("-issued_on", "-pk")
    )


def _with_details(found: QuerySet[Invoice]) -> QuerySet[Invoice]:
    return found.select_related("issuer", "payer_person", "payer_organisation").prefetch_related(
        "lines",
        Prefetch("payments", queryset=Payment.objects.order_by("received_at", "pk")),
        Prefetch("credit_notes", queryset=CreditNote.objects.order_by("issued_on", "pk")),
    )


def invoice_for(user: "User | AnonymousUser", public_id: UUID | str) -> Invoice | None:
    """The invoice if ``user`` may see it (its payer, or billing staff), with its lines,
    payments and credit notes; None otherwise."""
    if not user.is_authenticated:
        return None
    found = _with_details(Invoice.objects.filter(public_id=public_id))
    if not is_billing_staff(user):
        found = found.filter(payer_filter(user)).exclude(status=Invoice.Status.DRAFT)
    return found.first()


def invoice_for_payer(user: "User | AnonymousUser", public_id: UUID | str) -> Invoice | None:
    """The invoice if ``user`` is its payer (staff rights aside), with its details."""
    if not user.is_authenticated:
        return None
    found = _with_details(Invoice.objects.filter(payer_filter(user), public_id=public_id))
    return found.exclude(status=Invoice.Status.DRAFT).first()


def credit_note_for(user: "User | AnonymousUser", public_id: UUID | str) -> CreditNote | None:
    """The credit note if ``user`` may see its invoice."""
    if not user.is_authenticated:
        return None
    found = CreditNote.objects.filter(public_id=public_id).select_related(
        "invoice__issuer", "payment"
    )
    if not is_billing_staff(user):
        found = found.filter(invoice__in=Invoice.objects.filter(payer_filter(user)).values("pk"))
    return found.first()


def staff_invoice(public_id: UUID | str) -> Invoice | None:
    return _with_details(Invoice.objects.filter(public_id=public_id)).first()


def search_invoices(
    *,
    status: str = "",
    currency: str = "",
    overdue: bool = False,
    open_only: bool = False,
    query: str = "",
    issued_from: datetime.date | None = None,
    issued_to: datetime.date | None = None,
) -> QuerySet[Invoice]:
    """Invoices for billing staff, filtered; ``query`` looks in the number, the payer's name,
    tax number and email."""
    found = Invoice.objects.select_related("payer_person", "payer_organisation")
    if status:
        found = found.filter(status=status)
    if currency:
        found = found.filter(currency=currency)
    if overdue:
        found = found.filter(status__in=OPEN, due_on__lt=timezone.localdate())
    if open_only:
        found = found.filter(status__in=OPEN)
    if query:
        found = found.filter(
            Q(number__icontains=query)
            | Q(payer_name__icontains=query)
            | Q(payer_tax_number__icontains=query)
            | Q(payer_email__icontains=query)
        )
    if issued_from:
        found = found.filter(issued_on__gte=issued_from)
    if issued_to:
        found = found.filter(issued_on__lte=issued_to)
    return found.order_by("-issued_on", "-pk")


def payments_to_refund() -> QuerySet[Payment]:
    """Money kept on record that waits for a person to pay it back, oldest first."""
    return (
        Payment.objects.filter(needs_refund=True, state=Payment.State.RECEIVED)
        .select_related("invoice")
        .order_by("received_at", "pk")
    )


def payment(public_id: UUID | str) -> Payment | None:
    return Payment.objects.filter(public_id=public_id).select_related("invoice").first()


@dataclass(frozen=True)
class Owed:
    """What is unpaid in one currency."""

    currency: str
    count: int
    amount: Decimal


def unpaid_totals(found: QuerySet[Invoice]) -> list[Owed]:
    """Open invoices of ``found`` and what is still owed on them, per currency."""
    rows = (
        found.filter(status__in=OPEN)
        .values("currency")
        .annotate(count=Count("pk"), gross=Sum("gross_total"), paid=Sum("paid_total"))
        .order_by("currency")
    )
    return [Owed(r["currency"], r["count"], r["gross"] - r["paid"]) for r in rows]


# --- Dashboards ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    month: datetime.date
    currency: str
    amount: Decimal


def received_by_month(*, months: int = 6) -> list[Received]:
    """Money received per calendar month and currency over the last ``months`` months (this
    one included), less what was reversed or refunded since: one query."""
    first = timezone.localdate().replace(day=1)
    for _step in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    rows = (
        Payment.objects.filter(
            state=Payment.State.RECEIVED, received_at__gte=since, needs_refund=False
        )
        .annotate(month=TruncMonth("received_at"))
        .values("month", "currency")
        .annotate(amount=Sum("amount"))
        .order_by("-month", "currency")
    )
    return [
        Received(
            row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"],
            row["currency"],
            row["amount"],
        )
        for row in rows
    ]


def dashboard_staff(person: "User") -> Section:
    """Unpaid and overdue invoices (how many, and what is owed per currency), payments to
    refund, and money received by month, for billing staff: three queries."""
    today = timezone.localdate()
    overdue = Q(due_on__lt=today)
    per_currency = list(
        Invoice.objects.filter(status__in=OPEN)
        .values("currency")
        .annotate(
            count=Count("pk"),
            gross=Sum("gross_total"),
            paid=Sum("paid_total"),
            late=Count("pk", filter=overdue),
            late_gross=Sum("gross_total", filter=overdue),
            late_paid=Sum("paid_total", filter=overdue),
            oldest_due=Min("due_on", filter=overdue),
        )
        .order_by("currency")
    )
    refunds = payments_to_refund().aggregate(count=Count("pk"), oldest=Min("received_at"))
    late_dues = [row["oldest_due"] for row in per_currency if row["oldest_due"]]
    url = reverse("billing:staff_invoices")
    return Section(
        key="billing.staff",
        title=_("Invoices and payments"),
        template="billing/dashboard/_staff.html",
        items=[
            Queue(
                label=_("Unpaid invoices"),
                count=sum(row["count"] for row in per_currency),
                url=f"{url}?open=on",
            ),
            Queue(
                label=_("Overdue invoices"),
                count=sum(row["late"] for row in per_currency),
                url=f"{url}?overdue=on",
                deadline=min(late_dues) if late_dues else None,
            ),
            Queue(
                label=_("Payments to refund"),
                count=refunds["count"],
                oldest=refunds["oldest"],
                url=reverse("billing:refunds"),
            ),
        ],
        extra={
            "unpaid": [
                Owed(row["currency"], row["count"], row["gross"] - row["paid"])
                for row in per_currency
            ],
            "overdue": [
                Owed(row["currency"], row["late"], row["late_gross"] - row["late_paid"])
                for row in per_currency
                if row["late"]
            ],
            "received": received_by_month(),
        },
    )


def dashboard_my_invoices(person: "User") -> Section:
    """The person's unpaid invoices (their own and their organisations')."""
    unpaid = list(invoices_of(person).filter(status__in=OPEN).order_by("due_on", "pk")[:10])
    return Section(
        key="billing.mine",
        title=_("Invoices to pay"),
        template="billing/dashboard/_mine.html",
        items=unpaid,
        empty=_("You have no unpaid invoice."),
        link_url=reverse("billing:my_invoices"),
        link_label=_("All my invoices"),
        urgent=bool(unpaid),
    )
