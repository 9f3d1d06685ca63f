"""Reads about people, roles and organisations."""

import datetime
from typing import TYPE_CHECKING, cast

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from muhandis.core.models import AuditEntry

from .dashboard import Queue, Section
from .models import (
    SCOPES_ALLOWED,
    DeletionRequest,
    Employment,
    Organisation,
    Region,
    RoleAssignment,
    TokenRule,
    User,
)
from .roles import Role, requires_two_factor

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

_ROLES_CACHE = "_muhandis_roles"
_TWO_FACTOR_CACHE = "_muhandis_two_factor"


def roles_of(user: "User | AnonymousUser | None") -> frozenset[str]:
    """The roles a person holds now (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    person = cast(User, user)  # signed in
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        cached = frozenset(
            RoleAssignment.objects.filter(user=person, revoked_at__isnull=True).values_list(
                "role", flat=True
            )
        )
        setattr(user, _ROLES_CACHE, cached)
    return cached


def token_scopes_allowed(user: "User | AnonymousUser | None") -> frozenset[str]:
    """The token scopes a person may hold: the strictest token rule among their roles
    (a role without a rule allows every scope; a person without a role, none)."""
    roles = roles_of(user)
    if not roles:
        return frozenset()
    allowed = SCOPES_ALLOWED[TokenRule.Allowed.WRITE]
    for rule in TokenRule.objects.filter(role__in=roles):
        allowed &= rule.scopes
    return allowed


def colleague_ids(user: User) -> frozenset[int]:
    """The people who now work for, or represent, an organisation the person now works for or
    represents (one query). Impartiality rules use it: nobody assesses, marks or decides on a
    colleague."""
    current = Employment.objects.filter(end_date__isnull=True)
    theirs = current.filter(person=user).values("organisation")
    return frozenset(
        current.filter(organisation__in=theirs)
        .exclude(person=user)
        .values_list("person_id", flat=True)
    )


def forget_cached_roles(user: "User | AnonymousUser | None") -> None:
    for attr in (_ROLES_CACHE, _TWO_FACTOR_CACHE):
        if hasattr(user, attr):
            delattr(user, attr)


def has_two_factor(user: "User | AnonymousUser | None") -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, _TWO_FACTOR_CACHE, None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        setattr(user, _TWO_FACTOR_CACHE, cached)
    return cached


def usable_roles(user: "User | AnonymousUser | None") -> frozenset[str]:
    """Roles whose pages the person may open now: those needing two-factor only once it is on."""
    held = roles_of(user)
    if any(requires_two_factor(r) for r in held) and not has_two_factor(user):
        return frozenset(r for r in held if not requires_two_factor(r))
    return held


def role_assignments(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("granted_by", "revoked_by")


def regions() -> QuerySet[Region]:
    return Region.objects.all()


def employments_of(user: User) -> QuerySet[Employment]:
    return Employment.objects.filter(person=user).select_related("organisation__region")


def represented_organisations(user: User) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(
            employments__person=user,
            employments__relation="representative",
            employments__end_date__isnull=True,
        )
        .select_related("region")
        .annotate(
            employee_count=Count(
                "employments",
                filter=Q(employments__relation="employee", employments__end_date__isnull=True),
                distinct=True,
            )
        )
    )


def search_organisations(*, query: str = "", country: str = "") -> QuerySet[Organisation]:
    found = Organisation.objects.select_related("region")
    if query:
        found = found.filter(Q(name__icontains=query) | Q(tax_number=query))
    if country:
        found = found.filter(country=country)
    return found


def search_people(*, query: str = "", role: str = "") -> QuerySet[User]:
    found = User.objects.filter(anonymised_at__isnull=True).order_by("family_name", "email")
    if query:
        found = found.filter(
            Q(email__icontains=query)
            | Q(given_name__icontains=query)
            | Q(family_name__icontains=query)
            | Q(name_latin__icontains=query)
            | Q(name_cyrillic__icontains=query)
        )
    if role:
        found = found.filter(role_assignments__role=role, role_assignments__revoked_at__isnull=True)
    return found


def search_audit(
    *,
    actor_query: str = "",
    action: str = "",
    target_type: str = "",
    target_id: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    found = AuditEntry.objects.select_related("actor")
    if actor_query:
        found = found.filter(
            Q(actor__email__icontains=actor_query)
            | Q(actor__family_name__icontains=actor_query)
            | Q(actor__given_name__icontains=actor_query)
        )
    if action:
        found = found.filter(action__startswith=action)
    if target_type:
        found = found.filter(target_type=target_type)
    if target_id:
        found = found.filter(target_id=target_id)
    if date_from:
        found = found.filter(occurred_at__date__gte=date_from)
    if date_to:
        found = found.filter(occurred_at__date__lte=date_to)
    return found


def pending_deletion_requests() -> QuerySet[DeletionRequest]:
    return DeletionRequest.objects.filter(status=DeletionRequest.Status.PENDING).select_related(
        "person"
    )


def profile_completeness(user: User) -> list[tuple[str, bool]]:

    return [
        (_("Name"), bool(user.given_name and user.family_name)),
        (_("Name in Latin and Cyrillic"), bool(user.name_latin and user.name_cyrillic)),
        (_("Phone"), bool(user.phone)),
        (_("Region"), user.region_id is not None),
        (_("Education"), bool(user.education_level)),
    ]


# Cells with fewer people than this are hidden, so that nobody can be recognised.
SMALL_CELL = 5


def people_by_gender_and_region() -> dict:
    """Engineers counted by region and gender; counts under SMALL_CELL are hidden (None)."""
    counts = (
        User.objects.filter(
            anonymised_at__isnull=True,
            is_active=True,
            role_assignments__role=Role.ENGINEER,
            role_assignments__revoked_at__isnull=True,
        )
        .values("region_id", "gender")
        .annotate(n=Count("id", distinct=True))
    )
    by_region: dict = {}
    totals = dict.fromkeys(GENDER_COLUMNS, 0)
    for row in counts:
        gender = row["gender"] or "undisclosed"
        cells = by_region.setdefault(row["region_id"], dict.fromkeys(GENDER_COLUMNS, 0))
        cells[gender] += row["n"]
        totals[gender] += row["n"]
    rows: list[tuple[str | None, list[int | None]]] = [
        (region.name, [_suppress(by_region[region.pk][g]) for g in GENDER_COLUMNS])
        for region in Region.objects.all()
        if region.pk in by_region
    ]
    if None in by_region:
        rows.append((None, [_suppress(by_region[None][g]) for g in GENDER_COLUMNS]))
    return {
        "rows": rows,
        "totals": [_suppress(totals[g]) for g in GENDER_COLUMNS],
        "total": sum(totals.values()),
    }


GENDER_COLUMNS = ("female", "male", "undisclosed")


def _suppress(n: int) -> int | None:
    return None if 0 < n < SMALL_CELL else n


# Dashboard sections (registered in apps.py; see accounts/dashboard.py) -----------------------


def dashboard_profile(person: User) -> Section | None:
    """The engineer's profile, while something in it is missing."""

    completeness = profile_completeness(person)
    if all(done for _label, done in completeness):
        return None
    return Section(
        key="accounts.profile",
        title=_("Complete your profile"),
        template="accounts/dashboard/_profile.html",
        extra={"completeness": completeness},
        link_url=reverse("accounts:profile"),
        link_label=_("Edit your profile"),
    )


def dashboard_deletion_requests(person: User) -> Section:

    waiting = DeletionRequest.objects.filter(status=DeletionRequest.Status.PENDING).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    queue = Queue(
        label=_("Deletion requests to decide"),
        count=waiting["count"],
        oldest=waiting["oldest"],
        url=reverse("accounts:deletion_requests"),
    )
    return Section(
        key="accounts.people",
        title=_("People"),
        template="accounts/dashboard/_queues.html",
        items=[queue],
    )


def dashboard_organisations(person: User) -> Section:

    return Section(
        key="accounts.organisations",
        title=_("Organisations you represent"),
        template="accounts/dashboard/_organisations.html",
        items=list(represented_organisations(person)),
        empty=_("You do not represent any organisation yet."),
        link_url=reverse("accounts:organisation_create"),
        link_label=_("Register an organisation"),
        wide=True,
    )


def dashboard_administration(person: User) -> Section:
    """How many people are registered, and the latest roles given or taken away."""
    return Section(
        key="accounts.administration",
        title=_("People and roles"),
        template="accounts/dashboard/_administration.html",
        items=[_role_change(entry) for entry in search_audit(action="accounts.role")[:10]],
        link_url=reverse("accounts:people"),
        link_label=_("Manage people and roles"),
        extra={"people_count": User.objects.filter(anonymised_at__isnull=True).count()},
    )


def _role_change(entry: AuditEntry) -> tuple[AuditEntry, str, str]:
    """An audit entry of a role granted or revoked, with what happened and the role, in words."""
    change = entry.after or entry.before or {}
    role = change.get("role", "")
    label = Role(role).label if role in Role.values else role
    granted = entry.action == "accounts.role.granted"
    return entry, _("Role granted") if granted else _("Role revoked"), str(label)


def dashboard_statistics(person: User) -> Section:
    """Engineers by region and gender, small counts hidden."""
    return Section(
        key="accounts.statistics",
        title=_("Registered engineers by region and gender"),
        template="accounts/dashboard/_statistics.html",
        extra={"stats": people_by_gender_and_region(), "small_cell": SMALL_CELL},
        wide=True,
    )
