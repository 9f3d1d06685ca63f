"""What the forum's pages read beyond ``topics``, ``search`` and ``moderation``: the topic
page as the pages show it, a person's moderation history, and the 404s of the pages.

The topic page has a budget (issue 16: 200 posts in at most 10 queries, the reader's session,
account and roles included): the topic with its category and asker, its tags, its posts with
their authors and trust levels (and the reader's own vote on each, as a subquery), the
comments with their authors, and the authors' badges (``badges.badges_for``, two queries).
Six queries, whatever the number of posts; the reader's own forum profile and suspension are
not read (the services refuse what a reader may not do, and the page shows why).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core.models import AuditEntry

from ..models import (
    Category,
    Comment,
    Flag,
    ForumProfile,
    Post,
    Suspension,
    Tag,
    Topic,
    TrustLevel,
    Vote,
)
from .badges import Badge, badges_for
from .moderation import Standing, standing_of
from .topics import category_by_slug

TOPICS_PER_PAGE = 30
HISTORY = 100


def shown_name(person: User, profile: ForumProfile | None = None) -> str:
    """The name the forum shows: never the email address a nameless account falls back on."""
    full = " ".join(p for p in (person.given_name, person.family_name) if p)
    if full or person.name_latin:
        return full or person.name_latin
    return profile.handle if profile is not None else _("a member")


@dataclass
class AuthorBadge:
    """What a post says about its author: their name, forum name, trust level, and the
    certificates and staff roles of ``badges.badges_for``."""

    name: str
    handle: str = ""
    trust_level: int = 0
    trust_label: str = ""
    certificates: list[Badge] = field(default_factory=list)
    roles: list[Badge] = field(default_factory=list)


@dataclass
class TopicPage:
    topic: Topic
    tags: list[Tag]
    question: Post | None
    answers: list[Post]
    badges: dict[int, AuthorBadge] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# The topic page


def _profile(person: User) -> ForumProfile | None:
    # A missing reverse one-to-one raises an AttributeError subclass: no profile yet.
    return getattr(person, "forum_profile", None)


def _badges(posts: list[Post]) -> dict[int, AuthorBadge]:
    authors = {post.author_id: post.author for post in posts}
    found = badges_for(authors)
    badges = {}
    for person_id, person in authors.items():
        profile = _profile(person)
        own = found.get(person_id, [])
        roles = [badge for badge in own if badge.kind == "staff"]
        level = TrustLevel.LEADER if roles else (profile.trust_level if profile else 0)
        badges[person_id] = AuthorBadge(
            name=shown_name(person, profile),
            handle=profile.handle if profile else "",
            trust_level=level,
            trust_label=str(TrustLevel(level).label),
            certificates=[badge for badge in own if badge.kind == "certified"],
            roles=roles,
        )
    return badges


def _sort_answers(answers: list[Post], accepted_id: int | None) -> list[Post]:
    """The accepted answer first, then by score, then oldest first."""
    return sorted(answers, key=lambda p: (p.pk != accepted_id, -p.score, p.number))


def topic_of(public_id: Any) -> Topic:
    """The topic with its category (and parent category) and asker, or 404."""
    try:
        return Topic.objects.select_related("category__parent").get(public_id=public_id)
    except (Topic.DoesNotExist, ValueError) as error:
        raise Http404(_("No such question.")) from error


def topic_for_reading(public_id: Any) -> Topic:
    try:
        return Topic.objects.only("pk").get(public_id=public_id)
    except (Topic.DoesNotExist, ValueError) as error:
        raise Http404(_("No such question.")) from error


def topic_page(*, topic: Topic, viewer: User | None, moderator: bool) -> TopicPage:
    """The topic's tags, posts and comments as the viewer may see them. Hidden posts come with
    their text (only moderators are shown it); deleted posts come for moderators only."""
    posts = (
        Post.objects.filter(topic=topic)
        .select_related("author", "author__forum_profile")
        .defer("body", "search_text")
    )
    if not moderator:
        posts = posts.filter(deleted_at__isnull=True)
    if viewer is not None:
        mine = Vote.objects.filter(post=OuterRef("pk"), person=viewer).values("value")[:1]
        posts = posts.annotate(my_vote=Subquery(mine))
    found = list(posts)
    comments: dict[int, list[Comment]] = defaultdict(list)
    if found:
        for comment in (
            Comment.objects.filter(post__topic=topic, deleted_at__isnull=True)
            .select_related("author", "author__forum_profile")
            .order_by("created_at", "id")
        ):
            comment.author_name = shown_name(comment.author, _profile(comment.author))  # type: ignore[attr-defined]
            comments[comment.post_id].append(comment)
    badges = _badges(found) if found else {}
    for post in found:
        post.topic = topic  # the same instance, not one query per post
        post.n = str(post.number)  # type: ignore[attr-defined]  # ids and links, as text
        post.badge = badges[post.author_id]  # type: ignore[attr-defined]  # for the template
        post.shown_comments = comments[post.pk]  # type: ignore[attr-defined]
        if viewer is None:
            post.my_vote = None  # type: ignore[attr-defined]
    question = next((p for p in found if p.number == 1), None)
    answers = _sort_answers([p for p in found if p.number != 1], topic.accepted_answer_id)
    return TopicPage(
        topic=topic,
        tags=list(topic.tags.order_by("name")),
        question=question,
        answers=answers,
        badges=badges,
    )


def vote_of(*, person: User, post: Post) -> int:
    """The person's vote on the post: 1, -1, or 0 when they have not voted."""
    found = Vote.objects.filter(post=post, person=person).values_list("value", flat=True).first()
    return found or 0


def post_of(*, topic_id: Any, number: int) -> Post:
    try:
        return Post.objects.select_related("topic", "author").get(
            topic__public_id=topic_id, number=number
        )
    except (Post.DoesNotExist, ValueError) as error:
        raise Http404(_("No such post.")) from error


def paged(topics: QuerySet[Topic], number: Any) -> Page:
    """A page of a topic list (``topics.latest_topics``), thirty at a time."""
    return Paginator(topics, TOPICS_PER_PAGE).get_page(number)


def category_of(slug: str) -> Category:
    found = category_by_slug(slug)
    if found is None:
        raise Http404(_("No such category."))
    return found


def subcategories(category: Category) -> list[Category]:
    return list(category.children.all()) if category.parent_id is None else []


def tag_of(name: str) -> Tag:
    try:
        return Tag.objects.get(name=name)
    except Tag.DoesNotExist as error:
        raise Http404(_("No such tag.")) from error


# ---------------------------------------------------------------------------------------------
# Moderation


@dataclass
class PersonHistory:
    standing: Standing
    flags_on_posts: list[Flag]
    entries: list[AuditEntry]
    topics: int
    posts: int


def _moderation_entries(person: User, profile: ForumProfile | None) -> list[AuditEntry]:
    """The forum's audit entries about the person, their profile, posts, flags on their posts
    and their suspensions, newest first."""
    targets = Q(target_type="accounts.user", target_id=str(person.pk))
    if profile is not None:
        targets |= Q(target_type="forum.forumprofile", target_id=str(profile.pk))
    for label, found in (
        ("forum.post", Post.objects.filter(author=person)),
        ("forum.flag", Flag.objects.filter(post__author=person)),
        ("forum.suspension", Suspension.objects.filter(person=person)),
    ):
        ids = [str(pk) for pk in found.order_by("-pk").values_list("pk", flat=True)[:HISTORY]]
        if ids:
            targets |= Q(target_type=label, target_id__in=ids)
    return list(
        AuditEntry.objects.filter(targets, action__startswith="forum.")
        .select_related("actor")
        .order_by("-sequence")[:HISTORY]
    )


def person_history(person: User) -> PersonHistory:
    """What the moderators know about a person: their standing (level, suspensions), the
    flags on their posts and the moderators' recorded actions about them."""
    standing = standing_of(person)
    flags = list(
        Flag.objects.filter(post__author=person)
        .select_related("post__topic", "flagged_by", "handled_by")
        .order_by("-created_at")[:HISTORY]
    )
    return PersonHistory(
        standing=standing,
        flags_on_posts=flags,
        entries=_moderation_entries(person, standing.profile),
        topics=Topic.objects.filter(author=person).count(),
        posts=Post.objects.filter(author=person, number__gt=1).count(),
    )


def person_of(public_id: Any) -> User:
    try:
        return User.objects.get(public_id=public_id)
    except (User.DoesNotExist, ValueError) as error:
        raise Http404(_("No such person.")) from error
