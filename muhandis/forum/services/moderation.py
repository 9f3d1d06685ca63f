"""Flags, the moderators' decisions on them, hiding and restoring posts, closing and pinning
topics, and suspending people. Every moderator action is audited.

A member of trust level 1 or more flags a post once; when ``FORUM_FLAGS_TO_HIDE`` flags wait
on it (or at once when a moderator flags) the post is hidden and its author told, until a
moderator agrees (it stays hidden, or is deleted) or disagrees (it is shown again)."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.notifications.services import notify

from .. import rules
from ..models import (
    REASON_MAX_LENGTH,
    Flag,
    FlagReason,
    FlagStatus,
    HiddenReason,
    Post,
    Suspension,
    Topic,
)
from . import ForumError, notices, trust


def _reason(text: str, *, required: str | None = None) -> str:
    text = " ".join((text or "").split())
    if required is not None and not text:
        raise ForumError(required)
    if len(text) > REASON_MAX_LENGTH:
        raise ForumError(
            _("Keep the reason to %(limit)d characters.") % {"limit": REASON_MAX_LENGTH}
        )
    return text


def _check_moderator(person: User) -> None:
    if not trust.is_moderator(person):
        raise ForumError(_("Only a moderator can do this."))


# Hiding and showing


def _hide(post: Post, why: str, now: datetime.datetime) -> None:
    post.hidden_at = now
    post.hidden_reason = why
    post.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    if post.is_question:
        Topic.objects.filter(pk=post.topic_id).update(is_hidden=True)


def _show(post: Post) -> None:
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    if post.is_question and not post.is_deleted:
        Topic.objects.filter(pk=post.topic_id).update(is_hidden=False)


def hide_post(
    *, moderator: User, post: Post, reason: str, now: datetime.datetime | None = None
) -> Post:
    """A moderator hides a post at once (its author is told)."""
    _check_moderator(moderator)
    reason = _reason(reason, required=_("Say why you hide this post."))
    if post.is_hidden:
        raise ForumError(_("This post is hidden already."))
    with transaction.atomic():
        _hide(post, HiddenReason.MODERATOR, now or timezone.now())
        audit.record("forum.post.hidden", actor=moderator, target=post, reason=reason)
        notices.tell(post.author, notices.HIDDEN, "hidden", topic=post.topic, post=post)
    return post


def restore_post(*, moderator: User, post: Post, reason: str) -> Post:
    """A moderator shows a hidden post again (its author is told)."""
    _check_moderator(moderator)
    reason = _reason(reason, required=_("Say why you show this post again."))
    if not post.is_hidden:
        raise ForumError(_("This post is not hidden."))
    with transaction.atomic():
        before = {"hidden_reason": post.hidden_reason}
        _show(post)
        audit.record(
            "forum.post.restored", actor=moderator, target=post, before=before, reason=reason
        )
        notices.tell(post.author, notices.RESTORED, "restored", topic=post.topic, post=post)
    return post


# Flags


def flag_post(
    *,
    person: User,
    post: Post,
    reason: str,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Flag:
    """Flag a post for the moderators. Hides it when enough flags wait on it, or at once when
    a moderator flags."""
    now = now or timezone.now()
    trust.check_not_suspended(person, now=now)
    if reason not in FlagReason.values:
        raise ForumError(_("Choose why you flag this post from the list."))
    note = _reason(note)
    if reason == FlagReason.OTHER and not note:
        raise ForumError(_("Say what is wrong with this post."))
    if post.author_id == person.pk:
        raise ForumError(_("You cannot flag your own post; edit or delete it instead."))
    if post.is_deleted:
        raise ForumError(_("This post has been deleted."))
    moderator = trust.is_moderator(person)
    if not moderator and not rules.limits_for(trust.trust_level_of(person)).may_flag:
        raise ForumError(
            _("Flagging opens up at trust level 1, as you read and take part in the forum.")
        )
    try:
        with transaction.atomic():
            flag = Flag.objects.create(post=post, flagged_by=person, reason=reason, note=note)
            _hide_when_flagged(post, moderator=person if moderator else None, now=now)
    except IntegrityError:
        raise ForumError(
            _("You have flagged this post already; a moderator will look at it.")
        ) from None
    return flag


def _hide_when_flagged(post: Post, *, moderator: User | None, now: datetime.datetime) -> None:
    if post.is_hidden:
        return
    if moderator is not None:
        why, actor, reason = HiddenReason.MODERATOR, moderator, "flagged by a moderator"
    else:
        waiting = Flag.objects.filter(post=post, status=FlagStatus.PENDING).count()
        if waiting < settings.FORUM_FLAGS_TO_HIDE:
            return
        why, actor, reason = HiddenReason.FLAGS, None, f"{waiting} flags"
    _hide(post, why, now)
    audit.record("forum.post.hidden", actor=actor, target=post, reason=reason)
    notices.tell(post.author, notices.HIDDEN, "hidden", topic=post.topic, post=post)
    if moderator is None:
        for person in notices.moderators():
            notices.tell(person, notices.REVIEW, "review", topic=post.topic, post=post)


def _pending(post: Post) -> list[Flag]:
    flags = list(Flag.objects.select_for_update().filter(post=post, status=FlagStatus.PENDING))
    if not flags:
        raise ForumError(_("No flags are waiting on this post."))
    return flags


def _close_flags(flags: list[Flag], status: str, moderator: User, now: datetime.datetime) -> None:
    Flag.objects.filter(pk__in=[flag.pk for flag in flags]).update(
        status=status, handled_by=moderator, handled_at=now
    )


def agree_with_flags(
    *,
    moderator: User,
    post: Post,
    reason: str = "",
    delete: bool = False,
    now: datetime.datetime | None = None,
) -> int:
    """The moderator agrees with the flags waiting on a post: it stays hidden (hidden now if
    it was not), or is deleted. Returns how many flags were decided."""
    _check_moderator(moderator)
    reason = _reason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        flags = _pending(post)
        _close_flags(flags, FlagStatus.AGREED, moderator, now)
        told = post.is_hidden
        if not post.is_hidden:
            _hide(post, HiddenReason.MODERATOR, now)
        if delete and not post.is_deleted:
            post.deleted_at, post.deleted_by = now, moderator
            post.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
            if post.is_question:
                Topic.objects.filter(pk=post.topic_id).update(is_hidden=True)
        audit.record(
            "forum.flags.agreed",
            actor=moderator,
            target=post,
            after={"flags": len(flags), "deleted": delete},
            reason=reason,
        )
        if not told:
            notices.tell(post.author, notices.HIDDEN, "hidden", topic=post.topic, post=post)
    return len(flags)


def disagree_with_flags(
    *, moderator: User, post: Post, reason: str = "", now: datetime.datetime | None = None
) -> int:
    """The moderator disagrees with the flags waiting on a post: it is shown again and its
    author told. Returns how many flags were decided."""
    _check_moderator(moderator)
    reason = _reason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        flags = _pending(post)
        _close_flags(flags, FlagStatus.DISAGREED, moderator, now)
        was_hidden = post.is_hidden
        if was_hidden:
            _show(post)
        audit.record(
            "forum.flags.disagreed",
            actor=moderator,
            target=post,
            after={"flags": len(flags), "restored": was_hidden},
            reason=reason,
        )
        if was_hidden:
            notices.tell(post.author, notices.RESTORED, "restored", topic=post.topic, post=post)
    return len(flags)


# Topics


def set_topic_state(
    *,
    moderator: User,
    topic: Topic,
    closed: bool | None = None,
    pinned: bool | None = None,
    reason: str = "",
) -> Topic:
    """Close or reopen, pin or unpin a topic."""
    _check_moderator(moderator)
    reason = _reason(reason)
    before = {"is_closed": topic.is_closed, "is_pinned": topic.is_pinned}
    if closed is not None:
        topic.is_closed = closed
    if pinned is not None:
        topic.is_pinned = pinned
    after = {"is_closed": topic.is_closed, "is_pinned": topic.is_pinned}
    if after == before:
        return topic
    with transaction.atomic():
        topic.save(update_fields=["is_closed", "is_pinned", "updated_at"])
        audit.record(
            "forum.topic.changed",
            actor=moderator,
            target=topic,
            before=before,
            after=after,
            reason=reason,
        )
    return topic


# Suspensions


def suspend(
    *,
    moderator: User,
    person: User,
    until: datetime.datetime,
    reason: str,
    now: datetime.datetime | None = None,
) -> Suspension:
    """Stop ``person`` posting, answering, commenting, voting and flagging until ``until``;
    they are told why and until when."""
    _check_moderator(moderator)
    now = now or timezone.now()
    reason = _reason(reason, required=_("Say why you suspend this person; they will read it."))
    if person.pk == moderator.pk:
        raise ForumError(_("You cannot suspend yourself."))
    if trust.is_moderator(person):
        raise ForumError(_("A moderator cannot be suspended in the forum; ask an administrator."))
    if until <= now:
        raise ForumError(_("Choose an end of the suspension in the future."))
    if trust.active_suspension(person, now=now) is not None:
        raise ForumError(_("This person is suspended already; lift it first to change it."))
    with transaction.atomic():
        suspension = Suspension.objects.create(
            person=person, until=until, reason=reason, suspended_by=moderator
        )
        audit.record(
            "forum.person.suspended",
            actor=moderator,
            target=person,
            after={"until": until},
            reason=reason,
        )
        notify_suspension(person, suspension, lifted=False)
    return suspension


def lift_suspension(
    *, moderator: User, person: User, reason: str, now: datetime.datetime | None = None
) -> Suspension:
    """End a person's suspension now."""
    _check_moderator(moderator)
    now = now or timezone.now()
    reason = _reason(reason, required=_("Say why you lift the suspension."))
    suspension = trust.active_suspension(person, now=now)
    if suspension is None:
        raise ForumError(_("This person is not suspended."))
    with transaction.atomic():
        suspension.lifted_at, suspension.lifted_by = now, moderator
        suspension.save(update_fields=["lifted_at", "lifted_by", "updated_at"])
        audit.record(
            "forum.person.unsuspended",
            actor=moderator,
            target=person,
            before={"until": suspension.until},
            reason=reason,
        )
        notify_suspension(person, suspension, lifted=True)
    return suspension


def notify_suspension(person: User, suspension: Suspension, *, lifted: bool) -> None:
    notify(
        person=person,
        kind=notices.SUSPENDED,
        template="forum/notices/unsuspended" if lifted else "forum/notices/suspended",
        context={"suspension": suspension},
    )
