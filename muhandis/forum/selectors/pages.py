"""What the forum's pages read, each in a fixed number of queries whatever the size.

The topic page is the one with a budget (issue 16: 200 posts in at most 10 queries with the
person's own queries): the topic with its category, its tags, its posts with their authors and
trust levels (and the reader's own vote on each, as a subquery), the comments, the authors'
valid certificates and their staff roles. Five or six queries, whatever the number of posts.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from muhandis.accounts.models import RoleAssignment, User
from muhandis.accounts.roles import STAFF_ROLES, Role
from muhandis.certification.models import Certificate
from muhandis.core.models import AuditEntry
from muhandis.core.transliteration import search_key

from ..models import (
    Category,
    Comment,
    Flag,
    FlagStatus,
    ForumProfile,
    Post,
    PostRevision,
    Suspension,
    Tag,
    Topic,
    TrustLevel,
    Vote,
)

MODERATOR_ROLES = frozenset({Role.MODERATOR, Role.ADMIN})
STAFF_BADGE_ROLES = frozenset(STAFF_ROLES | {Role.MODERATOR})
# The staff role a post shows when its author holds several, most telling first.
BADGE_ORDER = [Role.MODERATOR, Role.ADMIN, Role.REGISTRAR, Role.TRAINING_MANAGER]
TOPICS_PER_PAGE = 30
LATEST = 10
TAG_CLOUD = 40
HISTORY = 100
_WORDS = re.compile(r"[^\w]+")


def shown_name(person: User, profile: ForumProfile | None = None) -> str:
    """The name the forum shows: never the email address a nameless account falls back on."""
    full = " ".join(p for p in (person.given_name, person.family_name) if p)
    if full or person.name_latin:
        return full or person.name_latin
    return profile.handle if profile is not None else _("a member")


@dataclass
class Badge:
    """What a post says about its author: a staff role, a certificate, a trust level."""

    name: str
    handle: str = ""
    role: str = ""
    role_label: str = ""
    certificate: str = ""
    certificate_url: str = ""
    trust_level: int = 0
    trust_label: str = ""


@dataclass
class TopicPage:
    topic: Topic
    tags: list[Tag]
    question: Post | None
    answers: list[Post]
    badges: dict[int, Badge] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# The topic page


def _profile(person: User) -> ForumProfile | None:
    try:
        return person.forum_profile
    except ForumProfile.DoesNotExist:
        return None


def _badges(posts: list[Post]) -> dict[int, Badge]:
    authors = {post.author_id: post.author for post in posts}
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role in RoleAssignment.objects.filter(
        user_id__in=authors, revoked_at__isnull=True, role__in=STAFF_BADGE_ROLES
    ).values_list("user_id", "role"):
        roles[person_id].add(role)
    certificates: dict[int, str] = {}
    for person_id, number in (
        Certificate.objects.filter(holder_id__in=authors, status=Certificate.Status.VALID)
        .order_by("-effective_date")
        .values_list("holder_id", "number")
    ):
        certificates.setdefault(person_id, number)
    labels = dict(Role.choices)
    badges = {}
    for person_id, person in authors.items():
        profile = _profile(person)
        role = next((r for r in BADGE_ORDER if r in roles[person_id]), "")
        level = TrustLevel.LEADER if role else (profile.trust_level if profile else 0)
        badges[person_id] = Badge(
            name=shown_name(person, profile),
            handle=profile.handle if profile else "",
            role=role,
            role_label=str(labels[role]) if role else "",
            certificate=certificates.get(person_id, ""),
            certificate_url=reverse("verify", args=[certificates[person_id]])
            if person_id in certificates
            else "",
            trust_level=level,
            trust_label=str(TrustLevel(level).label),
        )
    return badges


def _sort_answers(answers: list[Post], accepted_id: int | None) -> list[Post]:
    """The accepted answer first, then by score, then oldest first."""
    return sorted(answers, key=lambda p: (p.pk != accepted_id, -p.score, p.number))


def topic_of(public_id: Any) -> Topic:
    """The topic with its category (and parent category) and asker, or 404."""
    try:
        return Topic.objects.select_related("category__parent", "author").get(public_id=public_id)
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


def revisions_of(post: Post) -> list[PostRevision]:
    return list(post.revisions.select_related("edited_by").order_by("-number"))


# ---------------------------------------------------------------------------------------------
# Lists


def _listed(topics: QuerySet[Topic]) -> QuerySet[Topic]:
    return (
        topics.filter(is_hidden=False)
        .select_related("category", "author")
        .prefetch_related("tags")
        .only(
            "public_id",
            "title",
            "category__name",
            "category__name_uz",
            "category__name_ru",
            "category__name_en",
            "category__slug",
            "author__given_name",
            "author__family_name",
            "author__name_latin",
            "author__email",
            "last_activity_at",
            "created_at",
            "answer_count",
            "views_count",
            "accepted_answer_id",
            "is_pinned",
            "is_closed",
        )
    )


@dataclass
class CategoryRow:
    category: Category
    topics: int
    children: list["CategoryRow"]


def category_tree() -> list[CategoryRow]:
    """Top categories with their subcategories, each with its number of visible topics (a top
    category counts its subcategories' topics too)."""
    categories = list(
        Category.objects.annotate(
            topic_total=Count("topics", filter=Q(topics__is_hidden=False))
        ).select_related("parent")
    )
    rows = {c.pk: CategoryRow(c, c.topic_total, []) for c in categories}
    tops = []
    for category in categories:
        row = rows[category.pk]
        if category.parent_id is None:
            tops.append(row)
        else:
            parent = rows[category.parent_id]
            parent.children.append(row)
            parent.topics += row.topics
    return tops


def categories() -> list[Category]:
    return list(Category.objects.all())


def latest_topics(limit: int = LATEST) -> list[Topic]:
    return list(_listed(Topic.objects.order_by("-last_activity_at", "-id"))[:limit])


def unanswered_topics(limit: int = LATEST) -> list[Topic]:
    found = Topic.objects.filter(answer_count=0, is_closed=False).order_by("-created_at", "-id")
    return list(_listed(found)[:limit])


def tag_cloud(limit: int = TAG_CLOUD) -> list[Tag]:
    """The most used tags (on visible topics), in alphabetical order, each with ``uses``."""
    found = (
        Tag.objects.annotate(uses=Count("topics", filter=Q(topics__is_hidden=False)))
        .filter(uses__gt=0)
        .order_by("-uses", "name")[:limit]
    )
    return sorted(found, key=lambda tag: tag.name)


def _page(topics: QuerySet[Topic], number: Any) -> Page:
    return Paginator(topics, TOPICS_PER_PAGE).get_page(number)


def category_of(slug: str) -> Category:
    try:
        return Category.objects.select_related("parent").get(slug=slug)
    except Category.DoesNotExist as error:
        raise Http404(_("No such category.")) from error


def subcategories(category: Category) -> list[Category]:
    return list(category.children.all()) if category.parent_id is None else []


def category_topics(category: Category, *, page: Any) -> Page:
    """The category's topics and its subcategories' (pinned first, then latest activity)."""
    found = Topic.objects.filter(Q(category=category) | Q(category__parent=category))
    return _page(_listed(found), page)


def tag_of(name: str) -> Tag:
    try:
        return Tag.objects.get(name=name)
    except Tag.DoesNotExist as error:
        raise Http404(_("No such tag.")) from error


def tag_topics(tag: Tag, *, page: Any) -> Page:
    return _page(_listed(Topic.objects.filter(tags=tag)), page)


# ---------------------------------------------------------------------------------------------
# Moderation


def pending_flags() -> list[Flag]:
    """Flags waiting for a moderator, oldest first, with their posts and who flagged them."""
    return list(
        Flag.objects.filter(status=FlagStatus.PENDING)
        .select_related("post__topic", "post__author", "flagged_by")
        .order_by("created_at", "id")
    )


def flagged_posts() -> list[tuple[Post, list[Flag]]]:
    """Each post with pending flags, with its flags, the longest waiting first."""
    grouped: dict[int, tuple[Post, list[Flag]]] = {}
    for flag in pending_flags():
        grouped.setdefault(flag.post_id, (flag.post, []))[1].append(flag)
    return list(grouped.values())


@dataclass
class PersonHistory:
    person: User
    profile: ForumProfile | None
    suspensions: list[Suspension]
    flags_on_posts: list[Flag]
    entries: list[AuditEntry]
    topics: int
    posts: int
    active_until: datetime.datetime | None = None


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


def person_history(person: User, *, now: datetime.datetime) -> PersonHistory:
    """What the moderators know about a person: level, suspensions, flags on their posts and
    the moderation actions recorded about them."""
    suspensions = list(
        Suspension.objects.filter(person=person).select_related("suspended_by", "lifted_by")
    )
    active = [s for s in suspensions if s.lifted_at is None and s.until > now]
    flags = list(
        Flag.objects.filter(post__author=person)
        .select_related("post__topic", "flagged_by", "handled_by")
        .order_by("-created_at")[:HISTORY]
    )
    profile = ForumProfile.objects.filter(person=person).first()
    return PersonHistory(
        person=person,
        profile=profile,
        suspensions=suspensions,
        flags_on_posts=flags,
        entries=_moderation_entries(person, profile),
        topics=Topic.objects.filter(author=person).count(),
        posts=Post.objects.filter(author=person, number__gt=1).count(),
        active_until=max((s.until for s in active), default=None),
    )


def person_of(public_id: Any) -> User:
    try:
        return User.objects.get(public_id=public_id)
    except (User.DoesNotExist, ValueError) as error:
        raise Http404(_("No such person.")) from error


# ---------------------------------------------------------------------------------------------
# Search


SEARCH_PER_PAGE = 20


def search(text: str, *, page: Any) -> Page:
    """Visible posts whose words (in either script) hold every word of ``text``, newest
    first, each with its topic. PostgreSQL matches the full-text index of the search key;
    SQLite matches the key itself."""
    words = _WORDS.sub(" ", search_key(text)).split()[:10]
    found = Post.objects.filter(
        deleted_at__isnull=True, hidden_at__isnull=True, topic__is_hidden=False
    )
    if connection.vendor == "postgresql":
        query = " & ".join(f"{word}:*" for word in words if word.isalnum()) or "''"
        found = found.extra(where=["search_vector @@ to_tsquery('simple', %s)"], params=[query])
    else:
        for word in words:
            found = found.filter(search_text__contains=word)
    found = (
        found.select_related("topic", "topic__category", "author")
        .defer("body", "search_text", "topic__category__description")
        .order_by("-created_at", "-id")
    )
    return Paginator(found, SEARCH_PER_PAGE).get_page(page)
