"""The report as a spreadsheet: every table on its own sheet, headed by its title, with the
column names bold and frozen; text cells can never run as a formula."""

import io
from collections.abc import Sequence

from muhandis.core.tables import safe_cell

from .tables import Table


def _sheet_name(name: str, taken: set[str]) -> str:
    """Spreadsheet sheet names: at most 31 characters, none of ``[]:*?/\\``, unique."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
    candidate, number = clean, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = clean[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def report_xlsx(tables: Sequence[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.sheet, taken))
        sheet.append([safe_cell(table.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([safe_cell(name) for name in table.header])
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append([safe_cell(value) for value in row])
        if table.note:
            sheet.append([])
            sheet.append([safe_cell(table.note)])
        sheet.freeze_panes = "A3"
        for index, name in enumerate(table.header, start=1):
            longest = max(
                [len(str(name))]
                + [len(str(r[index - 1] or "")) for r in table.rows[:200] if len(r) >= index]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
