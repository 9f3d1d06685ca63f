"""Membership types and their fees, kept by the registrar and the administrator; every change
audited."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit

from ..models import MemberKind, MembershipFee, MembershipType

# The fields of a type that staff edit (names and descriptions in each language).
FIELDS = (
    "code",
    "name_uz",
    "name_ru",
    "name_en",
    "description_uz",
    "description_ru",
    "description_en",
    "kind",
    "grade",
    "size_band",
    "period",
    "grace_days",
    "member_prices",
    "directory_listing",
    "opportunities",
    "ikpu_code",
    "vat_rate",
    "is_active",
    "sort_order",
)


def _check(values: dict[str, Any], fees: dict[str, Decimal | None]) -> None:
    errors: dict[str, list[str]] = {}
    if values.get("kind") == MemberKind.FIRM:
        if not values.get("size_band"):
            errors.setdefault("size_band", []).append(
                _("A type for member firms needs the firm size it is for.")
            )
        if values.get("grade"):
            errors.setdefault("grade", []).append(
                _("A type for member firms has no grade: leave the grade empty.")
            )
    elif values.get("kind") == MemberKind.INDIVIDUAL:
        if not values.get("grade"):
            errors.setdefault("grade", []).append(_("A type for individual members needs a grade."))
        if values.get("size_band"):
            errors.setdefault("size_band", []).append(
                _("A type for individual members has no firm size: leave the firm size empty.")
            )
    if not any(amount is not None for amount in fees.values()):
        errors.setdefault("fee_uzs", []).append(
            _("Give at least one fee: in sums (UZS) or in tenge (KZT).")
        )
    for currency, amount in fees.items():
        if amount is not None and amount < 0:
            errors.setdefault(f"fee_{currency.lower()}", []).append(_("A fee cannot be negative."))
    if errors:
        raise ValidationError(errors)


def _snapshot(kind: MembershipType) -> dict[str, Any]:
    data = {name: getattr(kind, name) for name in FIELDS}
    data["fees"] = {fee.currency: str(fee.amount) for fee in kind.fees.all()}
    return data


def _set_fees(kind: MembershipType, fees: dict[str, Decimal | None]) -> None:
    for currency, amount in fees.items():
        if amount is None:
            MembershipFee.objects.filter(type=kind, currency=currency).delete()
        else:
            MembershipFee.objects.update_or_create(
                type=kind, currency=currency, defaults={"amount": amount}
            )


def create_type(
    *,
    actor: User,
    values: dict[str, Any],
    fees: dict[str, Decimal | None],
    request: Any = None,
) -> MembershipType:
    """A new membership type with its fee per currency (``None``: not offered in it)."""
    _check(values, fees)
    with transaction.atomic():
        kind = MembershipType(**{k: v for k, v in values.items() if k in FIELDS})
        kind.full_clean()
        kind.save()
        _set_fees(kind, fees)
        audit.record(
            "membership.type.created",
            actor=actor,
            target=kind,
            after=_snapshot(kind),
            request=request,
        )
    return kind


def update_type(
    *,
    actor: User,
    membership_type: MembershipType,
    values: dict[str, Any],
    fees: dict[str, Decimal | None],
    request: Any = None,
) -> MembershipType:
    """Change a type and its fees; memberships already running keep the fee they were
    invoiced."""
    _check(values, fees)
    with transaction.atomic():
        kind = MembershipType.objects.select_for_update().get(pk=membership_type.pk)
        before = _snapshot(kind)
        for name, value in values.items():
            if name in FIELDS:
                setattr(kind, name, value)
        kind.full_clean()
        kind.save()
        _set_fees(kind, fees)
        after = _snapshot(kind)
        changed_before = {k: v for k, v in before.items() if after.get(k) != v}
        changed_after = {k: after[k] for k in changed_before}
        audit.record(
            "membership.type.updated",
            actor=actor,
            target=kind,
            before=changed_before,
            after=changed_after,
            request=request,
        )
    return kind
