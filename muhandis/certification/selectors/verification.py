"""Looking a certificate up by its number: one place for the verification page, the API, the
verification form and the pages of other apps (a complaint about a certified engineer).

A public verification (``verify``) runs one query and is the hottest path of the site, so its
SQL is written once from the models' column names and its row is read into a small frozen
``VerifiedCertificate``: no ORM internals, so a Django upgrade cannot break it. ``look_up``
answers with the certificate itself, for pages that go on to write about it."""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .. import numbers, verification_counts
from ..models import Certificate, CertificateStatusChange, PublicStatus, Scheme


@dataclass(frozen=True)
class Successor:
    """The certificate that replaced a verified one: only its number is shown."""

    number: str


@dataclass(frozen=True)
class VerifiedCertificate:
    """What a public verification shows of a certificate (the facts the register always
    shows, the scheme's scope, the limitation and the dates), read in one query."""

    pk: int
    public_id: uuid.UUID
    number: str
    holder_name_latin: str
    holder_name_cyrillic: str
    scheme: Scheme  # built from its columns, unsaved: its texts follow the reader's language
    limitation: str
    status: str
    status_changed_at: datetime.datetime | None
    effective_date: datetime.date
    expiry_date: datetime.date
    replaced_by: Successor | None
    has_history: bool
    status_history: tuple[CertificateStatusChange, ...] = ()

    def public_status(self, today: datetime.date) -> PublicStatus:
        """The same rule as ``Certificate.public_status``."""
        return PublicStatus.of(self.status, self.expiry_date, today)


@dataclass(frozen=True)
class Lookup[T]:
    """A typed or scanned number, and the certificate it names or why there is none."""

    number: str
    certificate: T | None = None
    problem_code: str = ""
    problem: str = ""


def _problem(text: str) -> Lookup[Any] | str:
    """The number ``text`` names, or a ``Lookup`` saying why it is not a number."""
    parsed = numbers.parse(text)
    if parsed is None:
        return Lookup(
            numbers.normalise(text),
            problem_code="not_a_number",
            problem=_("This is not a certificate number. Numbers look like MHD-2026-00042-7."),
        )
    number, check_ok = parsed
    if not check_ok:
        return Lookup(
            number,
            problem_code="check_digit",
            problem=_(
                "This number has a typing error: its last digit does not match the others. "
                "Check each digit against the certificate."
            ),
        )
    return number


def _not_found(number: str) -> Lookup[Any]:
    return Lookup(number, problem_code="not_found", problem=_("No certificate has this number."))


def look_up(text: str) -> Lookup[Certificate]:
    """The certificate (with its scheme) a typed or scanned number names, or why there is
    none."""
    number = _problem(text)
    if isinstance(number, Lookup):
        return number
    certificate = Certificate.objects.select_related("scheme").filter(number=number).first()
    return _not_found(number) if certificate is None else Lookup(number, certificate)


def verify(text: str, *, with_history: bool = False) -> Lookup[VerifiedCertificate]:
    """A public verification (the page, the API): the look-up in one query (two when the page
    shows a certificate that has a history of its status), counted when it finds a
    certificate. The count is kept in memory and written later."""
    number = _problem(text)
    if isinstance(number, Lookup):
        return number
    certificate = _fetch(number)
    if certificate is None:
        return _not_found(number)
    if with_history and certificate.has_history:
        history = CertificateStatusChange.objects.filter(certificate_id=certificate.pk)
        certificate = _with_history(certificate, tuple(history))
    verification_counts.record(certificate)
    return Lookup(number, certificate)


def _with_history(
    certificate: VerifiedCertificate, history: tuple[CertificateStatusChange, ...]
) -> VerifiedCertificate:
    return replace(certificate, status_history=history)


# The query, written once per database vendor from the models' column names.

_CERTIFICATE_FIELDS = (
    "id",
    "public_id",
    "number",
    "holder_name_latin",
    "holder_name_cyrillic",
    "limitation",
    "status",
    "status_changed_at",
    "effective_date",
    "expiry_date",
)
_SCHEME_TEXTS = ("title", "scope")
_sql: dict[str, tuple[str, list[str]]] = {}


def _scheme_columns() -> list[str]:
    """The scheme's code, version and translated texts (one column per language)."""
    names = ["code", "version"]
    for field in Scheme._meta.concrete_fields:
        if field.name.startswith(tuple(f"{text}_" for text in _SCHEME_TEXTS)):
            names.append(field.name)
    return names


def _column(model: type[Model], name: str, quote: Callable[[str], str]) -> str:
    """The quoted column of a concrete field."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field) or not field.column:
        raise TypeError(f"{model.__name__}.{name} has no column")
    return quote(field.column)


def _query(connection: BaseDatabaseWrapper) -> tuple[str, list[str]]:
    """The SQL of a verification and the scheme fields it reads, in the order of its row."""
    found = _sql.get(connection.vendor)
    if found is not None:
        return found
    quote = connection.ops.quote_name
    scheme_fields = _scheme_columns()
    columns = [f"c.{_column(Certificate, n, quote)}" for n in _CERTIFICATE_FIELDS]
    columns += [f"s.{_column(Scheme, n, quote)}" for n in scheme_fields]
    pk = _column(Certificate, "id", quote)
    number = _column(Certificate, "number", quote)
    certificates = quote(Certificate._meta.db_table)
    changes = quote(CertificateStatusChange._meta.db_table)
    columns += [
        f"r.{number}",
        f"EXISTS (SELECT 1 FROM {changes} h "  # noqa: S608 (names, no input)
        f"WHERE h.{_column(CertificateStatusChange, 'certificate', quote)} = c.{pk})",
    ]
    sql = (
        f"SELECT {', '.join(columns)} FROM {certificates} c "  # noqa: S608
        f"JOIN {quote(Scheme._meta.db_table)} s "
        f"ON s.{_column(Scheme, 'id', quote)} = c.{_column(Certificate, 'scheme', quote)} "
        f"LEFT JOIN {certificates} r ON r.{_column(Certificate, 'replaces', quote)} = c.{pk} "
        f"WHERE c.{number} = %s"
    )
    _sql[connection.vendor] = (sql, scheme_fields)
    return sql, scheme_fields


def _fetch(number: str) -> VerifiedCertificate | None:
    connection = connections[Certificate.objects.db]
    sql, scheme_fields = _query(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [number])
        row = cursor.fetchone()
    if row is None:
        return None
    width = len(_CERTIFICATE_FIELDS)
    facts = dict(zip(_CERTIFICATE_FIELDS, row[:width], strict=True))
    scheme_row = row[width : width + len(scheme_fields)]
    successor, has_history = row[width + len(scheme_fields) :]
    return VerifiedCertificate(
        pk=facts["id"],
        public_id=uuid.UUID(str(facts["public_id"])),
        number=facts["number"],
        holder_name_latin=facts["holder_name_latin"],
        holder_name_cyrillic=facts["holder_name_cyrillic"],
        scheme=Scheme(**dict(zip(scheme_fields, scheme_row, strict=True))),
        limitation=facts["limitation"],
        status=facts["status"],
        status_changed_at=_moment(facts["status_changed_at"]),
        effective_date=_day(facts["effective_date"]),
        expiry_date=_day(facts["expiry_date"]),
        replaced_by=Successor(successor) if successor else None,
        has_history=bool(has_history),
    )


def _day(value: datetime.date | str) -> datetime.date:
    """A date column (SQLite answers with its ISO text)."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _moment(value: datetime.datetime | str | None) -> datetime.datetime | None:
    """A timestamp column, aware (SQLite answers with UTC text)."""
    if value is None:
        return None
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment
