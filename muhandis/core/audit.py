"""The audit trail: one function to record an event, one to verify the chain."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import AuditEntry

GENESIS_HASH = "0" * 64
# An arbitrary constant: the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_204_311


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else None


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def compute_hash(entry: AuditEntry) -> str:
    content = {
        "sequence": entry.sequence,
        "occurred_at": entry.occurred_at.isoformat(),
        "actor": entry.actor_id,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_label": entry.target_label,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
        "ip_address": entry.ip_address,
        "previous_hash": entry.previous_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite: transactions begin IMMEDIATE (see settings), which already serialises writers.


def hold_lock() -> None:
    """Take the trail's lock now, for the rest of the transaction, as ``record`` would.

    A write that also locks rows of its own (a numbering series) calls this first, so that
    every writer takes the two locks in the same order and none waits for the other."""
    _lock_chain()


def record(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one event to the audit trail and return it.

    ``action`` is a namespaced name such as ``accounts.role.granted``; ``actor`` is the
    person who acted (None for the system or an anonymous visitor).
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
        entry = AuditEntry(
            sequence=(last["sequence"] + 1) if last else 1,
            occurred_at=timezone.now(),
            actor=actor,
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            target_label=str(target)[:200] if target is not None else "",
            before=_jsonable(before),
            after=_jsonable(after),
            reason=reason,
            ip_address=client_ip(request),
            previous_hash=last["entry_hash"] if last else GENESIS_HASH,
        )
        # Hash what the database will give back (microsecond precision, JSON round trip).
        entry.entry_hash = compute_hash(entry)
        entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    message: str


def verify_chain(*, batch_size: int = 2000) -> tuple[int, ChainProblem | None]:
    """Walk the whole trail in order; return how many entries held and the first problem."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for entry in _entries_in_order(batch_size):
        if entry.sequence != expected_sequence:
            return checked, ChainProblem(
                expected_sequence,
                f"entry #{expected_sequence} is missing "
                f"(the next entry found is #{entry.sequence})",
            )
        if entry.previous_hash != expected_previous:
            return checked, ChainProblem(
                entry.sequence, f"entry #{entry.sequence} does not follow the entry before it"
            )
        if compute_hash(entry) != entry.entry_hash:
            return checked, ChainProblem(
                entry.sequence, f"entry #{entry.sequence} was altered after it was recorded"
            )
        expected_previous = entry.entry_hash
        expected_sequence += 1
        checked += 1
    return checked, None


def _entries_in_order(batch_size: int) -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("sequence").iterator(chunk_size=batch_size)


# What staff read instead of an action's code; each app adds its own in AppConfig.ready()
# from its ``audit_labels.py``: a short label (filters, lists) and a sentence (history pages).
ACTION_LABELS: dict[str, Any] = {}
ACTION_SENTENCES: dict[str, Any] = {}
# Labels of the keys of ``before``/``after`` and of the codes they hold (statuses, outcomes).
FIELD_LABELS: dict[str, Any] = {}
VALUE_LABELS: dict[str, dict[str, Any]] = {}


def describe_actions(labels: dict[str, Any], *, sentences: dict[str, Any] | None = None) -> None:
    """Register human-readable (lazily translated) labels and sentences for audit actions.

    A sentence names the actor and the object as ``%(actor)s`` and ``%(target)s``.
    """
    ACTION_LABELS.update(labels)
    ACTION_SENTENCES.update(sentences or {})


def describe_fields(
    labels: dict[str, Any], *, values: dict[str, dict[str, Any]] | None = None
) -> None:
    """Register labels for the fields audit entries record, and for the codes they hold.

    ``values`` is keyed by a field (``outcome``) or by an object type and a field
    (``certification.certificate/status``) where the same field holds different codes.
    """
    FIELD_LABELS.update(labels)
    for field, codes in (values or {}).items():
        VALUE_LABELS.setdefault(field, {}).update(codes)


def action_label(action: str) -> str:
    """The label of an action in the active language, or its code when none is registered."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
