"""A sitting's item analysis as a workbook (XLSX) or as a ZIP of one CSV per sheet.

The sheets, named the same in both formats so that scripts find them:
``items`` (every statistic and flag), ``test`` (reliability, mean, SD, SEM, n), ``distractors``,
``distribution``, ``responses`` (the raw matrix: one row per attempt under a stable pseudonym,
one column per item code and version, the score as a share of the item's marks; an empty cell
is an item that was not on the candidate's form or an essay still waiting for its marker) and
``choices`` (the option each candidate chose, for the choice items).

With the ``responses`` sheet anyone can recompute the figures (see ``analysis.py`` for the
conventions). Text that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe."""

import csv
import io
import zipfile
from collections.abc import Iterable

from django.utils.translation import gettext as _

from muhandis.core.tables import safe_cell
from muhandis.exams.analysis.selectors import FLAG_TEXTS, SittingAnalysis

SHEETS = ("items", "test", "distractors", "distribution", "responses", "choices")


def _flag_words(codes: Iterable[str]) -> str:
    return " ".join(str(FLAG_TEXTS.get(code, code)) for code in codes)


def _items(analysis: SittingAnalysis) -> list[list]:
    rows = [
        [
            _("Item"),
            _("Code"),
            _("Version"),
            _("Type"),
            _("Candidates who saw it"),
            _("Omitted"),
            _("Maximum"),
            _("Difficulty (share of marks earned)"),
            _("Corrected item-total correlation"),
            _("Upper-lower index"),
            _("Alpha if deleted"),
            _("Flags"),
            _("What the flags mean"),
        ]
    ]
    for row in analysis.items:
        s = row.stats
        rows.append(
            [
                row.column.label,
                row.column.code,
                row.column.number,
                row.column.kind,
                s.n,
                s.omitted,
                s.max_score,
                s.difficulty,
                s.point_biserial_corrected,
                s.upper_lower_index,
                s.alpha_if_deleted,
                " ".join(s.flags),
                _flag_words(s.flags),
            ]
        )
    return rows


def _test(analysis: SittingAnalysis, title: str) -> list[list]:
    t = analysis.test
    method = (
        _("Every candidate saw every item: the whole matrix was analysed.")
        if analysis.whole_matrix
        else _(
            "Candidates saw different items: each item was analysed over the candidates who saw "
            "it; the reliability of one form cannot be computed."
        )
    )
    return [
        [_("Statistic"), _("Value")],
        [_("Exam"), title],
        [_("Candidates (submitted attempts)"), t.n_candidates],
        [_("Items"), t.n_items],
        [_("Maximum total"), t.max_total],
        [_("Mean"), t.mean],
        [_("Standard deviation (divides by n)"), t.sd],
        ["KR-20", t.kr20],
        [_("Cronbach's alpha"), t.alpha],
        [_("Standard error of measurement"), t.sem],
        [_("Candidates in each of the upper and lower groups"), t.group_size],
        [_("Essays waiting for a marker (left out)"), analysis.data.pending],
        [_("Method"), method],
    ]


def _distractors(analysis: SittingAnalysis) -> list[list]:
    rows = [
        [
            _("Item"),
            _("Option"),
            _("Key"),
            _("Chosen by"),
            _("Share"),
            _("Upper group"),
            _("Lower group"),
            _("Notes"),
        ]
    ]
    for item in analysis.items:
        for d in item.distractors:
            rows.append(
                [
                    item.column.label,
                    d.option,
                    _("yes") if d.is_key else "",
                    d.count,
                    d.proportion,
                    d.upper,
                    d.lower,
                    _flag_words(d.notes),
                ]
            )
    return rows


def _distribution(analysis: SittingAnalysis) -> list[list]:
    return [[_("Total score"), _("Candidates")], *[[s, c] for s, c in analysis.test.distribution]]


def _matrix(analysis: SittingAnalysis, cells: list[list]) -> list[list]:
    data = analysis.data
    header = [_("Candidate"), *[c.label for c in data.columns]]
    return [header, *[[name, *row] for name, row in zip(data.candidates, cells, strict=True)]]


def sheets(analysis: SittingAnalysis, *, title: str) -> dict[str, list[list]]:
    """Every sheet's rows, the header first, text already made safe."""
    data = analysis.data
    raw = {
        "items": _items(analysis),
        "test": _test(analysis, title),
        "distractors": _distractors(analysis),
        "distribution": _distribution(analysis),
        "responses": _matrix(analysis, data.scores),
        "choices": _matrix(analysis, data.choices),
    }
    return {name: [[safe_cell(v) for v in row] for row in rows] for name, rows in raw.items()}


def to_xlsx(analysis: SittingAnalysis, *, title: str) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for name, rows in sheets(analysis, title=title).items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv_zip(analysis: SittingAnalysis, *, title: str) -> bytes:
    """One UTF-8 CSV per sheet (with a byte-order mark, so spreadsheets read it as UTF-8)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sheets(analysis, title=title).items():
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerows([["" if v is None else v for v in row] for row in rows])
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()
