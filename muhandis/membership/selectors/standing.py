"""Whether a person or a firm is a member in good standing, and what that gives them."""

from muhandis.accounts.models import Organisation, User

from ..models import Membership


def membership_of_firm(organisation: Organisation) -> Membership | None:
    """The firm's open membership (not refused or cancelled), or None."""
    raise NotImplementedError


def membership_of_person(person: User) -> Membership | None:
    """The person's own open membership, or None (a firm's does not count here)."""
    raise NotImplementedError


def covering_membership(person: User) -> Membership | None:
    """The membership that gives ``person`` member benefits now: their own in good standing,
    else that of a firm in good standing where they currently work (a firm's membership covers
    its listed staff without replacing a person's own)."""
    raise NotImplementedError


def firm_has_member_prices(organisation: Organisation) -> bool:
    """Whether the firm books courses at the member firm price."""
    raise NotImplementedError
