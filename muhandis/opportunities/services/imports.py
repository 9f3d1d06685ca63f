"""Importing public tenders from a spreadsheet, previewed then confirmed.

The file (XLSX, or CSV in UTF-8) has a header row naming the columns in ``COLUMNS``. Every row
is checked before anything is written, and every bad cell is named by its row and its column
(the column's name in the reader's language and its letter in the spreadsheet); the import is
all or nothing. A row whose ``reference`` was imported before is skipped, so importing the
same file again adds nothing."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import Region, User
from muhandis.competencies.models import Area, Framework
from muhandis.core import audit
from muhandis.core.import_problems import ImportRefused, Problem, header_positions, read_rows
from muhandis.core.transliteration import search_key
from muhandis.needs.models import Sector

from ..models import Kind, Opportunity, OpportunitySector, Source, ValueBand
from ..selectors import posting
from .opportunities import LANGUAGES, _key

COLUMNS = [
    (
        "reference",
        True,
        gettext_lazy("reference"),
        gettext_lazy("The tender's number in its list; a number imported before is skipped."),
    ),
    ("title", True, gettext_lazy("title"), gettext_lazy("What is bought or offered.")),
    (
        "language",
        False,
        gettext_lazy("language"),
        gettext_lazy("uz, ru or en: the language of the title and description; empty: uz."),
    ),
    ("description", False, gettext_lazy("description"), gettext_lazy("More about the work.")),
    (
        "kind",
        False,
        gettext_lazy("kind"),
        gettext_lazy("tender, subcontracting, job or partnership; empty: tender."),
    ),
    ("customer", False, gettext_lazy("customer"), gettext_lazy("The body that buys.")),
    (
        "sectors",
        True,
        gettext_lazy("sectors"),
        gettext_lazy(
            "One or more of construction, water, design, public, education, other, "
            "separated by commas."
        ),
    ),
    (
        "regions",
        False,
        gettext_lazy("regions"),
        gettext_lazy(
            "Region codes (UZ-TK) or names, separated by commas; empty: the whole country."
        ),
    ),
    (
        "areas",
        False,
        gettext_lazy("competence areas"),
        gettext_lazy(
            "Codes of competence areas of the published framework (e.g. TCH, ENV), "
            "separated by commas."
        ),
    ),
    (
        "value",
        False,
        gettext_lazy("value"),
        gettext_lazy(
            "The value in soʻm (a number), or a band: under_100m, 100m_1bn, 1bn_10bn, "
            "over_10bn; empty: not stated."
        ),
    ),
    (
        "deadline",
        True,
        gettext_lazy("deadline"),
        gettext_lazy("The last day to apply: YYYY-MM-DD or DD.MM.YYYY, today or later."),
    ),
    ("contact", False, gettext_lazy("contact"), gettext_lazy("Whom to contact and how.")),
    ("link", False, gettext_lazy("link"), gettext_lazy("The tender's page (https://…).")),
]
COLUMN_NAMES = [name for name, _required, _label, _help in COLUMNS]
REQUIRED = [name for name, required, _label, _help in COLUMNS if required]
LABELS = {name: label for name, _required, label, _help in COLUMNS}
MAX_ROWS = 2_000
MAX_LENGTHS = {
    "reference": 100,
    "title": 200,
    "description": 5000,
    "customer": 200,
    "contact": 500,
    "link": 500,
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
MILLION = Decimal(1_000_000)
STAFF_ONLY = gettext_lazy("Only a community moderator or the administrator imports tenders.")


@dataclass
class PlannedOpportunity:
    row: int
    reference: str
    kind: str
    language: str
    title: str
    description: str
    customer: str
    sectors: list[str]
    regions: list[Region]
    areas: list[Area]
    value_band: str
    deadline: datetime.date
    contact: str
    link: str

    def get_kind_display(self) -> str:
        return str(Kind(self.kind).label)

    def get_value_band_display(self) -> str:
        return str(ValueBand(self.value_band).label)


@dataclass
class ImportPlan:
    """What a file would add, or why it cannot be imported. Nothing is written for it."""

    filename: str
    sha256: str
    rows: int = 0
    opportunities: list[PlannedOpportunity] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows whose reference was imported before
    problems: list[Problem] = field(default_factory=list)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class _Context:
    today: datetime.date
    positions: dict[str, int]
    regions: dict[str, Region]
    areas: dict[str, list[Area]]
    imported: set[str]
    seen: dict[str, int] = field(default_factory=dict)


def _context(data: list[tuple[int, dict[str, str]]], positions: dict[str, int]) -> _Context:
    regions: dict[str, Region] = {}
    for region in Region.objects.all():
        regions[region.code.lower()] = region
        for code in LANGUAGES:
            name = getattr(region, f"name_{code}", "") or ""
            if name:
                regions[search_key(name)] = region
    areas: dict[str, list[Area]] = {}
    for area in Area.objects.filter(framework__status=Framework.Status.PUBLISHED):
        areas.setdefault(area.code.upper(), []).append(area)
    references = {cells.get("reference", "") for _n, cells in data}
    imported = set(
        Opportunity.objects.filter(
            source=Source.IMPORTED, source_reference__in=references
        ).values_list("source_reference", flat=True)
    )
    return _Context(
        today=timezone.localdate(),
        positions=positions,
        regions=regions,
        areas=areas,
        imported=imported,
    )


class _Row:
    def __init__(self, number: int, cells: dict[str, str], ctx: _Context, plan: ImportPlan) -> None:
        self.number, self.cells, self.ctx, self.plan = number, cells, ctx, plan
        self.ok = True

    def fail(self, column: str, message: str) -> None:
        where = _("%(name)s (column %(letter)s)") % {
            "name": LABELS[column],
            "letter": _letter(self.ctx.positions[column]),
        }
        self.plan.problems.append(Problem(self.number, where, message))
        self.ok = False

    def text(self, column: str) -> str:
        value = self.cells.get(column, "")
        if column in REQUIRED and not value:
            self.fail(column, _("this cell must not be empty."))
        elif len(value) > MAX_LENGTHS.get(column, 1000):
            self.fail(column, _("longer than %d characters.") % MAX_LENGTHS.get(column, 1000))
        return value

    def items(self, column: str) -> list[str]:
        return [item.strip() for item in re.split(r"[,;\n]", self.text(column)) if item.strip()]


def _choice(row: _Row, column: str, choices: type[models.TextChoices], default: str) -> str:
    value = row.text(column)
    if not value:
        return default
    for code, label in choices.choices:
        if code and value.lower() in (code, str(label).lower()):
            return str(code)
    row.fail(
        column,
        _("“%(value)s” is not one of: %(codes)s.")
        % {
            "value": value,
            "codes": ", ".join(code for code in choices.values if code),
        },
    )
    return default


def _sectors(row: _Row) -> list[str]:
    found = []
    labels = {str(label).lower(): code for code, label in Sector.choices}
    for item in row.items("sectors"):
        code = item.lower() if item.lower() in Sector.values else labels.get(item.lower())
        if code is None:
            row.fail(
                "sectors",
                _("“%(value)s” is not a sector; the sectors are: %(codes)s.")
                % {
                    "value": item,
                    "codes": ", ".join(Sector.values),
                },
            )
        elif code not in found:
            found.append(code)
    return found


def _regions(row: _Row) -> list[Region]:
    found: list[Region] = []
    for item in row.items("regions"):
        region = row.ctx.regions.get(item.lower()) or row.ctx.regions.get(search_key(item))
        if region is None:
            row.fail(
                "regions", _("“%s” is not a region: write its code (UZ-TK) or its name.") % item
            )
        elif region not in found:
            found.append(region)
    return found


def _areas(row: _Row) -> list[Area]:
    found: list[Area] = []
    for item in row.items("areas"):
        areas = row.ctx.areas.get(item.upper())
        if areas is None:
            row.fail("areas", _("“%s” is not the code of a competence area.") % item)
        else:
            found.extend(a for a in areas if a not in found)
    return found


def _value_band(row: _Row) -> str:
    value = row.text("value").replace(" ", "").replace("\u00a0", "")
    if not value or value.lower() in ValueBand.values:
        return value.lower()
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:
        row.fail("value", _("“%s” is neither a number of soʻm nor a value band.") % value)
        return ""
    if amount < 0:
        row.fail("value", _("the value cannot be negative."))
        return ""
    if amount < 100 * MILLION:
        return ValueBand.UNDER_100M
    if amount < 1000 * MILLION:
        return ValueBand.UP_TO_1BN
    if amount < 10_000 * MILLION:
        return ValueBand.UP_TO_10BN
    return ValueBand.OVER_10BN


def _deadline(row: _Row) -> datetime.date | None:
    value = row.text("deadline")
    if not value:
        return None
    for pattern in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        if day < row.ctx.today:
            row.fail("deadline", _("the deadline %s has passed.") % day.isoformat())
            return None
        return day
    row.fail("deadline", _("“%s” is not a date: write YYYY-MM-DD or DD.MM.YYYY.") % value)
    return None


def _link(row: _Row) -> str:
    value = row.text("link")
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            row.fail("link", _("“%s” is not a web address starting with https://.") % value)
    return value


def _check_row(number: int, cells: dict[str, str], ctx: _Context, plan: ImportPlan) -> None:
    row = _Row(number, cells, ctx, plan)
    reference = row.text("reference")
    if reference in ctx.seen:
        row.fail("reference", _("the same reference as row %d.") % ctx.seen[reference])
    elif reference:
        ctx.seen[reference] = number
    language = row.text("language").lower() or "uz"
    if language not in LANGUAGES:
        row.fail("language", _("write uz, ru or en."))
    planned = PlannedOpportunity(
        row=number,
        reference=reference,
        kind=_choice(row, "kind", Kind, Kind.TENDER),
        language=language,
        title=row.text("title"),
        description=row.text("description"),
        customer=row.text("customer"),
        sectors=_sectors(row),
        regions=_regions(row),
        areas=_areas(row),
        value_band=_value_band(row),
        deadline=_deadline(row) or ctx.today,
        contact=row.text("contact"),
        link=_link(row),
    )
    if row.ok and not planned.sectors:
        row.fail("sectors", _("this cell must not be empty."))
    if not row.ok:
        return
    if reference in ctx.imported:
        plan.skipped.append(number)
        return
    plan.opportunities.append(planned)


def _require_staff(actor: User) -> None:
    if not posting.is_staff(actor):
        raise PermissionDenied(STAFF_ONLY)


def plan_import(*, content: bytes, filename: str, actor: User) -> ImportPlan:
    """The dry run: what the file would add and every problem in it. Writes nothing."""
    _require_staff(actor)
    plan = ImportPlan(filename=filename, sha256=hashlib.sha256(content).hexdigest())
    try:
        rows = read_rows(content, filename)
        positions = header_positions(
            rows,
            required=REQUIRED,
            columns=COLUMN_NAMES,
            empty=_("The file is empty: it needs a header row and one row per tender."),
        )
    except ImportRefused as refused:
        plan.problems = refused.problems
        return plan
    data = [
        (number, {name: (raw[i] if i < len(raw) else "") for name, i in positions.items()})
        for number, raw in enumerate(rows[1:], start=2)
        if any(raw)
    ]
    if not data:
        plan.problems = [Problem(0, "", _("The file has a header row but no tenders."))]
        return plan
    if len(data) > MAX_ROWS:
        plan.problems = [Problem(0, "", _("The file has more than %d rows.") % MAX_ROWS)]
        return plan
    plan.rows = len(data)
    ctx = _context(data, positions)
    for number, cells in data:
        _check_row(number, cells, ctx, plan)
    return plan


def _create(item: PlannedOpportunity, actor: User) -> Opportunity:
    opportunity = Opportunity(
        kind=item.kind,
        customer=item.customer,
        value_band=item.value_band,
        deadline=item.deadline,
        contact=item.contact,
        link=item.link,
        source=Source.IMPORTED,
        source_reference=item.reference,
        created_by=actor,
    )
    setattr(opportunity, f"title_{item.language}", item.title)
    setattr(opportunity, f"description_{item.language}", item.description)
    opportunity.search_key = _key(opportunity)
    opportunity.save()
    OpportunitySector.objects.bulk_create(
        [OpportunitySector(opportunity=opportunity, sector=s) for s in item.sectors]
    )
    opportunity.regions.set(item.regions)
    opportunity.areas.set(item.areas)
    return opportunity


def import_tenders(
    *, content: bytes, filename: str, actor: User, request: HttpRequest | None = None
) -> tuple[ImportPlan, list[Opportunity]]:
    """Import the whole file or nothing; raise ImportRefused listing every problem."""
    _require_staff(actor)
    with transaction.atomic():
        plan = plan_import(content=content, filename=filename, actor=actor)
        if plan.problems:
            raise ImportRefused(plan.problems)
        made = [_create(item, actor) for item in plan.opportunities]
        audit.record(
            "opportunities.import.completed",
            actor=actor,
            after={
                "file": filename,
                "sha256": plan.sha256,
                "rows": plan.rows,
                "added": len(made),
                "skipped": len(plan.skipped),
                "references": [o.source_reference for o in made][:200],
            },
            request=request,
        )
    return plan, made


def template_workbook() -> bytes:
    """An empty import file (its header row), and a second sheet explaining each
    column in the reader's language with an example."""
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "tenders"
    sheet.append(COLUMN_NAMES)
    example = {
        "reference": "XT-2027-0001",
        "title": "Suv quvurlarini taʼmirlash",
        "language": "uz",
        "kind": "tender",
        "customer": "Toshkent shahar suv taʼminoti",
        "sectors": "water, construction",
        "regions": "UZ-TK",
        "areas": "TCH",
        "value": "850000000",
        "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "link": "https://xarid.uzex.uz/",
    }
    notes = workbook.create_sheet("columns")
    notes.append([_("column"), _("required"), _("what it holds"), _("example")])
    for name, required, label, help_text in COLUMNS:
        notes.append(
            [
                f"{name} ({label})",
                _("yes") if required else _("no"),
                str(help_text),
                example.get(name, ""),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
