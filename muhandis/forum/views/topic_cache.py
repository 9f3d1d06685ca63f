"""The posts of a topic as anonymous readers see them, kept a short while per worker.

A topic of 200 posts costs tens of milliseconds to render and is read far more often than it
changes. Anonymous readers all see the same posts (no buttons of their own), so the rendered
posts are kept for ``SECONDS`` under a key made of the topic's state (title, activity, answers,
accepted answer, hidden) and a version that the pages bump when they change the topic. A vote
cast in another worker shows to anonymous readers within ``SECONDS``; signed-in readers and
every write always read the database.
"""

import hashlib
import re

from django.core.cache import cache
from django.utils.safestring import mark_safe

from ..models import Topic

SECONDS = 30
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


def _version_key(topic: Topic) -> str:
    return f"forum:topic:{topic.pk}:version"


def key(topic: Topic, language: str) -> str:
    state = "|".join(
        str(value)
        for value in (
            topic.title,
            topic.updated_at.isoformat(),
            topic.last_activity_at.isoformat(),
            topic.answer_count,
            topic.accepted_answer_id,
            topic.is_hidden,
            topic.is_closed,
            topic.category_id,
        )
    )
    digest = hashlib.sha256(state.encode()).hexdigest()[:24]
    version = cache.get(_version_key(topic), 0)
    return f"forum:topic:{topic.pk}:{version}:{language}:{digest}"


def get(topic: Topic, language: str) -> str | None:
    return cache.get(key(topic, language))


def keep(topic: Topic, language: str, html: str) -> str:
    """Keep ``html`` without its template indentation (a run of blank space between two tags
    shows as one space whatever it holds); the kept text is returned."""
    kept = mark_safe(_BETWEEN_TAGS.sub(">\n<", html))
    cache.set(key(topic, language), kept, SECONDS)
    return kept


def forget(topic: Topic) -> None:
    """Forget the kept posts of ``topic`` (in this worker; the others within ``SECONDS``)."""
    try:
        cache.incr(_version_key(topic))
    except ValueError:
        cache.set(_version_key(topic), 1, None)
