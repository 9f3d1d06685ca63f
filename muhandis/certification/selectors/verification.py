"""Looking a certificate up by its number: one place for the page and the API."""

import threading
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.db.models.query import get_related_populators
from django.utils.translation import gettext as _

from . import numbers, verification_counts
from .models import Certificate, CertificateStatusChange


@dataclass(frozen=True)
class Lookup:
    number: str
    certificate: Certificate | None = None
    problem_code: str = ""
    problem: str = ""


def look_up(text: str, *, with_history: bool = False) -> Lookup:
    """The certificate a typed or scanned number names, or why there is none."""
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
    certificate = _fetch(number, with_history=with_history)
    if certificate is None:
        return Lookup(
            number, problem_code="not_found", problem=_("No certificate has this number.")
        )
    if with_history:
        _attach_history(certificate)
    return Lookup(number, certificate)


# A public verification runs one query. Compiling it is most of the ORM's cost, so the SQL
# is compiled once per connection (and thread) with a stand-in for the number, and the rows
# are turned into objects the way the ORM would.
_SENTINEL = "\x00number\x00"
_prepared = threading.local()


def _queryset(with_history: bool):
    found = Certificate.objects.select_related("scheme")
    if with_history:
        changes = CertificateStatusChange.objects.filter(certificate=OuterRef("pk"))
        found = found.annotate(has_history=Exists(changes))
    # Unordered, so that no ORDER BY is compiled or run for a unique number.
    return found.filter(number=_SENTINEL).order_by()[:1]


def _prepare(with_history: bool):
    queryset = _queryset(with_history)
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    select, klass_info = compiler.select, compiler.klass_info
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    fetch_mode = queryset._fetch_mode
    return {
        "sql": sql,
        "params": params,
        "compiler": compiler,
        "converters": compiler.get_converters([column[0] for column in select]),
        "slice": (start, end),
        "init_list": [column[0].target.attname for column in select[start:end]],
        "related": get_related_populators(klass_info, select, queryset.db, fetch_mode),
        "annotations": dict(compiler.annotation_col_map),
        "db": queryset.db,
    }


def _fetch(number: str, *, with_history: bool) -> Certificate | None:
    """The certificate with this number and its scheme (and whether it has a history), in one
    query, like ``_queryset(...).first()`` without compiling the SQL each time."""
    connection = connections[Certificate.objects.db]
    cache = _prepared.__dict__.setdefault("entries", {})
    key = (id(connection), with_history)
    entry = cache.get(key)
    if entry is None:
        entry = cache[key] = _prepare(with_history)
    params = tuple(number if value == _SENTINEL else value for value in entry["params"])
    with connection.cursor() as cursor:
        cursor.execute(entry["sql"], params)
        row = cursor.fetchone()
    if row is None:
        return None
    if entry["converters"]:
        row = next(iter(entry["compiler"].apply_converters([row], entry["converters"])))
    start, end = entry["slice"]
    certificate = Certificate.from_db(entry["db"], entry["init_list"], row[start:end])
    for populator in entry["related"]:
        populator.populate(row, certificate)
    for name, position in entry["annotations"].items():
        setattr(certificate, name, row[position])
    return certificate


def _attach_history(certificate: Certificate) -> None:
    """Fetch the status changes only for a certificate that has some. Most have none: they
    are marked as fetched and empty, the way ``prefetch_related`` marks them, so that showing
    the history costs no query and no SQL compilation."""
    if certificate.has_history:
        prefetch_related_objects([certificate], "status_changes")
        return
    empty = CertificateStatusChange.objects.none()
    empty._result_cache = []
    empty._prefetch_done = True
    certificate._prefetched_objects_cache = {"status_changes": empty}


def verify(text: str, *, with_history: bool = False) -> Lookup:
    """A public verification (the page, the API): the look-up, counted when it finds a
    certificate. Still one query: the count is kept in memory and written later."""
    found = look_up(text, with_history=with_history)
    if found.certificate is not None:
        verification_counts.record(found.certificate)
    return found
