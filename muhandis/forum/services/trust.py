"""Trust levels, suspensions and rate limits: who may post, how often, and what they earn by
reading and taking part (``rules`` holds the numbers)."""

import datetime
import re
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from muhandis.accounts.models import User
from muhandis.accounts.roles import STAFF_ROLES, Role
from muhandis.accounts.selectors import roles_of
from muhandis.core import audit
from muhandis.core.transliteration import search_key

from .. import rules
from ..models import (
    Comment,
    Flag,
    FlagStatus,
    ForumProfile,
    Post,
    ReadState,
    Suspension,
    Topic,
    TrustLevel,
)
from . import ForumError

# Who moderates the forum, and who counts as staff (trust level 4, a role badge on posts).
MODERATOR_ROLES = frozenset({Role.MODERATOR, Role.ADMIN})
STAFF_BADGE_ROLES = frozenset(STAFF_ROLES | {Role.MODERATOR})

_HANDLE_CHARS = re.compile(r"[^a-z0-9]+")

What = Literal["topic", "post", "comment"]


def is_moderator(person: User | None) -> bool:
    return bool(roles_of(person) & MODERATOR_ROLES)


def is_staff_member(person: User | None) -> bool:
    return bool(roles_of(person) & STAFF_BADGE_ROLES)


# Profiles and levels


def _handle_base(person: User) -> str:
    name = person.name_latin or " ".join(p for p in (person.given_name, person.family_name) if p)
    name = name or person.email.split("@")[0]
    base = _HANDLE_CHARS.sub("-", search_key(name)).strip("-")[:30].strip("-")
    return base if len(base) >= 2 else "member"


def _free_handle(base: str) -> str:
    taken = set(
        ForumProfile.objects.filter(handle__startswith=base).values_list("handle", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def profile_of(person: User) -> ForumProfile:
    """The person's forum profile, made on first need (with a handle others can @mention)."""
    found = ForumProfile.objects.filter(person=person).first()
    if found is not None:
        return found
    base = _handle_base(person)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return ForumProfile.objects.create(person=person, handle=_free_handle(base))
        except IntegrityError:
            found = ForumProfile.objects.filter(person=person).first()
            if found is not None:
                return found
    raise ForumError(_("Your forum profile could not be made just now. Try again in a moment."))


def trust_level_of(person: User, profile: ForumProfile | None = None) -> int:
    """The level the rules apply to: 4 for staff and moderators, the stored level otherwise."""
    if is_staff_member(person):
        return TrustLevel.LEADER
    return (profile or profile_of(person)).trust_level


def active_suspension(person: User, *, now: datetime.datetime | None = None) -> Suspension | None:
    now = now or timezone.now()
    return (
        Suspension.objects.filter(person=person, lifted_at__isnull=True, until__gt=now)
        .order_by("-until")
        .first()
    )


def _day(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def check_not_suspended(person: User, *, now: datetime.datetime | None = None) -> None:
    if not person.is_active:
        raise ForumError(_("Your account is not active."))
    suspension = active_suspension(person, now=now)
    if suspension is not None:
        raise ForumError(
            _(
                "Your forum account is suspended until %(until)s (%(reason)s). You can still "
                "read the forum."
            )
            % {"until": _day(suspension.until), "reason": suspension.reason}
        )


# Rate limits


def check_may_post(
    person: User, *, what: What, now: datetime.datetime | None = None
) -> ForumProfile:
    """Refuse a suspended person, or one who has reached their level's limits; return the
    person's profile (its level decides what else they may put in a post)."""
    now = now or timezone.now()
    check_not_suspended(person, now=now)
    profile = profile_of(person)
    limits = rules.limits_for(trust_level_of(person, profile))
    day_ago = now - datetime.timedelta(days=1)
    if what == "topic" and limits.topics_per_day is not None:
        started = Topic.objects.filter(author=person, created_at__gt=day_ago)
        _check_daily(started, limits.topics_per_day)
    if limits.posts_per_day is not None:
        posts = Post.objects.filter(author=person, created_at__gt=day_ago)
        comments = Comment.objects.filter(author=person, created_at__gt=day_ago)
        if posts.count() + comments.count() >= limits.posts_per_day:
            raise ForumError(
                ngettext(
                    "You have reached your limit of %(count)d post a day. You can post again "
                    "tomorrow; as you take part in the forum the limit grows.",
                    "You have reached your limit of %(count)d posts a day. You can post again "
                    "tomorrow; as you take part in the forum the limit grows.",
                    limits.posts_per_day,
                )
                % {"count": limits.posts_per_day}
            )
    if limits.seconds_between_posts:
        _check_pause(person, limits.seconds_between_posts, now)
    return profile


def _check_daily(started: QuerySet[Topic], limit: int) -> None:
    times = list(started.order_by("created_at").values_list("created_at", flat=True)[:limit])
    if len(times) >= limit:
        again = times[0] + datetime.timedelta(days=1)
        raise ForumError(
            ngettext(
                "You can start %(count)d topic a day. You can start the next one after %(when)s.",
                "You can start %(count)d topics a day. You can start the next one after %(when)s.",
                limit,
            )
            % {"count": limit, "when": _day(again)}
        )


def _check_pause(person: User, seconds: int, now: datetime.datetime) -> None:
    since = now - datetime.timedelta(seconds=seconds)
    last_post = (
        Post.objects.filter(author=person, created_at__gt=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    last_comment = (
        Comment.objects.filter(author=person, created_at__gt=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    latest = max((t for t in (last_post, last_comment) if t is not None), default=None)
    if latest is not None:
        wait = max(1, int((latest + datetime.timedelta(seconds=seconds) - now).total_seconds()))
        raise ForumError(
            ngettext(
                "You are posting too quickly: wait %(count)d second and send it again "
                "(your text is kept).",
                "You are posting too quickly: wait %(count)d seconds and send it again "
                "(your text is kept).",
                wait,
            )
            % {"count": wait}
        )


# Reading


def record_visit(
    *,
    topic: Topic,
    person: User | None,
    read_up_to: int,
    now: datetime.datetime | None = None,
) -> None:
    """Count a view of ``topic``, and for a signed-in person what they have read: topics
    entered, posts read and days visited (what trust levels are earned by)."""
    now = now or timezone.now()
    Topic.objects.filter(pk=topic.pk).update(views_count=F("views_count") + 1)
    if person is None or not person.is_authenticated:
        return
    profile = profile_of(person)
    with transaction.atomic():
        state, created = ReadState.objects.get_or_create(person=person, topic=topic)
        newly_read = max(0, read_up_to - state.last_read_number)
        if newly_read:
            ReadState.objects.filter(pk=state.pk).update(last_read_number=read_up_to)
        today = timezone.localdate(now)
        changes: dict = {}
        if created:
            changes["topics_entered"] = F("topics_entered") + 1
        if newly_read:
            changes["posts_read"] = F("posts_read") + newly_read
        if profile.last_visit_date != today:
            changes["days_visited"] = F("days_visited") + 1
            changes["last_visit_date"] = today
        if changes:
            ForumProfile.objects.filter(pk=profile.pk).update(**changes)


# The daily run


def _stats(profile: ForumProfile) -> rules.Stats:
    return rules.Stats(
        topics_entered=profile.topics_entered,
        posts_read=profile.posts_read,
        days_visited=profile.days_visited,
        posts=profile.post_count,
        likes_received=profile.likes_received,
        likes_given=profile.likes_given,
    )


def _out_of_good_standing(now: datetime.datetime) -> set[int]:
    """People with too many agreed flags, or a suspension, in the regular's window."""
    since = now - datetime.timedelta(days=rules.REGULAR_WINDOW_DAYS)
    flagged: dict[int, int] = {}
    agreed = Flag.objects.filter(status=FlagStatus.AGREED, handled_at__gte=since)
    for author_id in agreed.values_list("post__author_id", flat=True):
        flagged[author_id] = flagged.get(author_id, 0) + 1
    people = {pk for pk, n in flagged.items() if n >= rules.REGULAR_MAX_AGREED_FLAGS}
    people |= set(
        Suspension.objects.filter(Q(until__gte=since)).values_list("person_id", flat=True)
    )
    return people


def update_trust_levels(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Promote everyone whose reading and posting earned a level, and take level 3 from those
    who fell out of good standing; levels held by hand stay. Each change is audited. Returns
    how many went up and down."""
    now = now or timezone.now()
    excluded = _out_of_good_standing(now)
    counts = {"promoted": 0, "demoted": 0}
    for profile in ForumProfile.objects.filter(level_locked=False).select_related("person"):
        level = rules.earned_level(
            profile.trust_level, _stats(profile), in_good_standing=profile.person_id not in excluded
        )
        if level == profile.trust_level:
            continue
        counts["promoted" if level > profile.trust_level else "demoted"] += 1
        _change_level(profile, level, actor=None, now=now, reason="daily trust level run")
    return counts


def _change_level(
    profile: ForumProfile,
    level: int,
    *,
    actor: User | None,
    now: datetime.datetime,
    reason: str,
    lock: bool | None = None,
) -> None:
    with transaction.atomic():
        before = {"trust_level": profile.trust_level, "level_locked": profile.level_locked}
        profile.trust_level = level
        profile.level_changed_at = now
        if lock is not None:
            profile.level_locked = lock
        profile.save(update_fields=["trust_level", "level_changed_at", "level_locked"])
        audit.record(
            "forum.trust_level.changed",
            actor=actor,
            target=profile.person,
            before=before,
            after={"trust_level": level, "level_locked": profile.level_locked},
            reason=reason,
        )


def set_trust_level(
    *,
    moderator: User,
    person: User,
    level: int,
    reason: str,
    lock: bool = True,
    now: datetime.datetime | None = None,
) -> ForumProfile:
    """A moderator sets a person's level by hand (held from then on unless ``lock`` is off)."""
    if not is_moderator(moderator):
        raise ForumError(_("Only a moderator can change a trust level."))
    if level not in TrustLevel.values:
        raise ForumError(_("Choose a trust level from 0 to 4."))
    if not reason.strip():
        raise ForumError(_("Say why the trust level changes."))
    profile = profile_of(person)
    _change_level(
        profile, level, actor=moderator, now=now or timezone.now(), reason=reason, lock=lock
    )
    return profile
