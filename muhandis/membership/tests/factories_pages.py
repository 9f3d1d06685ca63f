"""Membership types and memberships made directly, for the tests of the pages."""

import datetime
from decimal import Decimal
from itertools import count

from muhandis.accounts.models import Organisation, User
from muhandis.membership.models import (
    MemberKind,
    Membership,
    MembershipFee,
    MembershipType,
    Status,
)

_codes = count(1)


def make_type(
    *,
    kind: str = MemberKind.INDIVIDUAL,
    grade: str = "",
    size_band: str = "",
    fees: dict[str, str] | None = None,
    name: str = "",
    **fields: object,
) -> MembershipType:
    if kind == MemberKind.INDIVIDUAL and not grade:
        grade = "full"
    if kind == MemberKind.FIRM and not size_band:
        size_band = "small"
    number = next(_codes)
    membership_type = MembershipType.objects.create(
        code=f"type-{number}",
        name_uz=name or f"Aʼzolik turi {number}",
        name_ru=name or f"Тип членства {number}",
        name_en=name or f"Membership type {number}",
        kind=kind,
        grade=grade,
        size_band=size_band,
        **fields,
    )
    for currency, amount in (fees or {"UZS": "500000"}).items():
        MembershipFee.objects.create(
            type=membership_type, currency=currency, amount=Decimal(amount)
        )
    return membership_type


def make_membership(
    membership_type: MembershipType,
    *,
    person: User | None = None,
    organisation: Organisation | None = None,
    status: str = Status.CURRENT,
) -> Membership:
    today = datetime.date.today()
    return Membership.objects.create(
        type=membership_type,
        person=person,
        organisation=organisation,
        status=status,
        currency="UZS",
        member_since=today if status != Status.PENDING else None,
        start_date=today if status != Status.PENDING else None,
        end_date=datetime.date(today.year, 12, 31) if status != Status.PENDING else None,
    )
