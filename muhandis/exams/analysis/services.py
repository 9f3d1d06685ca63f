"""Writes of item analysis: a sitting's analysis downloaded, and the record that it was."""

from django.http import HttpRequest

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.exams.analysis import export, selectors
from muhandis.exams.models import Sitting


def export_sitting(
    *, sitting: Sitting, actor: User, fmt: str, title: str, request: HttpRequest | None = None
) -> bytes:
    """The item analysis of a sitting as a workbook (``xlsx``) or zipped CSV files (``csv``);
    the download is recorded, with how many candidates it covers."""
    result = selectors.analyse_sitting(sitting)
    if fmt == "xlsx":
        content = export.to_xlsx(result, title=title)
    else:
        content = export.to_csv_zip(result, title=title)
    audit.record(
        "exams.analysis.exported",
        actor=actor,
        target=sitting,
        after={"format": fmt, "candidates": result.test.n_candidates},
        request=request,
    )
    return content
