"""Asking, answering, commenting, editing (every edit kept), deleting, voting and accepting
an answer. Each checks the person's suspension, trust level and rate limits first (``trust``)
and what the text holds (links, images, mentions) against their level."""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from muhandis.accounts.models import User
from muhandis.core import audit

from .. import markdown, rules
from ..models import (
    BODY_MAX_LENGTH,
    BODY_MIN_LENGTH,
    COMMENT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TITLE_MIN_LENGTH,
    Category,
    Comment,
    ForumProfile,
    Mention,
    Post,
    PostRevision,
    Tag,
    Topic,
    Vote,
)
from . import ForumError, notices, trust

TAG_PATTERN = re.compile(r"^[\w][\w-]{0,38}[\w]$")
COMMENT_MIN_LENGTH = 2
EDITED_FIELDS = ("body", "html", "search_text", "edited_at", "revision_count", "updated_at")


# What a text may hold


@dataclass(frozen=True)
class Prepared:
    """A checked text: its safe HTML, search key and the people it mentions."""

    html: str
    mentioned: list[User]


def _quoted(items: Sequence[str]) -> str:
    return ", ".join(f"“{item}”" for item in items)


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if len(body) < BODY_MIN_LENGTH:
        raise ForumError(
            ngettext(
                "Write at least %(count)d character.",
                "Write at least %(count)d characters.",
                BODY_MIN_LENGTH,
            )
            % {"count": BODY_MIN_LENGTH}
        )
    if len(body) > BODY_MAX_LENGTH:
        raise ForumError(
            _("The text is %(length)d characters long; shorten it to %(limit)d at most.")
            % {"length": len(body), "limit": BODY_MAX_LENGTH}
        )
    return body


def _check_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not TITLE_MIN_LENGTH <= len(title) <= TITLE_MAX_LENGTH:
        raise ForumError(
            _("Write a title of %(low)d to %(high)d characters that says what you ask.")
            % {"low": TITLE_MIN_LENGTH, "high": TITLE_MAX_LENGTH}
        )
    return title


def _check_links(analysis: markdown.Analysis, limits: rules.Limits) -> None:
    if not limits.may_link:
        links = analysis.links + analysis.bare_urls
        if links:
            raise ForumError(
                _(
                    "New members cannot post links yet. Remove %(links)s and send it again; "
                    "links open up as you take part in the forum."
                )
                % {"links": _quoted(links)}
            )
    if not analysis.images:
        return
    if limits.images_per_post == 0:
        raise ForumError(
            _("New members cannot post images yet. Remove the image %(images)s.")
            % {"images": _quoted(analysis.images)}
        )
    if len(analysis.images) > limits.images_per_post:
        raise ForumError(
            ngettext(
                "A post can show at most %(count)d image at your level: remove %(extra)s.",
                "A post can show at most %(count)d images at your level: remove %(extra)s.",
                limits.images_per_post,
            )
            % {
                "count": limits.images_per_post,
                "extra": _quoted(analysis.images[limits.images_per_post :]),
            }
        )
    insecure = [src for src in analysis.images if not src.lower().startswith("https://")]
    if insecure:
        raise ForumError(
            _("Images must come from an https:// address: change or remove %(images)s.")
            % {"images": _quoted(insecure)}
        )


def _mentioned(analysis: markdown.Analysis, author: User, limits: rules.Limits) -> list[User]:
    profiles = list(
        ForumProfile.objects.filter(handle__in=analysis.mentions, person__is_active=True)
        .exclude(person=author)
        .select_related("person")
    )
    if len(profiles) > limits.mentions_per_post:
        raise ForumError(
            ngettext(
                "You can mention at most %(count)d person in a post at your level.",
                "You can mention at most %(count)d people in a post at your level.",
                limits.mentions_per_post,
            )
            % {"count": limits.mentions_per_post}
        )
    return [profile.person for profile in profiles]


def prepare(*, body: str, author: User, level: int) -> Prepared:
    """Check ``body`` against the author's level and render it (nothing is saved)."""
    limits = rules.limits_for(level)
    analysis = markdown.analyse(body)
    _check_links(analysis, limits)
    mentioned = _mentioned(analysis, author, limits)
    handles = set(
        ForumProfile.objects.filter(person__in=mentioned).values_list("handle", flat=True)
    )
    return Prepared(html=markdown.to_html(analysis, handles=handles), mentioned=mentioned)


def _tags(names: Sequence[str], limits: rules.Limits) -> list[Tag]:
    cleaned: list[str] = []
    for name in names:
        name = name.strip().lstrip("#").lower()
        if name and name not in cleaned:
            cleaned.append(name)
    if len(cleaned) > rules.TAGS_PER_TOPIC:
        raise ForumError(_("Give at most %(count)d tags.") % {"count": rules.TAGS_PER_TOPIC})
    wrong = [name for name in cleaned if not TAG_PATTERN.match(name)]
    if wrong:
        raise ForumError(
            _("A tag is one word of 2 to 40 letters, digits or hyphens: change %(tags)s.")
            % {"tags": _quoted(wrong)}
        )
    found = {tag.name: tag for tag in Tag.objects.filter(name__in=cleaned)}
    new = [name for name in cleaned if name not in found]
    if new and not limits.may_create_tags:
        raise ForumError(
            _("New members can only use tags that exist already: remove %(tags)s.")
            % {"tags": _quoted(new)}
        )
    for name in new:
        found[name], _created = Tag.objects.get_or_create(name=name)
    return [found[name] for name in cleaned]


# Asking and answering


def _save_mentions(post: Post, people: list[User]) -> list[User]:
    """Record the mentions of ``post``; return the people not mentioned in it before."""
    already = set(Mention.objects.filter(post=post).values_list("person_id", flat=True))
    new = [person for person in people if person.pk not in already]
    Mention.objects.bulk_create([Mention(post=post, person=person) for person in new])
    return new


def _tell_mentioned(post: Post, people: list[User], author: User) -> None:
    for person in people:
        notices.tell(person, notices.MENTION, "mention", topic=post.topic, post=post, author=author)


def ask_question(
    *,
    person: User,
    category: Category | None,
    title: str,
    body: str,
    tags: Sequence[str] = (),
    now: datetime.datetime | None = None,
) -> Topic:
    """Start a topic: the question's title and text (its first post), in a category, with
    tags."""
    now = now or timezone.now()
    if category is None:
        raise ForumError(_("Choose a category for your question."))
    title = _check_title(title)
    body = _check_body(body)
    profile = trust.check_may_post(person, what="topic", now=now)
    level = trust.trust_level_of(person, profile)
    prepared = prepare(body=body, author=person, level=level)
    with transaction.atomic():
        found_tags = _tags(tags, rules.limits_for(level))
        topic = Topic.objects.create(
            title=title, category=category, author=person, last_activity_at=now
        )
        topic.tags.set(found_tags)
        post = Post.objects.create(
            topic=topic,
            number=1,
            author=person,
            body=body,
            html=prepared.html,
            search_text=markdown.search_text(title, body),
        )
        ForumProfile.objects.filter(pk=profile.pk).update(
            topic_count=F("topic_count") + 1, post_count=F("post_count") + 1
        )
        _tell_mentioned(post, _save_mentions(post, prepared.mentioned), person)
    return topic


def _check_open(topic: Topic, person: User) -> None:
    if topic.is_hidden:
        raise ForumError(_("This topic is hidden: it takes no new answers or comments."))
    if topic.is_closed and not trust.is_moderator(person):
        raise ForumError(_("This topic is closed: it takes no new answers or comments."))


def answer(*, person: User, topic: Topic, body: str, now: datetime.datetime | None = None) -> Post:
    """Answer the question of ``topic``; its asker hears of it."""
    now = now or timezone.now()
    body = _check_body(body)
    _check_open(topic, person)
    profile = trust.check_may_post(person, what="post", now=now)
    prepared = prepare(body=body, author=person, level=trust.trust_level_of(person, profile))
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        number = (locked.posts.aggregate(last=Max("number"))["last"] or 0) + 1
        post = Post.objects.create(
            topic=locked,
            number=number,
            author=person,
            body=body,
            html=prepared.html,
            search_text=markdown.search_text(body),
        )
        Topic.objects.filter(pk=topic.pk).update(
            answer_count=F("answer_count") + 1, last_activity_at=now
        )
        ForumProfile.objects.filter(pk=profile.pk).update(post_count=F("post_count") + 1)
        mentioned = _save_mentions(post, prepared.mentioned)
        if locked.author_id != person.pk:
            notices.tell(locked.author, notices.REPLY, "answer", topic=locked, post=post)
        _tell_mentioned(post, [p for p in mentioned if p.pk != locked.author_id], person)
    topic.refresh_from_db()
    return post


def comment(
    *, person: User, post: Post, body: str, now: datetime.datetime | None = None
) -> Comment:
    """A short remark under a post (plain text); the post's author hears of it."""
    now = now or timezone.now()
    body = " ".join((body or "").split())
    if not COMMENT_MIN_LENGTH <= len(body) <= COMMENT_MAX_LENGTH:
        raise ForumError(
            _("A comment is %(low)d to %(high)d characters long; a longer text is an answer.")
            % {"low": COMMENT_MIN_LENGTH, "high": COMMENT_MAX_LENGTH}
        )
    if not post.is_visible:
        raise ForumError(_("This post is hidden or deleted: it takes no comments."))
    _check_open(post.topic, person)
    profile = trust.check_may_post(person, what="comment", now=now)
    urls = markdown.BARE_URL.findall(body)
    if urls and not rules.limits_for(trust.trust_level_of(person, profile)).may_link:
        raise ForumError(
            _("New members cannot post links yet. Remove %(links)s and send it again.")
            % {"links": _quoted(urls)}
        )
    with transaction.atomic():
        made = Comment.objects.create(post=post, author=person, body=body)
        Topic.objects.filter(pk=post.topic_id).update(last_activity_at=now)
        if post.author_id != person.pk:
            notices.tell(
                post.author, notices.REPLY, "comment", topic=post.topic, post=post, comment=made
            )
    return made


# Editing and deleting


def _check_may_change(person: User, author_id: int, *, deleted: bool) -> bool:
    """Whether ``person`` acts as a moderator on someone else's text (refuse others)."""
    trust.check_not_suspended(person)
    if deleted:
        raise ForumError(_("This post has been deleted."))
    if person.pk == author_id:
        return False
    if trust.is_moderator(person):
        return True
    raise ForumError(_("Only the author or a moderator can change this."))


def edit_post(
    *,
    person: User,
    post: Post,
    body: str,
    title: str | None = None,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Post:
    """Change a post's text (and the question's title); the previous version is kept. A
    moderator editing someone else's post gives a reason, and the edit is audited."""
    now = now or timezone.now()
    as_moderator = _check_may_change(person, post.author_id, deleted=post.is_deleted)
    body = _check_body(body)
    topic = post.topic
    new_title = _check_title(title) if post.is_question and title is not None else topic.title
    reason = " ".join(reason.split())[:300]
    if body == post.body and new_title == topic.title:
        raise ForumError(_("Nothing was changed."))
    if as_moderator and not reason:
        raise ForumError(_("Say why you edit someone else's post."))
    level = trust.trust_level_of(person)
    prepared = prepare(body=body, author=post.author, level=level)
    with transaction.atomic():
        number = post.revision_count + 1
        PostRevision.objects.create(
            post=post,
            number=number,
            title=topic.title if post.is_question else "",
            body=post.body,
            edited_by=person,
            edited_at=now,
            reason=reason,
        )
        before = {"title": topic.title, "body": post.body}
        if post.is_question and new_title != topic.title:
            topic.title = new_title
            topic.save(update_fields=["title", "updated_at"])
        post.body = body
        post.html = prepared.html
        post.search_text = markdown.search_text(new_title if post.is_question else "", body)
        post.edited_at = now
        post.revision_count = number
        post.save(
            update_fields=[
                "body",
                "html",
                "search_text",
                "edited_at",
                "revision_count",
                "updated_at",
            ]
        )
        if as_moderator:
            audit.record(
                "forum.post.edited",
                actor=person,
                target=post,
                before=before,
                after={"title": new_title, "body": body},
                reason=reason,
            )
        _tell_mentioned(post, _save_mentions(post, prepared.mentioned), post.author)
    return post


def delete_post(
    *, person: User, post: Post, reason: str = "", now: datetime.datetime | None = None
) -> Post:
    """Delete a post (its row stays, marked deleted); deleting the question hides the topic.
    A moderator deleting someone else's post gives a reason, and it is audited."""
    now = now or timezone.now()
    as_moderator = _check_may_change(person, post.author_id, deleted=post.is_deleted)
    reason = " ".join(reason.split())[:300]
    if as_moderator and not reason:
        raise ForumError(_("Say why you delete someone else's post."))
    with transaction.atomic():
        post.deleted_at = now
        post.deleted_by = person
        post.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        topic = post.topic
        if post.is_question:
            topic.is_hidden = True
            topic.save(update_fields=["is_hidden", "updated_at"])
        else:
            Topic.objects.filter(pk=topic.pk).update(answer_count=F("answer_count") - 1)
            if topic.accepted_answer_id == post.pk:
                Topic.objects.filter(pk=topic.pk).update(accepted_answer=None)
        if as_moderator:
            audit.record("forum.post.deleted", actor=person, target=post, reason=reason)
    topic.refresh_from_db()
    return post


def delete_comment(*, person: User, comment: Comment, reason: str = "") -> Comment:
    as_moderator = _check_may_change(
        person, comment.author_id, deleted=comment.deleted_at is not None
    )
    reason = " ".join(reason.split())[:300]
    if as_moderator and not reason:
        raise ForumError(_("Say why you delete someone else's comment."))
    with transaction.atomic():
        comment.deleted_at = timezone.now()
        comment.deleted_by = person
        comment.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        if as_moderator:
            audit.record(
                "forum.comment.deleted",
                actor=person,
                target=comment,
                before={"body": comment.body},
                reason=reason,
            )
    return comment


# Votes and the accepted answer


def vote(*, person: User, post: Post, value: int) -> int:
    """Vote a post up (1) or down (−1), change the vote, or take it back (0); the post's new
    score. Not on one's own post; voting down needs trust level 1."""
    if value not in (1, -1, 0):
        raise ForumError(_("A vote is up, down, or taken back."))
    trust.check_not_suspended(person)
    if post.author_id == person.pk:
        raise ForumError(_("You cannot vote on your own post."))
    if not post.is_visible or post.topic.is_hidden:
        raise ForumError(_("This post is hidden or deleted: it takes no votes."))
    profile = trust.profile_of(person)
    if value == -1 and trust.trust_level_of(person, profile) < 1:
        raise ForumError(
            _("New members can vote up; voting down opens up as you take part in the forum.")
        )
    with transaction.atomic():
        existing = Vote.objects.select_for_update().filter(post=post, person=person).first()
        old = existing.value if existing is not None else 0
        if value == old:
            return Post.objects.values_list("score", flat=True).get(pk=post.pk)
        if value == 0 and existing is not None:
            existing.delete()
        elif existing is not None:
            existing.value = value
            existing.save(update_fields=["value", "updated_at"])
        else:
            Vote.objects.create(post=post, person=person, value=value)
        Post.objects.filter(pk=post.pk).update(score=F("score") + (value - old))
        likes = int(value == 1) - int(old == 1)
        if likes:
            ForumProfile.objects.filter(pk=profile.pk).update(likes_given=F("likes_given") + likes)
            author_profile = trust.profile_of(post.author)
            ForumProfile.objects.filter(pk=author_profile.pk).update(
                likes_received=F("likes_received") + likes
            )
    post.refresh_from_db(fields=["score"])
    return post.score


def _check_may_accept(person: User, topic: Topic) -> bool:
    """Whether ``person`` accepts as a moderator (refuse anyone but the asker or one)."""
    trust.check_not_suspended(person)
    if person.pk == topic.author_id:
        return False
    if trust.is_moderator(person):
        return True
    raise ForumError(_("Only the person who asked, or a moderator, can accept an answer."))


def accept_answer(*, person: User, post: Post) -> Topic:
    """Mark ``post`` as the answer that solved the question (replacing an earlier one)."""
    topic = post.topic
    as_moderator = _check_may_accept(person, topic)
    if post.is_question:
        raise ForumError(_("Accept an answer, not the question."))
    if not post.is_visible:
        raise ForumError(_("A hidden or deleted answer cannot be accepted."))
    if topic.accepted_answer_id == post.pk:
        return topic
    with transaction.atomic():
        before = {"accepted_answer": topic.accepted_answer_id}
        topic.accepted_answer = post
        topic.save(update_fields=["accepted_answer", "updated_at"])
        if as_moderator:
            audit.record(
                "forum.answer.accepted",
                actor=person,
                target=topic,
                before=before,
                after={"accepted_answer": post.pk},
            )
        if post.author_id != person.pk:
            notices.tell(post.author, notices.ACCEPTED, "accepted", topic=topic, post=post)
    return topic


def unaccept_answer(*, person: User, topic: Topic) -> Topic:
    as_moderator = _check_may_accept(person, topic)
    if topic.accepted_answer_id is None:
        return topic
    with transaction.atomic():
        before = {"accepted_answer": topic.accepted_answer_id}
        topic.accepted_answer = None
        topic.save(update_fields=["accepted_answer", "updated_at"])
        if as_moderator:
            audit.record("forum.answer.unaccepted", actor=person, target=topic, before=before)
    return topic
