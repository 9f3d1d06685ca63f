"""Whether a person or a firm is a member in good standing, and what that gives them."""

from muhandis.accounts.models import Organisation, User

from ..models import FINAL, IN_GOOD_STANDING, Membership


def membership_of_firm(organisation: Organisation) -> Membership | None:
    """The firm's open membership (not refused or cancelled), or None."""
    return (
        Membership.objects.filter(organisation=organisation)
        .exclude(status__in=FINAL)
        .select_related("type")
        .first()
    )


def membership_of_person(person: User) -> Membership | None:
    """The person's own open membership, or None (a firm's does not count here)."""
    return (
        Membership.objects.filter(person=person)
        .exclude(status__in=FINAL)
        .select_related("type")
        .first()
    )


def covering_membership(person: User) -> Membership | None:
    """The membership that gives ``person`` member benefits now: their own in good standing,
    else that of a firm in good standing where they currently work (a firm's membership covers
    its listed staff without replacing a person's own)."""
    if not getattr(person, "is_authenticated", False):
        return None
    own = (
        Membership.objects.filter(person=person, status__in=IN_GOOD_STANDING)
        .select_related("type")
        .first()
    )
    if own is not None:
        return own
    return (
        Membership.objects.filter(
            organisation__employments__person=person,
            organisation__employments__end_date__isnull=True,
            status__in=IN_GOOD_STANDING,
        )
        .select_related("type", "organisation")
        .order_by("organisation__name", "pk")
        .first()
    )


def firm_has_member_prices(organisation: Organisation) -> bool:
    """Whether the firm books courses at the member firm price."""
    return Membership.objects.filter(
        organisation=organisation, status__in=IN_GOOD_STANDING, type__member_prices=True
    ).exists()
