"""The membership register for staff: the filtered list, one page of it, and its counts by
type, status, region, firm size and the gender of contact persons — each in a fixed number of
queries, whatever the size of the register. Also the dashboard sections of membership."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Queue, Section
from muhandis.accounts.models import (
    Employment,
    EmploymentRelation,
    Gender,
    Region,
    SizeBand,
    User,
)
from muhandis.core.transliteration import search_key

from ..models import FINAL, MemberKind, Membership, MembershipType, Status

PER_PAGE = 25


@dataclass
class Counts:
    """The counts of a filtered register: (label, number) rows, most first."""

    total: int = 0
    by_type: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_region: list[tuple[str, int]] = field(default_factory=list)
    by_size_band: list[tuple[str, int]] = field(default_factory=list)
    by_gender: list[tuple[str, int]] = field(default_factory=list)


def all_types() -> list[MembershipType]:
    return list(MembershipType.objects.all())


def all_regions() -> list[Region]:
    """The regions (reference data that does not change while the site runs), kept in the
    cache for an hour."""
    regions = cache.get("membership:regions")
    if regions is None:
        regions = list(Region.objects.all())
        cache.set("membership:regions", regions, 3600)
    return regions


def filtered(filters: dict[str, Any]) -> QuerySet[Membership]:
    """The memberships matching ``filters`` (``q``, ``type``, ``status``, ``kind``, ``region``,
    ``size_band``); a name typed in Latin or Cyrillic finds either spelling."""
    found = Membership.objects.all()
    if filters.get("type"):
        found = found.filter(type_id=filters["type"])
    if filters.get("status"):
        found = found.filter(status=filters["status"])
    if filters.get("kind") == MemberKind.FIRM:
        found = found.filter(organisation__isnull=False)
    elif filters.get("kind") == MemberKind.INDIVIDUAL:
        found = found.filter(person__isnull=False)
    if filters.get("region"):
        region = filters["region"]
        found = found.filter(Q(person__region_id=region) | Q(organisation__region_id=region))
    if filters.get("size_band"):
        found = found.filter(organisation__size_band=filters["size_band"])
    key = search_key(filters.get("q", ""))
    if key:
        # Names are kept as people typed them, in either script; accounts keeps each one's
        # Latin search key, so the database answers.
        found = found.filter(
            Q(person__search_name__contains=key) | Q(organisation__search_name__contains=key)
        )
    return found


def with_member(found: QuerySet[Membership]) -> QuerySet[Membership]:
    return found.select_related(
        "type", "person", "person__region", "organisation", "organisation__region"
    ).order_by("-created_at", "-id")


def _labels(choices: Any) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices}


def counts(
    found: QuerySet[Membership], *, types: list[MembershipType], regions: list[Region]
) -> Counts:
    """The counts of ``found`` in two queries: one grouping the memberships, one counting the
    representatives of the member firms by gender."""
    rows = (
        found.order_by()
        .annotate(member_region=Coalesce("person__region_id", "organisation__region_id"))
        .values("type_id", "status", "member_region", "organisation__size_band", "person__gender")
        .annotate(n=Count("id"))
    )
    by_type: Counter[Any] = Counter()
    by_status: Counter[Any] = Counter()
    by_region: Counter[Any] = Counter()
    by_size: Counter[Any] = Counter()
    by_gender: Counter[Any] = Counter()
    total = 0
    for row in rows:
        n = row["n"]
        total += n
        by_type[row["type_id"]] += n
        by_status[row["status"]] += n
        by_region[row["member_region"]] += n
        if row["organisation__size_band"]:
            by_size[row["organisation__size_band"]] += n
        else:
            by_gender[row["person__gender"] or ""] += n
    representatives = (
        Employment.objects.filter(
            relation=EmploymentRelation.REPRESENTATIVE,
            end_date__isnull=True,
            organisation__memberships__in=found.order_by().values("pk"),
        )
        .values("person__gender")
        .annotate(n=Count("person_id", distinct=True))
    )
    for rep in representatives:
        by_gender[rep["person__gender"] or ""] += rep["n"]
    type_names = {t.pk: t.name for t in types}
    region_names: dict[Any, str] = {r.pk: r.name for r in regions}
    region_names[None] = _("no region given")
    statuses = _labels(Status.choices)
    sizes = _labels(SizeBand.choices)
    genders = _labels(Gender.choices)
    genders[""] = _("not given")

    def table(counter: Counter[Any], names: dict[Any, str]) -> list[tuple[str, int]]:
        return [(names.get(key, str(key)), n) for key, n in counter.most_common()]

    return Counts(
        total=total,
        by_type=table(by_type, type_names),
        by_status=table(by_status, statuses),
        by_region=table(by_region, region_names),
        by_size_band=table(by_size, sizes),
        by_gender=table(by_gender, genders),
    )


def page_of(found: QuerySet[Membership], *, number: Any, total: int) -> Page:
    """One page of the register; the total is known from the counts already."""
    paginator = Paginator(with_member(found), PER_PAGE)
    paginator.__dict__["count"] = total  # no second count query
    return paginator.get_page(number)


# The applications queue and the pages of one membership.


def pending_applications() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(status=Status.PENDING)
        .select_related("type", "person", "organisation", "applied_by")
        .order_by("created_at", "id")
    )


def membership_detail(public_id: Any) -> Membership:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Membership.objects.select_related(
            "type", "person", "organisation", "applied_by", "decided_by"
        ),
        public_id=public_id,
    )


def periods_of(membership: Membership) -> list[Any]:
    return list(membership.periods.select_related("invoice").order_by("-start_date"))


# Dashboard sections.


def _open(found: QuerySet[Membership]) -> Membership | None:
    return found.exclude(status__in=FINAL).select_related("type").first()


def dashboard_my_membership(person: User) -> Section:
    """An engineer's membership: its status, or an invitation to join."""
    mine = _open(Membership.objects.filter(person=person))
    return Section(
        key="membership.mine",
        title=_("Membership"),
        template="membership/page_dashboard_mine.html",
        items=[mine] if mine else [],
        empty=_("You are not a member of the association yet."),
        link_url=reverse("membership:mine") if mine else reverse("membership:join"),
        link_label=_("My membership") if mine else _("Join the association"),
        urgent=bool(mine and mine.status in (Status.AWAITING_PAYMENT, Status.GRACE)),
    )


def dashboard_firm_membership(person: User) -> Section | None:
    """The memberships of the firms an employer represents."""
    firms = Employment.objects.filter(
        person=person, relation=EmploymentRelation.REPRESENTATIVE, end_date__isnull=True
    ).values("organisation_id")
    found = list(
        Membership.objects.filter(organisation_id__in=firms)
        .exclude(status__in=FINAL)
        .select_related("type", "organisation")
    )
    return Section(
        key="membership.firms",
        title=_("Firm membership"),
        template="membership/page_dashboard_mine.html",
        items=found,
        empty=_("No firm you represent is a member of the association yet."),
        link_url=reverse("membership:mine") if found else reverse("membership:join"),
        link_label=_("Firm membership") if found else _("Join the association"),
        urgent=any(m.status in (Status.AWAITING_PAYMENT, Status.GRACE) for m in found),
    )


def dashboard_applications(person: User) -> Section:
    """Applications waiting for the registrar: a queue."""
    summary = Membership.objects.filter(status=Status.PENDING).aggregate(
        count=Count("id"), oldest=Min("created_at")
    )
    return Section(
        key="membership.applications",
        title=_("Membership applications"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("Applications waiting for a decision"),
                count=summary["count"],
                url=reverse("membership:applications"),
                oldest=summary["oldest"],
            )
        ],
        link_url=reverse("membership:register"),
        link_label=_("Membership register"),
    )
