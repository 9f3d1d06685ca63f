"""Joining, approval, payment, renewal and the end of a membership. Every change is audited;
the invoices go through ``billing`` and its signals bring the payments back."""

import datetime
from typing import Any

from muhandis.accounts.models import Organisation, User

from ..models import Membership, MembershipType


def apply_for_membership(
    *,
    actor: User,
    type: MembershipType,
    currency: str,
    organisation: Organisation | None = None,
    note: str = "",
    request: Any = None,
) -> Membership:
    """A person applies for themselves (an individual type), or a firm's representative for the
    firm (a firm type). Refused with a message when the type does not fit (kind, size band,
    inactive, no fee in the currency), when the actor does not represent the firm, or when the
    person or firm already holds a membership that is not refused or cancelled ("joining
    twice")."""
    raise NotImplementedError


def approve_membership(
    *, actor: User, membership: Membership, start: datetime.date | None = None, request: Any = None
) -> Membership:
    """Staff approve a pending application: the first period is set (from ``start``, today by
    default) and invoiced to the member in their language; a zero fee counts as paid at once."""
    raise NotImplementedError


def refuse_membership(
    *, actor: User, membership: Membership, reason: str, request: Any = None
) -> Membership:
    """Staff refuse a pending application, with a reason the applicant is told."""
    raise NotImplementedError


def cancel_membership(
    *, actor: User, membership: Membership, reason: str, request: Any = None
) -> Membership:
    """Staff (or the member) end a membership; unpaid invoices are cancelled."""
    raise NotImplementedError


def recalculate_statuses(*, today: datetime.date | None = None) -> int:
    """Bring every paid membership's status in line with the dates (run daily); how many
    changed."""
    raise NotImplementedError


def send_renewal_invoices(*, today: datetime.date | None = None) -> int:
    """Invoice the next period of memberships ending within ``MEMBERSHIP_RENEWAL_DAYS`` and
    remind the member by email in their language (once per period); how many."""
    raise NotImplementedError
