"""The report's tables as plain rows, in the reader's language: one list for the XLSX (a sheet
each) and the PDF (a table each), so that both downloads always hold the same figures."""

from dataclasses import dataclass, field

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
        "level) times the mean importance; the bounds are its 95% confidence interval."
    )
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
    for a in report.analysis.areas:
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
    for c in report.analysis.competencies:
        table.rows.append([
            c.code, c.title, _r(c.figures.mean_importance), _r(c.figures.mean_discrepancy),
            f"{c.quadrant} — {names[str(c.quadrant)]}",
        ])  # fmt: skip
    return table


def report_tables(report: Report) -> list[Table]:
    """Every table of the report, in the order of the page."""
    return [
        summary_table(report),
        competencies_table(report),
        areas_table(report),
        quadrant_table(report),
    ]
