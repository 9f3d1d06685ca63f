"""Audit entries as people read them: a sentence, the changed fields, and the stored record."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .audit import ACTION_LABELS, ACTION_SENTENCES, FIELD_LABELS, VALUE_LABELS
from .models import AuditEntry

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ReadableEntry:
    entry: AuditEntry
    sentence: str
    changes: list[Change]
    raw_before: str
    raw_after: str


def actor_name(entry: AuditEntry) -> str:
    return str(entry.actor) if entry.actor_id else _("The system")


def sentence(entry: AuditEntry) -> str:
    """What happened, in the active language: "Dilnoza Karimova started the exam “…”"."""
    template = ACTION_SENTENCES.get(entry.action)
    names = {"actor": actor_name(entry), "target": entry.target_label or EMPTY}
    if template is not None:
        return str(template) % names
    label = ACTION_LABELS.get(entry.action)
    return f"{names['actor']}: {label if label is not None else entry.action}"


def field_label(field: str) -> str:
    label = FIELD_LABELS.get(field)
    return capfirst(str(label) if label is not None else field.replace("_", " "))


def readable_value(field: str, value: Any, target_type: str = "") -> str:
    """A recorded value as a person reads it: dates, yes/no, lists and codes by their names.

    Codes are looked up for the object's type first (``certification.certificate/status``),
    then for the field alone (``outcome``).
    """
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | str) and (code := _code_label(field, value, target_type)):
        return code
    if isinstance(value, int | float | Decimal):
        return number_format(round(value, 2) if isinstance(value, float) else value)
    if isinstance(value, list):
        return ", ".join(readable_value(field, v, target_type) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(k)}: {readable_value(k, v, target_type)}" for k, v in value.items()
        )
    return _readable_text(field, str(value), target_type)


def _code_label(field: str, value: int | str, target_type: str) -> str:
    for codes in (VALUE_LABELS.get(f"{target_type}/{field}", {}), VALUE_LABELS.get(field, {})):
        if value in codes:
            return str(codes[value])
    return ""


def _readable_text(field: str, text: str, target_type: str) -> str:
    if _ISO_DATE.match(text) and (day := _parse(parse_date, text)):
        return date_format(day, "DATE_FORMAT")
    if _ISO_DATETIME.match(text) and (moment := _parse(parse_datetime, text)):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "DATETIME_FORMAT")
    if _DECIMAL.match(text):
        return number_format(Decimal(text))
    return text


def _parse[T](parser: Callable[[str], T | None], text: str) -> T | None:
    try:
        return parser(text)
    except ValueError:
        return None


def changes(entry: AuditEntry) -> list[Change]:
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    fields = list(before) + [k for k in after if k not in before]
    return [
        Change(
            label=field_label(field),
            before=readable_value(field, before.get(field), entry.target_type),
            after=readable_value(field, after.get(field), entry.target_type),
        )
        for field in fields
    ]


def _raw(value: Any) -> str:
    return "" if value is None else json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def readable(entry: AuditEntry) -> ReadableEntry:
    return ReadableEntry(
        entry=entry,
        sentence=sentence(entry),
        changes=changes(entry),
        raw_before=_raw(entry.before),
        raw_after=_raw(entry.after),
    )
