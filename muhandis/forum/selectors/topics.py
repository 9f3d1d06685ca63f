"""Reads of categories, topic lists and a topic's page, each in a fixed number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery

from muhandis.accounts.models import User

from ..models import (
    Category,
    Comment,
    Flag,
    ForumProfile,
    Post,
    PostRevision,
    Suspension,
    Tag,
    Topic,
    TrustLevel,
    Vote,
)
from ..services import trust
from .badges import Badge, badges_for


def _signed_in(person: Any) -> User | None:
    return person if getattr(person, "is_authenticated", False) else None


# Categories


@dataclass
class CategoryRow:
    """A category with its visible topics counted (a top category's count includes its
    subcategories') and when it last saw activity."""

    category: Category
    topic_count: int
    last_activity_at: datetime.datetime | None
    children: list["CategoryRow"] = field(default_factory=list)


def categories() -> list[CategoryRow]:
    """The top categories in order, each with its subcategories, counted (one query)."""
    visible = Q(topics__is_hidden=False)
    rows = Category.objects.annotate(
        visible_topics=Count("topics", filter=visible),
        latest=Max("topics__last_activity_at", filter=visible),
    ).order_by("position", "slug")
    by_id = {c.pk: CategoryRow(c, c.visible_topics, c.latest) for c in rows}
    tops: list[CategoryRow] = []
    for row in by_id.values():
        parent = by_id.get(row.category.parent_id) if row.category.parent_id else None
        if parent is None:
            tops.append(row)
        else:
            parent.children.append(row)
    for top in tops:
        for child in top.children:
            top.topic_count += child.topic_count
            if child.last_activity_at and (
                top.last_activity_at is None or child.last_activity_at > top.last_activity_at
            ):
                top.last_activity_at = child.last_activity_at
    return tops


def category_choices() -> list[tuple[int, str]]:
    """(id, "Top › Sub") of every category, for the form that asks a question."""
    found = Category.objects.select_related("parent").order_by("position", "slug")
    named = [
        (c.pk, f"{c.parent.name} › {c.name}" if c.parent else str(c.name), c.parent_id is None)
        for c in found
    ]
    return [(pk, name) for pk, name, _top in sorted(named, key=lambda item: item[1])]


def category_by_slug(slug: str) -> Category | None:
    return Category.objects.select_related("parent").filter(slug=slug).first()


# Topic lists


def visible_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(is_hidden=False)


def latest_topics(
    *,
    category: Category | None = None,
    tag: str = "",
    unanswered: bool = False,
    author: User | None = None,
) -> QuerySet[Topic]:
    """Visible topics, pinned first, then by last activity; of a category (with its
    subcategories), a tag, an author, or only those without an answer. Slice it for a page:
    authors, categories and tags come with it (two queries)."""
    found = visible_topics()
    if category is not None:
        found = found.filter(Q(category=category) | Q(category__parent=category))
    if tag:
        found = found.filter(tags__name=tag.strip().lower())
    if unanswered:
        found = found.filter(answer_count=0)
    if author is not None:
        found = found.filter(author=author)
    return (
        found.select_related("author", "category__parent")
        .prefetch_related("tags")
        .order_by("-is_pinned", "-last_activity_at", "-id")
    )


def unanswered_topics(*, category: Category | None = None) -> QuerySet[Topic]:
    return latest_topics(category=category, unanswered=True).order_by("-created_at", "-id")


def popular_tags(*, limit: int = 30) -> list[tuple[str, int]]:
    found = (
        Tag.objects.annotate(n=Count("topics", filter=Q(topics__is_hidden=False)))
        .filter(n__gt=0)
        .order_by("-n", "name")[:limit]
    )
    return [(tag.name, tag.n) for tag in found]


# The viewer


@dataclass(frozen=True)
class Viewer:
    """What the person looking at the forum may do: their level, whether they moderate, and
    their suspension (None for a visitor who is not signed in)."""

    person: User | None
    level: int
    is_moderator: bool
    suspension: Suspension | None

    @property
    def may_post(self) -> bool:
        return self.person is not None and self.suspension is None

    @property
    def may_flag(self) -> bool:
        return self.may_post and (self.is_moderator or self.level >= TrustLevel.BASIC)


def viewer(person: Any) -> Viewer:
    signed_in = _signed_in(person)
    if signed_in is None:
        return Viewer(person=None, level=0, is_moderator=False, suspension=None)
    profile = ForumProfile.objects.filter(person=signed_in).first()
    level = (
        TrustLevel.LEADER
        if trust.is_staff_member(signed_in)
        else (profile.trust_level if profile else 0)
    )
    return Viewer(
        person=signed_in,
        level=level,
        is_moderator=trust.is_moderator(signed_in),
        suspension=trust.active_suspension(signed_in),
    )


# A topic's page


@dataclass
class PostItem:
    """A post as the viewer sees it. ``show_body`` is False for a hidden or deleted post the
    viewer may not read (the page says it is hidden, or deleted, instead)."""

    post: Post
    comments: list[Comment]
    badges: list[Badge]
    handle: str
    author_level: int
    my_vote: int
    flagged_by_me: bool
    is_accepted: bool
    show_body: bool


@dataclass
class TopicPage:
    topic: Topic
    tags: list[Tag]
    question: PostItem
    answers: list[PostItem]
    comment_badges: dict[int, list[Badge]]

    @property
    def posts(self) -> list[PostItem]:
        return [self.question, *self.answers]


def _profile(person: User) -> ForumProfile | None:
    # A missing reverse one-to-one raises an AttributeError subclass: no profile yet.
    return getattr(person, "forum_profile", None)


def _posts(topic: Topic, viewer_id: int | None) -> list[Post]:
    found = Post.objects.filter(topic=topic).select_related("author__forum_profile")
    if viewer_id is not None:
        mine = Vote.objects.filter(post=OuterRef("pk"), person_id=viewer_id).values("value")[:1]
        found = found.annotate(
            my_vote=Subquery(mine, output_field=IntegerField()),
            flagged_by_me=Exists(Flag.objects.filter(post=OuterRef("pk"), flagged_by=viewer_id)),
        )
    return list(found.order_by("number"))


def topic_page(*, public_id: Any, viewer: Viewer) -> TopicPage | None:
    """A topic with all its posts, their comments, authors, badges and the viewer's votes
    and flags, in six queries whatever the number of posts; None when the topic does not
    exist or is hidden from the viewer (a hidden topic is shown to moderators and its
    author)."""
    topic = (
        Topic.objects.select_related("category__parent", "author")
        .filter(public_id=public_id)
        .first()
    )
    viewer_id = viewer.person.pk if viewer.person else None
    if topic is None or (
        topic.is_hidden and not viewer.is_moderator and topic.author_id != viewer_id
    ):
        return None
    tags = list(topic.tags.all())
    posts = _posts(topic, viewer_id)
    comments: dict[int, list[Comment]] = defaultdict(list)
    for found in (
        Comment.objects.filter(post__topic=topic, deleted_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "id")
    ):
        comments[found.post_id].append(found)
    people = {post.author_id for post in posts}
    people |= {c.author_id for items in comments.values() for c in items}
    badges = badges_for(people)
    items = [_item(post, topic, viewer, comments, badges) for post in posts]
    question = items[0]
    answers = sorted(items[1:], key=lambda i: (not i.is_accepted, -i.post.score, i.post.number))
    return TopicPage(
        topic=topic, tags=tags, question=question, answers=answers, comment_badges=badges
    )


def _item(
    post: Post,
    topic: Topic,
    viewer: Viewer,
    comments: dict[int, list[Comment]],
    badges: dict[int, list[Badge]],
) -> PostItem:
    post.topic = topic  # the topic is read once for the page
    profile = _profile(post.author)
    is_staff = any(badge.kind == "staff" for badge in badges.get(post.author_id, ()))
    viewer_id = viewer.person.pk if viewer.person else None
    show = (
        post.is_visible
        or viewer.is_moderator
        or (post.deleted_at is None and post.author_id == viewer_id)
    )
    return PostItem(
        post=post,
        comments=comments.get(post.pk, []),
        badges=badges.get(post.author_id, []),
        handle=profile.handle if profile else "",
        author_level=TrustLevel.LEADER if is_staff else (profile.trust_level if profile else 0),
        my_vote=getattr(post, "my_vote", None) or 0,
        flagged_by_me=bool(getattr(post, "flagged_by_me", False)),
        is_accepted=topic.accepted_answer_id == post.pk,
        show_body=show,
    )


def revisions(post: Post) -> QuerySet[PostRevision]:
    """The earlier versions of a post, newest first, with who edited."""
    return PostRevision.objects.filter(post=post).select_related("edited_by").order_by("-number")


def post_by_id(pk: int) -> Post | None:
    return Post.objects.select_related("topic", "author").filter(pk=pk).first()


def topic_by_public_id(public_id: Any) -> Topic | None:
    """A topic (hidden or not) with its category and author, for the pages that change it."""
    return (
        Topic.objects.select_related("category__parent", "author")
        .filter(public_id=public_id)
        .first()
    )


def comment_by_id(pk: int) -> Comment | None:
    return Comment.objects.select_related("post__topic", "author").filter(pk=pk).first()
