"""Search of the forum's visible posts, in Latin or Cyrillic.

Posts store ``search_text``, one Latin key of their words (``markdown.search_text``), and the
query is reduced the same way, so "фундамент" finds "fundament". On PostgreSQL the key's
generated ``tsvector`` column (GIN index, migration 0002) answers with full-text matching,
each word also matching longer words that start with it (Uzbek adds suffixes: "fundament"
finds "fundamentni"); the newest 200 matches are ranked by ``ts_rank``. On SQLite an FTS5
index of the same key (migration 0003) finds the newest matches."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import FloatField, QuerySet
from django.db.models.expressions import RawSQL

from .. import markdown
from ..models import Category, Post

MAX_WORDS = 8
# The newest this many matches are ranked (PostgreSQL) or listed (SQLite).
CANDIDATES = 200
# What a result list shows: the post, its topic's address and title, the author's name.
RESULT_FIELDS = (
    "number",
    "body",
    "score",
    "created_at",
    "topic__public_id",
    "topic__title",
    "topic__accepted_answer_id",
    "author__given_name",
    "author__family_name",
    "author__name_latin",
    "author__email",
)
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


def _categories(category: Category | None) -> list[int]:
    if category is None:
        return []
    return [category.pk, *category.children.values_list("pk", flat=True)]


# The newest matching visible posts, written out: the inner query names its own table (an ORM
# subquery renames it, and the raw match would then refer to the outer query's row).
_CANDIDATES_SQL = (
    "SELECT id FROM forum_post WHERE hidden_at IS NULL AND deleted_at IS NULL "
    "AND search_vector @@ to_tsquery('simple', %s){category} ORDER BY id DESC LIMIT %s"
)
_IN_CATEGORIES = " AND topic_id IN (SELECT id FROM forum_topic WHERE category_id = ANY(%s))"


def _postgres(words: list[str], categories: list[int]) -> QuerySet[Post]:
    """Rank the newest ``CANDIDATES`` matches by ``ts_rank``. Ranking every match of a
    frequent word ("suv" in a water forum) would read tens of thousands of rows; the newest
    matches are found through the GIN index, or by walking the primary key backwards when
    most posts match, so the cost stays bounded whatever the query."""
    tsquery = " & ".join(f"{word}:*" for word in words)
    params: list[object] = [tsquery, *([categories] if categories else []), CANDIDATES]
    # Constant SQL (one of two fixed texts); the query's words are parameters.
    candidates = RawSQL(  # noqa: S611
        _CANDIDATES_SQL.format(category=_IN_CATEGORIES if categories else ""), params
    )
    return (
        Post.objects.filter(pk__in=candidates, topic__is_hidden=False)
        .annotate(
            rank=RawSQL(
                "ts_rank(forum_post.search_vector, to_tsquery('simple', %s))",
                [tsquery],
                output_field=FloatField(),
            )
        )
        .order_by("-rank", "-id")
    )


_FTS_SQL = "SELECT rowid FROM forum_post_fts WHERE forum_post_fts MATCH %s ORDER BY rowid DESC"


def _sqlite(words: list[str], categories: list[int]) -> QuerySet[Post]:
    """The newest visible matches, through the FTS5 index of migration 0003 (each word also
    matching longer words that start with it, as on PostgreSQL)."""
    match = " ".join(f'"{word}"*' for word in words)
    found = Post.objects.filter(
        hidden_at__isnull=True, deleted_at__isnull=True, topic__is_hidden=False
    )
    if categories:
        candidates = RawSQL(_FTS_SQL, [match])  # noqa: S611  (constant SQL, words as parameters)
        found = found.filter(topic__category__in=categories)
    else:
        candidates = RawSQL(_FTS_SQL + " LIMIT %s", [match, CANDIDATES])  # noqa: S611
    return (
        found.filter(pk__in=candidates)
        .annotate(rank=RawSQL("0.0", [], output_field=FloatField()))
        .order_by("-id")
    )


def excerpt(body: str, *, length: int = 240) -> str:
    text = " ".join(_MARKS.sub(" ", body).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def search(*, query: str, category: Category | None = None, limit: int = 20) -> list[Hit]:
    """The best ``limit`` visible posts matching every word of ``query`` (one query), with
    their topics and authors."""
    words = words_of(query)
    if not words:
        return []
    match = _postgres if connection.vendor == "postgresql" else _sqlite
    found = (
        match(words, _categories(category)).select_related("topic", "author").only(*RESULT_FIELDS)
    )
    return [
        Hit(post=post, rank=float(post.rank), excerpt=excerpt(post.body))  # type: ignore[attr-defined]
        for post in found[:limit]
    ]
