"""Who may see and handle invoices: written once for billing's pages and endpoints."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from muhandis.accounts import selectors as accounts_selectors
from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from muhandis.accounts.models import User

#: The roles that handle invoices and payments of every payer.
BILLING_STAFF: tuple[str, ...] = (Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN)


def is_billing_staff(user: "User | AnonymousUser | None") -> bool:
    """Whether ``user`` may handle every payer's invoices now (two-factor on, as the role
    requires)."""
    if user is None or not user.is_authenticated:
        return False
    return bool(accounts_selectors.usable_roles(user) & set(BILLING_STAFF))


def billing_staff_required(view: Callable) -> Callable:
    """The page is for billing staff only (with two-factor, like every staff page)."""
    return role_required(*BILLING_STAFF)(view)
