"""Reads for moderators: the review queue (pending flags grouped by post), suspensions, a
person's standing in the forum, and the moderators' dashboard section."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Queue, Section
from muhandis.accounts.models import User

from ..models import Flag, FlagStatus, ForumProfile, Post, Suspension
from ..services import trust


@dataclass
class ReviewItem:
    """A post with the flags waiting on it: who flagged, why, and how many for each reason."""

    post: Post
    flags: list[Flag]
    reasons: Counter
    first_flagged_at: datetime.datetime


def review_queue() -> list[ReviewItem]:
    """Posts with pending flags, the longest-waiting first (one query)."""
    pending = (
        Flag.objects.filter(status=FlagStatus.PENDING)
        .select_related("post__topic", "post__author", "flagged_by")
        .order_by("post_id", "created_at", "id")
    )
    items: dict[int, ReviewItem] = {}
    for flag in pending:
        item = items.get(flag.post_id)
        if item is None:
            item = items[flag.post_id] = ReviewItem(
                post=flag.post, flags=[], reasons=Counter(), first_flagged_at=flag.created_at
            )
        item.flags.append(flag)
        item.reasons[flag.reason] += 1
    return sorted(items.values(), key=lambda item: item.first_flagged_at)


def flag_history(post: Post) -> QuerySet[Flag]:
    """Every flag a post received, decided or not, oldest first."""
    return Flag.objects.filter(post=post).select_related("flagged_by", "handled_by")


def active_suspensions(*, now: datetime.datetime | None = None) -> QuerySet[Suspension]:
    now = now or timezone.now()
    return (
        Suspension.objects.filter(lifted_at__isnull=True, until__gt=now)
        .select_related("person", "suspended_by")
        .order_by("until")
    )


@dataclass(frozen=True)
class Standing:
    """A person's standing in the forum, for a moderator's page about them."""

    person: User
    profile: ForumProfile | None
    level: int
    suspension: Suspension | None
    suspensions: list[Suspension]
    agreed_flags: int


def standing_of(person: User) -> Standing:
    profile = ForumProfile.objects.filter(person=person).first()
    level = trust.trust_level_of(person, profile) if profile else 0
    return Standing(
        person=person,
        profile=profile,
        level=level,
        suspension=trust.active_suspension(person),
        suspensions=list(Suspension.objects.filter(person=person).select_related("suspended_by")),
        agreed_flags=Flag.objects.filter(post__author=person, status=FlagStatus.AGREED).count(),
    )


def dashboard_review_queue(person: User) -> Section | None:
    """Posts waiting for a moderator: a queue (None until the review page exists)."""
    try:
        url = reverse("forum:review")
    except NoReverseMatch:
        return None
    summary = Flag.objects.filter(status=FlagStatus.PENDING).aggregate(
        posts=Count("post", distinct=True), oldest=Min("created_at")
    )
    return Section(
        key="forum.review",
        title=_("Forum review queue"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("Flagged posts waiting for a decision"),
                count=summary["posts"],
                url=url,
                oldest=summary["oldest"],
            )
        ],
        link_url=url,
        link_label=_("Review queue"),
    )
