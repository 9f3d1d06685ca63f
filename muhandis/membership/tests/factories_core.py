"""Membership types, firms with representatives and members, for the tests of the rules."""

import datetime
from decimal import Decimal

from django.utils import timezone

from muhandis.accounts.models import Employment
from muhandis.accounts.tests.factories import OrganisationFactory, UserFactory
from muhandis.billing import services as billing
from muhandis.billing.tests.factories import IssuerFactory, KztIssuerFactory
from muhandis.membership.models import Membership, MembershipFee, MembershipType
from muhandis.membership.services import memberships

D = datetime.date


def make_type(
    code: str = "full",
    *,
    kind: str = "individual",
    grade: str = "",
    size_band: str = "",
    fees: dict | None = None,
    grace_days: int = 30,
    period: str = "calendar",
    member_prices: bool = True,
    **fields,
) -> MembershipType:
    if kind == "individual" and not grade:
        grade = "full"
    type = MembershipType.objects.create(
        code=code,
        name_uz=fields.pop("name_uz", f"{code} aʼzo"),
        name_ru=fields.pop("name_ru", f"{code} член"),
        name_en=fields.pop("name_en", f"{code} member"),
        kind=kind,
        grade=grade if kind == "individual" else "",
        size_band=size_band if kind == "firm" else "",
        grace_days=grace_days,
        period=period,
        member_prices=member_prices,
        **fields,
    )
    for currency, amount in (fees if fees is not None else {"UZS": "500000"}).items():
        MembershipFee.objects.create(type=type, currency=currency, amount=Decimal(amount))
    return type


def make_firm(*, size_band: str = "small", representative=None, **fields):
    firm = OrganisationFactory(size_band=size_band, **fields)
    representative = representative or UserFactory()
    Employment.objects.create(person=representative, organisation=firm, relation="representative")
    return firm, representative


def employ(person, firm, relation: str = "employee", end_date=None) -> Employment:
    return Employment.objects.create(
        person=person, organisation=firm, relation=relation, end_date=end_date
    )


def issuers() -> None:
    IssuerFactory()
    KztIssuerFactory()


def approved(
    *, actor, type, person=None, firm=None, representative=None, start=None, currency="UZS"
) -> Membership:
    """An application made and approved (awaiting payment unless the fee is zero)."""
    membership = memberships.apply_for_membership(
        actor=representative if firm is not None else person,
        type=type,
        currency=currency,
        organisation=firm,
    )
    return memberships.approve_membership(
        actor=actor, membership=membership, start=start, today=start
    )


def pay(membership: Membership, period=None) -> None:
    """Pay the open invoice of ``membership`` (its latest unpaid period) in full."""
    period = period or membership.periods.filter(
        paid_at__isnull=True, cancelled_at__isnull=True
    ).latest("start_date")
    invoice = period.invoice
    billing.record_manual_payment(
        invoice=invoice,
        provider="bank",
        amount=invoice.gross_total,
        received_on=timezone.localdate(),
        reference=f"PP-{invoice.number}",
        actor=None,
    )
