"""The report's tables as plain rows, in the reader's language: one list for the XLSX (a sheet
each) and the PDF (a table each), so that both downloads always hold the same figures."""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import charts
from ..views.report_data import Report, priority_labels, ranked_rows

Cell = str | int | float | None


@dataclass
class Table:
    """``sheet`` is short (a spreadsheet allows 31 characters); ``title`` heads the table."""

    sheet: str
    title: str
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    # The columns the PDF keeps when the table is too wide for a page (None: all).
    narrow: list[int] | None = None


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _shown(count: int | None) -> Cell:
    """A count, or the word for a suppressed one."""
    return _("suppressed") if count is None else count


def summary_table(report: Report) -> Table:
    survey, head = report.survey, report.headline
    rows: list[list[Cell]] = [
        [_("Survey"), survey.title],
        [_("Code"), survey.code],
        [_("Status"), str(survey.get_status_display())],
        [_("Respondents"), head.respondents],
    ]
    rows += [[label, _shown(count)] for label, count in head.by_kind]
    rows += [
        [_("Personal links sent"), head.invited],
        [_("Personal links answered"), _shown(head.answered_invitations)],
        [_("Response rate of personal links"), _r(head.response_rate)],
        [
            _("Rating scale"),
            f"{survey.get_scale_display()} ({survey.scale_min}–{survey.scale_max})",
        ],
        [_("Smallest group shown"), survey.suppression_threshold],
        [_("Prepared"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
    ]
    return Table(
        sheet=_("Summary"), title=_("Headline figures"), header=[_("Figure"), _("Value")], rows=rows
    )


def competencies_table(report: Report) -> Table:
    rows = ranked_rows(report)
    has_rdm = any(row.rdm is not None for row in rows)
    has_share = any(row.share_below is not None for row in rows)
    header = [
        _("Rank"), _("Area code"), _("Area"), _("Code"), _("Competency"), _("Answers"),
        _("Mean importance"), _("Mean current level"), _("Mean discrepancy"), _("MWDS"),
        _("Lower bound"), _("Upper bound"),
    ]  # fmt: skip
    if has_rdm:
        header += [_("RDM"), _("RDM rank")]
    if has_share:
        header += [_("Required level"), _("Below the required level")]
    header += [_("Priority"), _("Quadrant")]
    labels = priority_labels()
    table = Table(
        sheet=_("Competencies"), title=_("Competencies ranked by training need"), header=header
    )
    for row in rows:
        c, f = row.result, row.result.figures
        line: list[Cell] = [
            c.rank, c.area_code, c.area_title, c.code, c.title, f.respondents,
            _r(f.mean_importance), _r(f.mean_current), _r(f.mean_discrepancy), _r(f.mwds),
            _r(f.low), _r(f.high),
        ]  # fmt: skip
        if has_rdm:
            line += [_r(row.rdm), row.rdm_rank]
        if has_share:
            line += [row.required_level, _r(row.share_below)]
        line += [labels[str(c.priority)], row.quadrant_name]
        table.rows.append(line)
    table.note = _(
        "MWDS: mean weighted discrepancy score (Borich), the mean of (importance − current "
        "level) times the mean importance; the bounds are its %(level)s%% confidence interval."
    ) % {"level": 95}
    return table


def areas_table(report: Report) -> Table:
    table = Table(
        sheet=_("Areas"),
        title=_("Areas ranked by training need"),
        header=[
            _("Rank"),
            _("Area code"),
            _("Area"),
            _("Answers"),
            _("Mean importance"),
            _("Mean current level"),
            _("Mean discrepancy"),
            _("MWDS"),
            _("Lower bound"),
            _("Upper bound"),
        ],
    )
    for a in report.areas:
        f = a.figures
        table.rows.append([
            a.rank, a.code, a.title, f.respondents, _r(f.mean_importance), _r(f.mean_current),
            _r(f.mean_discrepancy), _r(f.mwds), _r(f.low), _r(f.high),
        ])  # fmt: skip
    return table


def quadrant_table(report: Report) -> Table:
    names = charts.quadrant_names()
    table = Table(
        sheet=_("Locus for focus"),
        title=_("Locus for focus: importance against discrepancy"),
        header=[
            _("Code"),
            _("Competency"),
            _("Mean importance"),
            _("Mean discrepancy"),
            _("Quadrant"),
        ],
    )
    for c in report.competencies:
        table.rows.append([
            c.code, c.title, _r(c.figures.mean_importance), _r(c.figures.mean_discrepancy),
            f"{c.quadrant} — {names[str(c.quadrant)]}",
        ])  # fmt: skip
    return table


def report_tables(report: Report) -> list[Table]:
    """Every table of the report, in the order of the page."""
    analysis = report.analysis
    tables = [
        summary_table(report),
        competencies_table(report),
        areas_table(report),
        quadrant_table(report),
    ]
    ranks = {c.code: c.rank for c in report.competencies}
    tables += [breakdown_table(t, ranks) for t in analysis.breakdowns.values()]
    if analysis.rates is not None:
        tables += rate_tables(analysis.rates)
    if analysis.waves is not None:
        tables.append(waves_table(analysis.waves))
    return tables


def _cell_figures(cell: Any) -> list[Cell]:
    if cell is None or cell.suppressed:
        word = _("suppressed")
        return [word, word, word]
    return [cell.n, _r(cell.mean_discrepancy), _r(cell.mwds)]


def breakdown_table(table: Any, ranks: dict[str, int]) -> Table:
    from ..views.report_breakdowns import describe_difference

    labels = {group.key: group.label for group in table.groups}
    header = [_("Rank"), _("Code"), _("Competency")]
    for name in [*labels.values(), _("All")]:
        header += [
            _("%(group)s: answers") % {"group": name},
            _("%(group)s: mean discrepancy") % {"group": name},
            _("%(group)s: MWDS") % {"group": name},
        ]
    header += [
        _("Test"),
        _("p after Holm's correction"),
        _("Effect"),
        _("Effect size"),
        _("Flagged"),
    ]
    result = Table(
        sheet=str(table.label),
        title=_("Breakdown by %(dimension)s") % {"dimension": table.label},
        header=header,
    )
    counts: list[Cell] = ["", "", _("Respondents")]
    for group in table.groups:
        counts += [_("suppressed") if group.suppressed else group.respondents, "", ""]
    counts += [_("suppressed") if table.respondents is None else table.respondents, "", ""]
    counts += [""] * (len(header) - len(counts))
    result.rows.append(counts)
    ordered = sorted((row for row in table.rows if row.code in ranks), key=lambda r: ranks[r.code])
    for row in [table.overall, *table.areas, *ordered]:
        line: list[Cell] = [ranks.get(row.code), row.code, row.title]
        for group in table.groups:
            line += _cell_figures(row.cells.get(group.key))
        line += _cell_figures(row.total)
        words = describe_difference(row.difference, labels)
        if words is None:
            line += ["", "", "", "", ""]
        else:
            line += [
                words.test,
                words.p,
                words.effect,
                words.size,
                _("yes") if words.flagged else _("no"),
            ]
        result.rows.append(line)
    # The PDF keeps each group's MWDS and the test in words.
    groups = len(table.groups) + 1
    result.narrow = [1, 2, *[3 + 3 * index + 2 for index in range(groups)]]
    result.narrow += [3 + 3 * groups + offset for offset in (0, 1, 3, 4)]
    result.note = _(
        "“suppressed”: a group of fewer than %(threshold)d respondents (or the group hidden with "
        "it so that it cannot be worked out from the total)."
    ) % {"threshold": table.threshold}
    return result


def rate_tables(rates: Any) -> list[Table]:
    result = []
    for table in rates.tables.values():
        sheet = Table(
            sheet=_("Rates by %(dimension)s") % {"dimension": table.label},
            title=_("Response rate by %(dimension)s") % {"dimension": table.label},
            header=[str(table.label), _("Invited"), _("Answered"), _("Rate")],
        )
        for row in [*table.rows, table.total]:
            sheet.rows.append([
                row.label, row.invited,
                _("suppressed") if row.suppressed else row.answered,
                _("suppressed") if row.suppressed else _r(row.rate),
            ])  # fmt: skip
        result.append(sheet)
    for table in rates.representation.values():
        sheet = Table(
            sheet=_("Representation by %(dimension)s") % {"dimension": table.label},
            title=_("Engineers who answered against the member register, by %(dimension)s")
            % {"dimension": table.label},
            header=[
                str(table.label),
                _("Answered"),
                _("Share of those who answered"),
                _("In the register"),
                _("Share of the register"),
                _("Under-represented"),
            ],
        )
        for row in table.rows:
            hidden_a, hidden_r = row.respondents_suppressed, row.register_suppressed
            sheet.rows.append([
                row.label,
                _("suppressed") if hidden_a else row.respondents,
                _("suppressed") if hidden_a else _r(row.respondent_share),
                _("suppressed") if hidden_r else row.register,
                _("suppressed") if hidden_r else _r(row.register_share),
                _("yes") if row.under_represented else _("no"),
            ])  # fmt: skip
        result.append(sheet)
    return result


def waves_table(comparison: Any) -> Table:
    from ..views.report_waves import change_rows

    table = Table(
        sheet=_("Waves"),
        title=_("%(later)s compared with %(earlier)s")
        % {"later": comparison.later.title, "earlier": comparison.earlier.title},
        header=[
            _("Code"),
            _("Competency"),
            _("MWDS, earlier wave"),
            _("MWDS, this wave"),
            _("Change"),
            _("Verdict"),
            _("Test of the discrepancy"),
            _("Why not comparable"),
        ],
    )
    for row in change_rows(comparison):
        c = row["change"]
        table.rows.append([
            c.code, c.title, _r(c.earlier.mwds) if c.earlier else None,
            _r(c.later.mwds) if c.later else None, _r(c.mwds_change), row["verdict_label"],
            row["test"], c.reason,
        ])  # fmt: skip
    return table
