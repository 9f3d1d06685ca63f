"""Bank statement reconciliation: read the statement a bank exports, find the invoice number
in each payment's purpose, and record the rows whose amount and currency match.

Statements come as CSV in whatever encoding the bank's software writes (UTF-8 with or without
a BOM, Windows-1251, UTF-16), separated by ``;``, ``,`` or tabs, with amounts written
``1 234 567,89`` or ``1,234,567.89``, often after a few lines about the account; or as XLSX.
Each matched row becomes ``record_payment(provider="bank", external_id=...)``, where the
reference is the bank's document number (with the date) or a digest of the row, so that the
same statement uploaded twice pays nothing twice. Everything else is listed for a person."""

import codecs
import csv
import datetime
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.core import audit, tables

from .models import Invoice, Issuer, Payment
from .services import BillingError, record_payment

if TYPE_CHECKING:
    from muhandis.accounts.models import User

PROVIDER = "bank"
HEADER_SEARCH_ROWS = 30


class StatementError(ValueError):
    """The file cannot be read as a statement; the message says what to do."""


class Outcome:
    MATCHED = "matched"
    WRONG_AMOUNT = "wrong_amount"
    WRONG_CURRENCY = "wrong_currency"
    UNKNOWN_INVOICE = "unknown_invoice"
    CLOSED_INVOICE = "closed_invoice"
    ALREADY_RECORDED = "already_recorded"
    SEVERAL_NUMBERS = "several_numbers"
    NO_NUMBER = "no_number"
    BAD_AMOUNT = "bad_amount"
    OUTGOING = "outgoing"


# The groups of the preview, in the order shown, with what a person should do about each.
OUTCOME_TITLES = {
    Outcome.MATCHED: gettext_lazy("Rows that pay an invoice in full"),
    Outcome.WRONG_AMOUNT: gettext_lazy("Amount differs from what the invoice still wants"),
    Outcome.WRONG_CURRENCY: gettext_lazy("Currency differs from the invoice's"),
    Outcome.CLOSED_INVOICE: gettext_lazy("Invoice already paid, cancelled or refunded"),
    Outcome.UNKNOWN_INVOICE: gettext_lazy("Invoice number not known"),
    Outcome.SEVERAL_NUMBERS: gettext_lazy("Several invoice numbers in one payment"),
    Outcome.NO_NUMBER: gettext_lazy("No invoice number in the purpose of payment"),
    Outcome.BAD_AMOUNT: gettext_lazy("Amount cannot be read"),
    Outcome.ALREADY_RECORDED: gettext_lazy("Already recorded from an earlier statement"),
    Outcome.OUTGOING: gettext_lazy("Money paid out (not for invoices)"),
}


# --- Reading the file ----------------------------------------------------------------------


def decode(content: bytes) -> str:
    """The statement's text, whichever of the usual encodings it is in."""
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", errors="replace")
    head = content[:400]
    if head and head.count(b"\x00") * 4 >= len(head):
        # UTF-16 without a BOM: the zero bytes sit on the odd (LE) or even (BE) places.
        odd_zeros = head[1::2].count(b"\x00")
        even_zeros = head[0::2].count(b"\x00")
        return content.decode("utf-16-le" if odd_zeros >= even_zeros else "utf-16-be", "replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1251", errors="replace")


def _csv_rows(text: str) -> list[list[str]]:
    """Rows of the CSV text with the separator that gives the most rows of one shape."""
    sample = text.splitlines()[:50]
    best: tuple[tuple[int, int], str] | None = None
    for delimiter in (";", "\t", ","):
        counts = Counter(
            len(row) for row in csv.reader(sample, delimiter=delimiter) if len(row) > 1
        )
        if not counts:
            continue
        width, frequency = max(counts.items(), key=lambda item: (item[1], item[0]))
        score = (frequency, width)
        if best is None or score > best[0]:
            best = (score, delimiter)
    delimiter = best[1] if best else ";"
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise StatementError(_("The CSV file cannot be read: %s") % exc) from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(Decimal(str(value)))
    return str(value).strip()


def read_rows(content: bytes) -> list[list[str]]:
    """The statement's rows as text cells (XLSX recognised by its content)."""
    if not content.strip():
        raise StatementError(_("The file is empty."))
    if content.startswith(tables.XLSX_MAGIC):
        try:
            rows = tables.xlsx_rows(content, _cell_text)
        except tables.TableError as exc:
            raise StatementError(
                _("The file is not a readable XLSX spreadsheet. Save it again as .xlsx or CSV.")
            ) from exc
    else:
        text = decode(content)
        if "\x00" in text:
            raise StatementError(_("The file is not a statement. Upload a CSV or XLSX file."))
        rows = _csv_rows(text)
    return [[cell.strip() for cell in row] for row in rows]


# Header words, lower case, in Uzbek (Latin and Cyrillic), Russian and English. The first list
# that a header cell contains wins, so credit (money in) is preferred to a plain "amount".
COLUMN_WORDS = {
    "amount": [
        ("кредит", "credit", "kirim", "кирим", "поступ", "приход", "incoming"),
        ("сумма", "summa", "сумма", "amount", "sum"),
    ],
    "purpose": [
        ("назначение", "purpose", "maqsad", "мақсад", "детали", "details", "description"),
        ("комментар", "comment", "izoh", "изоҳ", "описание"),
    ],
    "reference": [
        ("номер док", "№ док", "document", "hujjat", "ҳужжат", "reference", "ref"),
        ("номер", "raqam", "рақам", "№", "id"),
    ],
    "date": [("дата", "date", "sana", "сана")],
    "currency": [("валюта", "currency", "valyuta")],
    "payer": [("плательщик", "отправитель", "payer", "toʻlovchi", "to'lovchi", "тўловчи")],
}


def _find_columns(header: list[str]) -> dict[str, int]:
    cells = [cell.lower().replace("\u2019", "'") for cell in header]
    found: dict[str, int] = {}
    for name, tiers in COLUMN_WORDS.items():
        for words in tiers:
            hits = [i for i, c in enumerate(cells) if c and any(w in c for w in words)]
            hits = [i for i in hits if i not in found.values()]
            if hits:
                found[name] = hits[0]
                break
    return found


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _find_columns(row)
        if "amount" in columns and "purpose" in columns:
            return index, columns
    raise StatementError(
        _(
            "No header row names the amount and the purpose of payment columns. Upload the "
            "statement as the bank exports it, with its header row."
        )
    )


# --- Reading values ------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f'’]")


def parse_amount(text: str) -> Decimal | None:
    """``1 234 567,89``, ``1,234,567.89``, ``1.234.567,89``, ``1234567.89`` → Decimal."""
    value = _SPACES.sub("", text or "")
    value = re.sub(r"[^\d,.\-+]", "", value)
    if not value or not re.search(r"\d", value):
        return None
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        value = value.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in value or "." in value:
        mark = "," if "," in value else "."
        whole, _sep, last = value.rpartition(mark)
        if value.count(mark) == 1 and len(last) != 3:
            value = whole + "." + last
        else:
            value = value.replace(mark, "")
    try:
        return Decimal(value).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%d-%m-%Y")


CURRENCY_NAMES = {
    "UZS": "UZS",
    "860": "UZS",
    "000": "UZS",  # Uzbek banks' code for the national currency
    "SUM": "UZS",
    "SOʻM": "UZS",
    "SO'M": "UZS",
    "СУМ": "UZS",
    "СЎМ": "UZS",
    "KZT": "KZT",
    "398": "KZT",
    "TENGE": "KZT",
    "ТЕНГЕ": "KZT",
}


def parse_currency(text: str) -> str:
    """The ISO code of a currency as banks write it (``UZS``, ``860``, ``сум``, ``тенге``);
    what is not recognised is kept as written, so that it does not match an invoice."""
    value = (text or "").strip().upper().replace("\u2019", "'")
    return CURRENCY_NAMES.get(value, value[:10])


def parse_date(text: str) -> datetime.date | None:
    value = (text or "").strip().split(" ")[0].split("T")[0]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def number_pattern(prefixes: list[str]) -> re.Pattern[str] | None:
    """Finds ``PREFIX-YYYY-NNNNNN`` in free text, also written with spaces, slashes or no
    separator, and without the leading zeros."""
    if not prefixes:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    separator = r"\s*[-–—/ _]?\s*"
    return re.compile(
        rf"(?<![0-9A-Za-z])({alternatives}){separator}(\d{{4}}){separator}(\d{{1,6}})(?!\d)",
        re.IGNORECASE,
    )


def find_numbers(text: str, pattern: re.Pattern[str] | None, prefixes: list[str]) -> list[str]:
    if pattern is None:
        return []
    spelled = {p.lower(): p for p in prefixes}
    numbers = []
    for prefix, year, serial in pattern.findall(text):
        number = f"{spelled[prefix.lower()]}-{year}-{int(serial):06d}"
        if number not in numbers:
            numbers.append(number)
    return numbers


# --- The plan ------------------------------------------------------------------------------


@dataclass
class StatementRow:
    line: int
    cells: list[str]
    date: datetime.date | None
    amount: Decimal | None
    currency: str
    purpose: str
    payer: str
    reference: str
    external_id: str
    number: str = ""
    invoice: Invoice | None = None
    outcome: str = ""
    expected: Decimal | None = None  # what the invoice still wanted, for a wrong amount

    @property
    def matched(self) -> bool:
        return self.outcome == Outcome.MATCHED

    @property
    def shown_currency(self) -> str:
        """The currency to show the amount in: the invoice's, else the statement's."""
        return self.invoice.currency if self.invoice is not None else self.currency


@dataclass
class StatementPlan:
    rows: list[StatementRow] = field(default_factory=list)

    def having(self, *outcomes: str) -> list[StatementRow]:
        return [row for row in self.rows if row.outcome in outcomes]

    @property
    def matched(self) -> list[StatementRow]:
        return self.having(Outcome.MATCHED)

    @property
    def for_a_person(self) -> list[StatementRow]:
        """Rows a person must look at (outgoing money and rows already recorded aside)."""
        return [
            row
            for row in self.rows
            if row.outcome not in (Outcome.MATCHED, Outcome.OUTGOING, Outcome.ALREADY_RECORDED)
        ]

    def count(self, outcome: str) -> int:
        return len(self.having(outcome))

    def groups(self) -> list[tuple[str, str, list[StatementRow]]]:
        """(outcome, title, rows) of each outcome that has rows, in the order shown."""
        found = [(key, str(title), self.having(key)) for key, title in OUTCOME_TITLES.items()]
        return [(key, title, rows) for key, title, rows in found if rows]


def _external_id(reference: str, date: datetime.date | None, cells: list[str]) -> str:
    if reference:
        stamp = date.isoformat() if date else ""
        return f"stmt:{stamp}:{reference}"[:100]
    digest = hashlib.sha256("\x1f".join(cells).encode()).hexdigest()
    return f"stmt-row:{digest[:40]}"


def _rows(content: bytes) -> list[StatementRow]:
    rows = read_rows(content)
    start, columns = _header(rows)

    def cell(row: list[str], name: str) -> str:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else ""

    found = []
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(row):
            continue
        date = parse_date(cell(row, "date"))
        reference = cell(row, "reference")
        found.append(
            StatementRow(
                line=offset,
                cells=row,
                date=date,
                amount=parse_amount(cell(row, "amount")),
                currency=parse_currency(cell(row, "currency")),
                purpose=cell(row, "purpose"),
                payer=cell(row, "payer"),
                reference=reference,
                external_id=_external_id(reference, date, row),
            )
        )
    return found


def plan_statement(*, content: bytes) -> StatementPlan:
    """What each row of the statement would do, without writing anything."""
    rows = _rows(content)
    prefixes = list(Issuer.objects.values_list("number_prefix", flat=True))
    pattern = number_pattern(prefixes)
    for row in rows:
        row.number = ", ".join(find_numbers(row.purpose, pattern, prefixes))
    numbers = {n for row in rows for n in row.number.split(", ") if n}
    invoices = {i.number: i for i in Invoice.objects.filter(number__in=numbers)}
    recorded = set(
        Payment.objects.filter(
            provider=PROVIDER, external_id__in=[row.external_id for row in rows]
        ).values_list("external_id", flat=True)
    )
    remaining = {invoice.pk: invoice.balance for invoice in invoices.values()}
    seen: set[str] = set()
    for row in rows:
        row.outcome = _outcome(row, invoices, recorded, remaining, seen)
        seen.add(row.external_id)
    return StatementPlan(rows)


def _outcome(
    row: StatementRow,
    invoices: dict[str, Invoice],
    recorded: set[str],
    remaining: dict[int, Decimal],
    seen: set[str],
) -> str:
    if row.amount is None:
        return Outcome.BAD_AMOUNT
    if row.amount <= 0:
        return Outcome.OUTGOING
    if row.external_id in recorded or row.external_id in seen:
        return Outcome.ALREADY_RECORDED
    if not row.number:
        return Outcome.NO_NUMBER
    if ", " in row.number:
        return Outcome.SEVERAL_NUMBERS
    row.invoice = invoices.get(row.number)
    if row.invoice is None:
        return Outcome.UNKNOWN_INVOICE
    if row.currency and row.currency != row.invoice.currency:
        return Outcome.WRONG_CURRENCY
    if not row.invoice.is_open or remaining[row.invoice.pk] <= 0:
        return Outcome.CLOSED_INVOICE
    row.expected = remaining[row.invoice.pk]
    if row.amount != row.expected:
        return Outcome.WRONG_AMOUNT
    remaining[row.invoice.pk] = Decimal(0)
    return Outcome.MATCHED


@dataclass(frozen=True)
class Reconciled:
    recorded: int
    left_for_a_person: int
    plan: StatementPlan


def reconcile_statement(*, content: bytes, filename: str, actor: "User") -> Reconciled:
    """Record every matched row of the statement as a bank payment (planned afresh, so that
    what changed since the preview is respected; a row recorded before is not recorded again)."""
    plan = plan_statement(content=content)
    recorded = 0
    for row in plan.matched:
        if row.invoice is None or row.amount is None:  # never so for a matched row
            continue
        received = (
            timezone.make_aware(datetime.datetime.combine(row.date, datetime.time(12)))
            if row.date
            else None
        )
        try:
            with transaction.atomic():
                record_payment(
                    invoice=row.invoice,
                    amount=row.amount,
                    provider=PROVIDER,
                    external_id=row.external_id,
                    actor=actor,
                    received_at=received,
                    details={
                        "statement": filename[:200],
                        "line": row.line,
                        "purpose": row.purpose[:300],
                        "payer": row.payer[:200],
                        "reference": row.reference[:100],
                    },
                )
        except BillingError:
            continue
        recorded += 1
    audit.record(
        "billing.statement.reconciled",
        actor=actor,
        after={
            "file": filename[:200],
            "rows": len(plan.rows),
            "recorded": recorded,
            "left_for_a_person": len(plan.for_a_person),
        },
    )
    return Reconciled(recorded, len(plan.for_a_person), plan)
