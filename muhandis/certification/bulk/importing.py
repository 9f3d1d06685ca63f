"""Importing the pilot's certificates in bulk.

The import reads a spreadsheet (XLSX, or CSV in UTF-8 with commas or semicolons) with one
header row naming the columns in ``COLUMNS``. Every row is checked before anything is written,
and every problem is reported with its row and column; the import itself is all or nothing.
People not yet known are created without a usable password: they claim their account by
resetting the password with the email address of the file. Each certificate gets a fresh
number and ``source=import``; the pilot's own reference is kept in its audit record.
"""

import datetime
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import Region, RoleAssignment, User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core import audit
from muhandis.core.dates import add_years
from muhandis.core.import_problems import (
    ImportRefused,
    Problem,
    header_positions,
    read_rows,
)

from .. import numbers
from ..models import Certificate, CertificateCounter, CertificateLanguage, Scheme
from ..signals import certificate_issued

# (column, required, what it holds) — the header row of the file names these columns.
COLUMNS = [
    ("email", True, gettext_lazy("The holder's email address; their account is found by it.")),
    ("name_latin", True, gettext_lazy("The holder's name in Latin script.")),
    ("name_cyrillic", False, gettext_lazy("The holder's name in Cyrillic script.")),
    ("region", False, gettext_lazy("ISO 3166-2 code of the holder's region, e.g. UZ-TK.")),
    ("scheme", True, gettext_lazy("Scheme code, e.g. CE-WSS-II.")),
    ("scheme_version", False, gettext_lazy("Scheme version; empty: the version open now.")),
    ("effective_date", True, gettext_lazy("Valid from: YYYY-MM-DD or DD.MM.YYYY.")),
    ("expiry_date", False, gettext_lazy("Valid until; empty: from the scheme's validity.")),
    ("limitation", False, gettext_lazy("Limitation of scope, if any.")),
    ("previous_number", False, gettext_lazy("The pilot's number or reference.")),
    ("language", False, gettext_lazy("Language of the certificate: uz, ru, en or uz-ru.")),
]
COLUMN_NAMES = [name for name, _required, _help in COLUMNS]
REQUIRED = [name for name, required, _help in COLUMNS if required]
MAX_ROWS = 20_000
MAX_LENGTHS = {"name_latin": 200, "name_cyrillic": 200, "previous_number": 100}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
# Holders of these statuses still hold the certificate; a second one is refused.
CURRENT_STATUSES = (Certificate.Status.VALID, Certificate.Status.SUSPENDED)
_BATCH = 500


@dataclass
class PlannedCertificate:
    row: int
    email: str
    name_latin: str
    name_cyrillic: str
    region: Region | None
    scheme: Scheme
    effective_date: datetime.date
    expiry_date: datetime.date
    limitation: str
    previous_number: str
    language: str
    person: User | None  # None: an account is made for this email

    @property
    def new_person(self) -> bool:
        return self.person is None


@dataclass
class ImportPlan:
    """What a file would create, or why it cannot be imported. Nothing is written for it."""

    filename: str
    sha256: str
    rows: int = 0
    certificates: list[PlannedCertificate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def new_people(self) -> int:
        return len({c.email for c in self.certificates if c.new_person})

    @property
    def existing_people(self) -> int:
        return len({c.email for c in self.certificates if not c.new_person})


@dataclass
class ImportResult:
    plan: ImportPlan
    certificates: list[Certificate]
    people_created: int


def _require_registrar(actor: User) -> None:
    if Role.REGISTRAR not in usable_roles(actor):
        raise PermissionDenied(_("Only a registrar imports certificates."))


# Reading the file ---------------------------------------------------------------------------


def _header(rows: list[list[str]]) -> dict[str, int]:
    return header_positions(
        rows,
        required=REQUIRED,
        columns=COLUMN_NAMES,
        empty=_("The file is empty: it needs a header row and one row per certificate."),
    )


# Checking the rows --------------------------------------------------------------------------


@dataclass
class _Context:
    today: datetime.date
    regions: dict[str, Region]
    schemes: dict[tuple[str, int | None], Scheme]
    codes: set[str]
    people: dict[str, User]
    current: dict[tuple[str, str], Certificate]
    imported: dict[tuple[str, str, datetime.date], Certificate]
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    references: dict[str, int] = field(default_factory=dict)


def _chunks(items: list, size: int = _BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _context(emails: list[str]) -> _Context:
    today = timezone.localdate()
    schemes: dict[tuple[str, int | None], Scheme] = {}
    for scheme in Scheme.objects.exclude(status=Scheme.Status.DRAFT):
        schemes[(scheme.code.upper(), scheme.version)] = scheme
        if scheme.status == Scheme.Status.ACTIVE:
            schemes[(scheme.code.upper(), None)] = scheme
    people, current, imported = {}, {}, {}
    for chunk in _chunks(sorted(set(emails))):
        people.update({u.email: u for u in User.objects.filter(email__in=chunk)})
        held = Certificate.objects.filter(holder__email__in=chunk).select_related(
            "holder", "scheme"
        )
        for c in held:
            key = (c.holder.email, c.scheme.code.upper())
            if c.status in CURRENT_STATUSES and c.expiry_date >= today:
                current[key] = c
            imported[(*key, c.effective_date)] = c
    return _Context(
        today=today,
        regions={r.code.upper(): r for r in Region.objects.all()},
        schemes=schemes,
        codes={code for code, _version in schemes},
        people=people,
        current=current,
        imported=imported,
    )


def _date(value: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


class _Row:
    """One data row being checked; problems go to the shared list."""

    def __init__(self, number: int, cells: dict[str, str], problems: list[Problem]) -> None:
        self.number, self.cells, self.problems = number, cells, problems
        self.ok = True

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))
        self.ok = False

    def text(self, column: str) -> str:
        value = self.cells.get(column, "")
        if column in REQUIRED and not value:
            self.fail(column, _("this column must not be empty."))
        elif len(value) > MAX_LENGTHS.get(column, 10_000):
            self.fail(column, _("longer than %d characters.") % MAX_LENGTHS[column])
        return value

    def date(self, column: str) -> datetime.date | None:
        value = self.text(column)
        if not value:
            return None
        parsed = _date(value)
        if parsed is None:
            self.fail(column, _("“%s” is not a date: write YYYY-MM-DD or DD.MM.YYYY.") % value)
        return parsed


def _email(row: _Row) -> str:
    email = row.text("email").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.fail("email", _("“%s” is not an email address.") % email)
    return email


def _scheme(row: _Row, ctx: _Context) -> Scheme | None:
    code = row.text("scheme").upper()
    version_text = row.cells.get("scheme_version", "")
    if not code:
        return None
    if code not in ctx.codes:
        row.fail("scheme", _("there is no scheme with the code “%s”.") % code)
        return None
    if not version_text:
        scheme = ctx.schemes.get((code, None))
        if scheme is None:
            row.fail("scheme_version", _("no version of %s is open now: give the version.") % code)
        return scheme
    if not version_text.isdigit():
        row.fail("scheme_version", _("“%s” is not a version number.") % version_text)
        return None
    scheme = ctx.schemes.get((code, int(version_text)))
    if scheme is None:
        row.fail(
            "scheme_version",
            _("%(code)s has no version %(version)s that was ever open.")
            % {"code": code, "version": version_text},
        )
    return scheme


def _region(row: _Row, ctx: _Context) -> Region | None:
    code = row.cells.get("region", "").upper()
    if code and code not in ctx.regions:
        row.fail("region", _("“%s” is not a known region code (such as UZ-TK).") % code)
    return ctx.regions.get(code)


def _language(row: _Row, person: User | None) -> str:
    value = row.cells.get("language", "").lower()
    if value:
        if value not in CertificateLanguage.values:
            row.fail("language", _("write one of: %s.") % ", ".join(CertificateLanguage.values))
        return value
    preferred = person.preferred_language if person else ""
    return preferred if preferred in CertificateLanguage.values else CertificateLanguage.UZ


def _dates(
    row: _Row, scheme: Scheme | None, ctx: _Context
) -> tuple[datetime.date | None, datetime.date | None]:
    effective, expiry = row.date("effective_date"), row.date("expiry_date")
    if effective and effective > ctx.today:
        row.fail("effective_date", _("the date is in the future."))
    if effective and expiry and expiry <= effective:
        row.fail("expiry_date", _("the certificate would expire before it takes effect."))
    if effective and expiry is None and scheme is not None:
        expiry = add_years(effective, scheme.validity_years)
    return effective, expiry


def _duplicates(
    row: _Row, ctx: _Context, email: str, scheme: Scheme, effective: datetime.date
) -> None:
    key = (email, scheme.code.upper())
    if key in ctx.seen:
        row.fail("", _("repeats row %d (same person and scheme).") % ctx.seen[key])
    ctx.seen.setdefault(key, row.number)
    reference = row.cells.get("previous_number", "")
    if reference and reference in ctx.references:
        row.fail("previous_number", _("also used in row %d.") % ctx.references[reference])
    if reference:
        ctx.references.setdefault(reference, row.number)
    held = ctx.current.get(key) or ctx.imported.get((*key, effective))
    if held is not None:
        row.fail(
            "",
            _("%(email)s already holds certificate %(number)s of this scheme.")
            % {"email": email, "number": held.number},
        )


def _check_row(
    number: int, cells: dict[str, str], ctx: _Context, problems: list[Problem]
) -> PlannedCertificate | None:
    row = _Row(number, cells, problems)
    email = _email(row)
    name_latin, name_cyrillic = row.text("name_latin"), row.text("name_cyrillic")
    scheme, region = _scheme(row, ctx), _region(row, ctx)
    effective, expiry = _dates(row, scheme, ctx)
    row.text("previous_number")
    person = ctx.people.get(email)
    language = _language(row, person)
    if email and scheme is not None and effective is not None:
        _duplicates(row, ctx, email, scheme, effective)
    if not row.ok:
        return None
    return PlannedCertificate(
        row=number,
        email=email,
        name_latin=name_latin,
        name_cyrillic=name_cyrillic,
        region=region,
        scheme=scheme,
        effective_date=effective,
        expiry_date=expiry,
        limitation=cells.get("limitation", ""),
        previous_number=cells.get("previous_number", ""),
        language=language,
        person=person,
    )


def plan_import(*, content: bytes, filename: str, actor: User) -> ImportPlan:
    """The dry run: what the file would create and every problem in it. Writes nothing."""
    _require_registrar(actor)
    plan = ImportPlan(filename=filename, sha256=hashlib.sha256(content).hexdigest())
    try:
        rows = read_rows(content, filename)
        position = _header(rows)
    except ImportRefused as refused:
        plan.problems = refused.problems
        return plan
    data = [
        (number, {name: (raw[i] if i < len(raw) else "") for name, i in position.items()})
        for number, raw in enumerate(rows[1:], start=2)
        if any(raw)
    ]
    if not data:
        plan.problems = [Problem(0, "", _("The file has a header row but no certificates."))]
        return plan
    if len(data) > MAX_ROWS:
        plan.problems = [Problem(0, "", _("The file has more than %d rows.") % MAX_ROWS)]
        return plan
    plan.rows = len(data)
    ctx = _context([cells.get("email", "").lower() for _number, cells in data])
    for number, cells in data:
        planned = _check_row(number, cells, ctx, plan.problems)
        if planned is not None:
            plan.certificates.append(planned)
    return plan


# Writing --------------------------------------------------------------------------------------


def _create_people(plan: ImportPlan, actor: User) -> dict[str, User]:
    newcomers: dict[str, User] = {}
    for item in plan.certificates:
        if item.new_person and item.email not in newcomers:
            newcomers[item.email] = User(
                email=item.email,
                name_latin=item.name_latin,
                name_cyrillic=item.name_cyrillic,
                region=item.region,
                preferred_language=item.language[:2],
                password=make_password(None),
            )
    people = User.objects.bulk_create(newcomers.values(), batch_size=_BATCH)
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=p, role=Role.ENGINEER, granted_by=actor) for p in people],
        batch_size=_BATCH,
    )
    return {p.email: p for p in people}


def _reserve_numbers(today: datetime.date, count: int) -> list[str]:
    """``count`` consecutive numbers of the year, from the same locked counter that
    ``services.decisions.next_certificate_number`` uses, taken in one step: asking for them
    one by one would cost two queries per certificate."""
    counter, _created = CertificateCounter.objects.select_for_update().get_or_create(
        year=today.year
    )
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [numbers.format_number(today.year, serial) for serial in range(first, counter.last + 1)]


def _certificate(
    item: PlannedCertificate, number: str, holder: User, now: datetime.datetime
) -> Certificate:
    return Certificate(
        number=number,
        holder=holder,
        scheme=item.scheme,
        source=Certificate.Source.IMPORT,
        language=item.language,
        holder_name_latin=item.name_latin,
        holder_name_cyrillic=item.name_cyrillic,
        search_name=Certificate.search_name_for(item.name_latin, item.name_cyrillic),
        limitation=item.limitation,
        effective_date=item.effective_date,
        expiry_date=item.expiry_date,
        status_changed_at=now,
    )


def import_certificates(
    *, content: bytes, filename: str, actor: User, request: HttpRequest | None = None
) -> ImportResult:
    """Import the whole file or nothing; raise ImportRefused listing every problem."""
    _require_registrar(actor)
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        plan = plan_import(content=content, filename=filename, actor=actor)
        if plan.problems:
            raise ImportRefused(plan.problems)
        created = _create_people(plan, actor)
        serials = _reserve_numbers(today, len(plan.certificates))
        certificates = [
            _certificate(item, number, item.person or created[item.email], now)
            for item, number in zip(plan.certificates, serials, strict=True)
        ]
        Certificate.objects.bulk_create(certificates, batch_size=_BATCH)
        for item, certificate in zip(plan.certificates, certificates, strict=True):
            _announce(item, certificate, actor, plan, request)
        audit.record(
            "certification.import.completed",
            actor=actor,
            after={
                "file": filename,
                "sha256": plan.sha256,
                "rows": plan.rows,
                "certificates": len(certificates),
                "people_created": len(created),
            },
            request=request,
        )
    return ImportResult(plan=plan, certificates=certificates, people_created=len(created))


def _announce(
    item: PlannedCertificate,
    certificate: Certificate,
    actor: User,
    plan: ImportPlan,
    request: HttpRequest | None,
) -> None:
    # bulk=True: the PDF is drawn in the background after commit, not inside this loop.
    certificate_issued.send(sender=Certificate, certificate=certificate, bulk=True)
    audit.record(
        "certification.certificate.imported",
        actor=actor,
        target=certificate,
        after={
            "number": certificate.number,
            "scheme": item.scheme.code,
            "version": item.scheme.version,
            "valid_from": item.effective_date.isoformat(),
            "expires": item.expiry_date.isoformat(),
            "previous_number": item.previous_number,
            "account_created": item.new_person,
            "row": item.row,
        },
        reason=_("Imported from %(file)s (SHA-256 %(sha256)s).")
        % {"file": plan.filename, "sha256": plan.sha256},
        request=request,
    )


def template_workbook() -> bytes:
    """An empty import file: the header row, and a second sheet explaining each column."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "certificates"
    sheet.append(COLUMN_NAMES)
    notes = workbook.create_sheet("columns")
    notes.append([_("column"), _("required"), _("what it holds")])
    for name, required, help_text in COLUMNS:
        notes.append([name, _("yes") if required else _("no"), str(help_text)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
