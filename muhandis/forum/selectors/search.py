"""Search of the forum's visible posts, in Latin or Cyrillic.

Posts store ``search_text``, one Latin key of their words (``markdown.search_text``), and the
query is reduced the same way, so "фундамент" finds "fundament". On PostgreSQL the key's
generated ``tsvector`` column (GIN index, migration 0002) answers with full-text matching,
each word also matching longer words that start with it (Uzbek adds suffixes: "fundament"
finds "fundamentni"), ranked by ``ts_rank``. On SQLite each word is matched with LIKE."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from .. import markdown
from ..models import Category, Post

MAX_WORDS = 8
MIN_WORD = 2
_MARKS = re.compile(r"[`*_>#\[\]()!|~-]+")


@dataclass(frozen=True)
class Hit:
    post: Post
    rank: float
    excerpt: str


def words_of(query: str) -> list[str]:
    """The query's words as the search matches them (at most eight, each 2+ letters)."""
    found: list[str] = []
    for word in markdown.search_text(query).split():
        if len(word) >= MIN_WORD and word not in found:
            found.append(word)
    return found[:MAX_WORDS]


def _visible(category: Category | None) -> QuerySet[Post]:
    found = Post.objects.filter(
        hidden_at__isnull=True, deleted_at__isnull=True, topic__is_hidden=False
    )
    if category is not None:
        found = found.filter(topic__category__in=[category, *category.children.all()])
    return found


def _postgres(found: QuerySet[Post], words: list[str]) -> QuerySet[Post]:
    tsquery = " & ".join(f"{word}:*" for word in words)
    return (
        found.filter(
            RawSQL(
                "forum_post.search_vector @@ to_tsquery('simple', %s)",
                [tsquery],
                output_field=BooleanField(),
            )
        )
        .annotate(
            rank=RawSQL(
                "ts_rank(forum_post.search_vector, to_tsquery('simple', %s))",
                [tsquery],
                output_field=FloatField(),
            )
        )
        .order_by("-rank", "-id")
    )


def _like(found: QuerySet[Post], words: list[str]) -> QuerySet[Post]:
    for word in words:
        found = found.filter(search_text__contains=word)
    return found.annotate(rank=RawSQL("0.0", [], output_field=FloatField())).order_by("-id")


def excerpt(body: str, *, length: int = 240) -> str:
    text = " ".join(_MARKS.sub(" ", body).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def search(*, query: str, category: Category | None = None, limit: int = 20) -> list[Hit]:
    """The best ``limit`` visible posts matching every word of ``query`` (one query), with
    their topics and authors."""
    words = words_of(query)
    if not words:
        return []
    found = _visible(category).select_related("topic", "author")
    match = _postgres if connection.vendor == "postgresql" else _like
    found = match(found, words)
    return [
        Hit(post=post, rank=float(post.rank), excerpt=excerpt(post.body))  # type: ignore[attr-defined]
        for post in found[:limit]
    ]
