"""Reading the table of an import with a preview, and what is wrong with it by row and column:
shared by every import (certificates, course participants)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import tables


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: row 0 is the file itself, row 1 its header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return str(self.message)
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRefused(ValidationError):
    """The file cannot be imported; ``problems`` lists every reason by row and column."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([str(p) for p in problems])
        self.problems = problems


def refused(message: str) -> ImportRefused:
    """The whole file is refused, for one reason."""
    return ImportRefused([Problem(0, "", message)])


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text the checks read (dates as ISO dates, whole numbers
    without ".0")."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(content: bytes, filename: str) -> list[list[str]]:
    """The file's rows as text cells (XLSX is recognised by its content, not its name)."""
    if content.startswith(tables.XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        try:
            return tables.xlsx_rows(content, cell_text)
        except tables.TableError as exc:
            raise refused(
                _("The file is not a readable XLSX spreadsheet. Save it again as .xlsx or as CSV.")
            ) from exc
    if b"\x00" in content[:4096]:
        raise refused(_("The file is not a spreadsheet. Upload an XLSX file or a CSV file."))
    try:
        rows = tables.csv_rows(content)
    except tables.TableError as exc:
        if exc.reason == "not_utf8":
            raise refused(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8” or as XLSX.")
            ) from exc
        raise refused(_("The CSV file cannot be read: %s") % exc.detail) from exc
    return [[c.strip() for c in row] for row in rows]


def header_positions(
    rows: list[list[str]], *, required: Iterable[str], columns: list[str], empty: str
) -> dict[str, int]:
    """Where each known column is in the header row (names compared in lower case, spaces as
    underscores). Refuses an empty file (``empty`` says what it needs), a missing required
    column and an unknown column, each named."""
    if not rows or not any(rows[0]):
        raise refused(empty)
    names = [c.strip().lower().replace(" ", "_") for c in rows[0]]
    problems = [
        Problem(1, name, _("the column is missing from the header row."))
        for name in required
        if name not in names
    ]
    problems += [
        Problem(1, name, _("this column is unknown. The columns are: %s.") % ", ".join(columns))
        for name in names
        if name and name not in columns
    ]
    if problems:
        raise ImportRefused(problems)
    return {name: names.index(name) for name in columns if name in names}
