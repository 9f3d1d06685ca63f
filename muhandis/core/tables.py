"""Reading the rows of a spreadsheet people upload: CSV (UTF-8, with or without a BOM, comma
or semicolon) or XLSX; and writing cells that a spreadsheet never runs as a formula. Plain
Python; callers turn a ``TableError`` into their own message."""

import csv
import io
from collections.abc import Callable

XLSX_MAGIC = b"PK\x03\x04"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> object:
    """Numbers, dates and empty cells as they are; text never starting like a formula (a
    leading apostrophe keeps it text), so an exported name or comment cannot run."""
    if value is None or not isinstance(value, str):
        return value
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class TableError(ValueError):
    """Why the rows cannot be read: ``reason`` is ``not_utf8``, ``bad_csv`` or ``not_xlsx``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV file; the delimiter is the one the header line uses most."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError("not_utf8") from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise TableError("bad_csv", str(exc)) from exc


def xlsx_rows(
    data: bytes, cell: Callable[[object], str], sheet: str | None = None
) -> list[list[str]]:
    """The rows of the named sheet (else the first) of an XLSX file, each value through
    ``cell``."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; all mean the same
        raise TableError("not_xlsx", str(exc)) from exc
    try:
        chosen = workbook[sheet] if sheet in workbook.sheetnames else workbook.worksheets[0]
        return [[cell(value) for value in row] for row in chosen.iter_rows(values_only=True)]
    finally:
        workbook.close()
