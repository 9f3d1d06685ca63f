"""Answer files as KoboToolbox and ODK Central export them, built from a survey's XLSForm."""

import csv
import io
import uuid
from typing import Any

from openpyxl import Workbook, load_workbook

from muhandis.needs import xlsform
from muhandis.needs.models import Survey

KOBO_META_BEFORE = ["start", "end"]
KOBO_META_AFTER = ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]


def form_columns(survey: Survey, separator: str = "/") -> dict[str, str]:
    """Each question of the exported form → its column in an export: the question's name after
    its groups' names (``grp_TEC/TEC_01_imp``)."""
    workbook = load_workbook(io.BytesIO(xlsform.export_workbook(survey)), read_only=True)
    rows = list(workbook["survey"].iter_rows(values_only=True))
    header = list(rows[0])
    kind_at, name_at = header.index("type"), header.index("name")
    groups: list[str] = []
    columns = {}
    for row in rows[1:]:
        kind, name = row[kind_at], row[name_at]
        if kind == "begin_group":
            groups.append(name)
        elif kind == "end_group":
            groups.pop()
        elif kind not in ("start", "end"):
            columns[name] = separator.join([*groups, name])
    return columns


def kobo_csv(
    survey: Survey,
    rows: list[dict[str, Any]],
    *,
    delimiter: str = ";",
    separator: str = "/",
) -> bytes:
    """A KoboToolbox CSV export ("XML values and headers", UTF-8 with a BOM). Each row gives
    answers by question name; ``_uuid`` is made up when a row does not give one."""
    columns = form_columns(survey, separator)
    header = KOBO_META_BEFORE + list(columns.values()) + KOBO_META_AFTER
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for index, answers in enumerate(rows, start=1):
        meta = {
            "start": "2026-05-04T10:00:00.000+05:00",
            "end": "2026-05-04T10:12:00.000+05:00",
            "_id": str(1000 + index),
            "_uuid": answers.get("_uuid", str(uuid.uuid4())),
            "_submission_time": "2026-05-04T05:13:00",
            "_validation_status": "",
            "_index": str(index),
        }
        values = [meta[c] for c in KOBO_META_BEFORE]
        values += [str(answers.get(name, "")) for name in columns]
        values += [meta[c] for c in KOBO_META_AFTER]
        writer.writerow(values)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def odk_central_xlsx(survey: Survey, rows: list[dict[str, Any]]) -> bytes:
    """An ODK Central export (``-`` between groups, ``meta-instanceID``), saved as XLSX with
    ratings as numbers, as a spreadsheet program keeps them."""
    columns = form_columns(survey, "-")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SubmissionDate", *columns.values(), "meta-instanceID", "KEY", "ReviewState"])
    for answers in rows:
        key = answers.get("instanceID", f"uuid:{uuid.uuid4()}")
        sheet.append(
            [
                "2026-05-06T08:00:00.000Z",
                *[answers.get(name) for name in columns],
                key,
                key,
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
