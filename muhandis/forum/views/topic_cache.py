"""A topic's page as anonymous readers see it, kept a short while per worker.

A topic of 200 posts costs tens of milliseconds to read and render, and is read far more
often than it changes. Anonymous readers all see the same page (no buttons of their own), so
its title and content (breadcrumb, question, answers, comments) are kept for ``SECONDS``
under the topic's address, language and a version that the pages bump when they change the
topic; a kept page costs no query at all. A change made in another worker (an answer, a vote,
a moderator's decision) shows to anonymous readers within ``SECONDS``; signed-in readers and
every write always read the database.
"""

import re
from typing import Any

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

SECONDS = 60
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


def _version_key(public_id: Any) -> str:
    return f"forum:topic:{public_id}:version"


def _key(public_id: Any, language: str) -> str:
    version = cache.get(_version_key(public_id), 0)
    return f"forum:topic:{public_id}:{version}:{language}"


def get(public_id: Any, language: str) -> tuple[str, SafeString] | None:
    """The kept (title, content) of the topic's page, or None."""
    return cache.get(_key(public_id, language))


def keep(public_id: Any, language: str, title: str, html: str) -> SafeString:
    """Keep the page's title and ``html`` without its template indentation (a run of blank
    space between two tags shows as one space whatever it holds); the kept text is returned."""
    kept = mark_safe(_BETWEEN_TAGS.sub(">\n<", html))
    cache.set(_key(public_id, language), (title, kept), SECONDS)
    return kept


def forget(public_id: Any) -> None:
    """Forget the kept page of a topic (in this worker; the others within ``SECONDS``)."""
    try:
        cache.incr(_version_key(public_id))
    except ValueError:
        cache.set(_version_key(public_id), 1, None)
