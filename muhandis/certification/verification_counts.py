"""How often each certificate is verified, counted without slowing verification down.

A verification is one database query (the look-up). Counting it in the database on every
request would double that, so each process counts in memory and writes the counts in batches:

- ``record`` adds one to the certificate's count for today, under a lock (gunicorn threads,
  the development server's threads);
- a daemon thread started on the first count writes them every
  ``settings.VERIFICATION_COUNT_FLUSH_SECONDS`` (30 by default), on its own connection, so the
  request's query stays the only one;
- ``flush`` writes them at once: it runs at interpreter exit (a worker stopped by gunicorn),
  from ``manage.py flush_verification_counts`` and in tests.

The trade-off: counts made in the last seconds before a process dies without running its exit
handlers (killed, out of memory, power cut) are lost, at most one flush interval's worth per
process. These are statistics for the holder, not records anyone relies on, so that is
accepted in exchange for keeping the public look-up as cheap as possible.

Counts are written against the database they were made against: if the default database
changes name in between (a test run swaps in its test database and swaps it back), the pending
counts are dropped instead of landing in another database.
"""

from __future__ import annotations

import atexit
import datetime
import logging
import os
import threading
import time
from collections import Counter
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import F, Max, Q, Sum
from django.utils import timezone

from .models import Certificate, VerificationCount


class Counted(Protocol):
    """A certificate, or what a verification read of it: only its primary key is counted."""

    @property
    def pk(self) -> int: ...


logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending: Counter[tuple[int, datetime.date]] = Counter()
_database = ""
_flusher_pid = 0


def record(certificate: Counted) -> None:
    """Count one successful verification of ``certificate`` (no database query)."""
    global _database
    day = timezone.localdate()
    with _lock:
        database = str(connection.settings_dict.get("NAME", ""))
        if _pending and database != _database:
            _pending.clear()
        _database = database
        _pending[(certificate.pk, day)] += 1
    _start_flusher()


def pending() -> dict[tuple[int, datetime.date], int]:
    """The counts of this process not yet written."""
    with _lock:
        return dict(_pending)


def discard() -> int:
    """Forget this process's pending counts (for example after restoring the database);
    return how many verifications were dropped."""
    with _lock:
        dropped = sum(_pending.values())
        _pending.clear()
    return dropped


def _take() -> dict[tuple[int, datetime.date], int]:
    with _lock:
        if _database != str(connection.settings_dict.get("NAME", "")):
            _pending.clear()
        taken = dict(_pending)
        _pending.clear()
    return taken


def _give_back(counts: dict[tuple[int, datetime.date], int]) -> None:
    with _lock:
        _pending.update(counts)


def flush() -> int:
    """Write this process's pending counts; return how many verifications were written.

    Counts of certificates that do not exist (any more) in this database are dropped. If the
    write fails the counts are kept for the next flush and the error is raised."""
    counts = _take()
    if not counts:
        return 0
    try:
        existing = set(
            Certificate.objects.filter(pk__in={pk for pk, _day in counts}).values_list(
                "pk", flat=True
            )
        )
        counts = {key: n for key, n in counts.items() if key[0] in existing}
        with transaction.atomic():
            for (pk, day), n in counts.items():
                _add(pk, day, n)
    except Exception:
        _give_back(counts)
        raise
    return sum(counts.values())


def _add(certificate_id: int, day: datetime.date, n: int) -> None:
    """Add ``n`` to a day's count, creating the row if needed (another process may create it
    at the same moment: then add to that one)."""
    rows = VerificationCount.objects.filter(certificate_id=certificate_id, day=day)
    if rows.update(count=F("count") + n):
        return
    try:
        with transaction.atomic():
            VerificationCount.objects.create(certificate_id=certificate_id, day=day, count=n)
    except IntegrityError:
        rows.update(count=F("count") + n)


def verification_summary(certificate: Certificate) -> dict:
    """How often the certificate was verified: ``total``, ``last_30_days`` and ``last_day``
    (a date or None), including this process's counts not yet written."""
    since = timezone.localdate() - datetime.timedelta(days=29)
    written = VerificationCount.objects.filter(certificate=certificate).aggregate(
        total=Sum("count"), recent=Sum("count", filter=Q(day__gte=since)), last=Max("day")
    )
    total, recent, last = written["total"] or 0, written["recent"] or 0, written["last"]
    for (pk, day), n in pending().items():
        if pk == certificate.pk:
            total += n
            recent += n if day >= since else 0
            last = day if last is None or day > last else last
    return {"total": total, "last_30_days": recent, "last_day": last}


def _start_flusher() -> None:
    """Start this process's flushing thread once (again in a forked child)."""
    global _flusher_pid
    if _flusher_pid == os.getpid():
        return
    with _lock:
        if _flusher_pid == os.getpid():
            return
        _flusher_pid = os.getpid()
    thread = threading.Thread(target=_flush_periodically, name="verification-counts", daemon=True)
    thread.start()


def _flush_periodically() -> None:
    while True:
        time.sleep(max(1, settings.VERIFICATION_COUNT_FLUSH_SECONDS))
        _flush_and_log()


def _flush_and_log() -> None:
    """A flush outside any request: a failure is logged (the counts wait for the next try),
    since there is nobody to show it to."""
    try:
        flush()
    except Exception:
        logger.exception("Verification counts could not be written; retrying later.")
    finally:
        connections.close_all()


atexit.register(_flush_and_log)
