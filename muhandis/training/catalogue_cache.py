"""A short-lived cache of the public catalogue's list, per worker.

The list (filters and a page of courses with their next sessions) is the same for every
visitor asking the same question in the same language, and is read far more often than it
changes: it is kept for ``SECONDS`` at most. A change to a course, price, venue or session
made through the services bumps the version at once (in the worker that made it; the others
see it within ``SECONDS``). The course page, the API and enrolment always read the database, so
a seat count on the list is at most that old and nothing is decided on it.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction

SECONDS = 60
_VERSION_KEY = "training:catalogue:version"


def version() -> int:
    current = cache.get(_VERSION_KEY)
    if current is None:
        cache.add(_VERSION_KEY, 1, None)
        current = cache.get(_VERSION_KEY, 1)
    return int(current)


def bump() -> None:
    """Forget every cached list once the current transaction commits."""

    def _bump() -> None:
        try:
            cache.incr(_VERSION_KEY)
        except ValueError:
            cache.set(_VERSION_KEY, 2, None)

    transaction.on_commit(_bump)


def key(language: str, query: list[tuple[str, str]]) -> str:
    """The cache key of the list for this language and these GET parameters."""
    text = "&".join(f"{name}={value}" for name, value in sorted(query))
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"training:catalogue:{version()}:{language}:{digest}"
