"""The firm representative's dashboard section: the best matches of each member firm."""

from django.urls import reverse
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Section
from muhandis.accounts.models import User

from . import matching, posting

SHOWN = 5


def dashboard_matches(person: User) -> Section | None:
    """For each member firm the person represents, its five best matches."""
    firms = posting.member_firms(person)
    if not firms:
        return None
    items = [(firm, matching.matches_for(firm, limit=SHOWN)) for firm in firms]
    return Section(
        key="opportunities.matches",
        title=_("Business opportunities for your firm"),
        template="opportunities/dashboard_matches.html",
        items=[(firm, found) for firm, found in items if found],
        empty=_("No open opportunity matches what your firm looks for yet."),
        link_url=reverse("opportunities:matches"),
        link_label=_("All matching opportunities"),
    )
