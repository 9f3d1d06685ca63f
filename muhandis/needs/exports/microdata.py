"""The anonymised microdata of a survey and its codebook.

One row per submitted response under its pseudonym: the respondent kind, the channel, the
background answers as codes, the barriers as 1/0, then each competency's importance and current
level. Never the person, their email, the invitation, any link token, dates or the free-text
answers (a sentence someone wrote can name them or their firm).

A background group smaller than the survey's suppression threshold is replaced by
``suppressed`` in every row, with complementary suppression (``analysis.suppress``) so that the
hidden group cannot be told from the others: a rare value, or a rare mix of values, cannot
single a person out."""

import csv
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import EducationLevel, Gender, Region, SizeBand
from muhandis.core import audit
from muhandis.core.tables import safe_cell

from ..analysis import suppress
from ..models import (
    AgeBand,
    Barrier,
    Channel,
    ExperienceBand,
    JobRole,
    Rating,
    RespondentKind,
    Response,
    Sector,
    Survey,
    SurveyItem,
)

SUPPRESSED = "suppressed"
BACKGROUND_FIELDS = (
    "id", "pseudonym", "kind", "channel", "language", "gender", "age_band", "region__code",
    "sector", "job_role", "employer_size", "experience", "education", "barriers",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    """One variable: its name, label, the kind of value and the codes it takes (with labels)."""

    name: str
    label: str
    kind: str
    values: list[tuple[str, str]]
    suppressible: bool = False


def _choices(choices: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in choices]


def _barrier_reader(code: str) -> Callable[[Response], str]:
    def read(response: Response) -> str:
        return "1" if code in (response.barriers or []) else "0"

    return read


def background_columns() -> list[tuple[Column, Callable[[Response], str]]]:
    """The categorical variables and how each is read from a response (blank: not answered)."""
    regions = [(r.code, r.name) for r in Region.objects.order_by("country", "sort_order", "code")]
    languages = [("uz", "oʻzbekcha"), ("ru", "русский"), ("en", "English")]
    fields: list[tuple[str, str, list[tuple[str, str]], Callable[[Response], str]]] = [
        ("kind", _("Who answered"), _choices(RespondentKind.choices), lambda r: r.kind),
        ("channel", _("How the answers came"), _choices(Channel.choices), lambda r: r.channel),
        ("language", _("Language of the answers"), languages, lambda r: r.language),
        ("gender", _("Gender"), _choices(Gender.choices), lambda r: r.gender),
        ("age_band", _("Age"), _choices(AgeBand.choices), lambda r: r.age_band),
        ("region", _("Region (ISO 3166-2)"), regions, lambda r: r.region.code if r.region else ""),
        ("sector", _("Sector"), _choices(Sector.choices), lambda r: r.sector),
        ("job_role", _("Role"), _choices(JobRole.choices), lambda r: r.job_role),
        (
            "employer_size",
            _("Employer size"),
            _choices(SizeBand.choices),
            lambda r: r.employer_size,
        ),
        (
            "experience",
            _("Years of experience"),
            _choices(ExperienceBand.choices),
            lambda r: r.experience,
        ),
        ("education", _("Education"), _choices(EducationLevel.choices), lambda r: r.education),
    ]
    result = [
        (Column(name, label, _("code"), values, suppressible=True), read)
        for name, label, values, read in fields
    ]
    for code, label in Barrier.choices:
        column = Column(
            f"barrier_{code}",
            _("Barrier to training: %(barrier)s") % {"barrier": label},
            _("yes or no"),
            [("1", _("yes")), ("0", _("no"))],
            suppressible=True,
        )
        result.append((column, _barrier_reader(code)))
    return result


def rating_columns(survey: Survey, items: list[SurveyItem]) -> list[Column]:
    scale = f"{survey.scale_min}–{survey.scale_max} ({survey.get_scale_display()})"
    columns = []
    for item in items:
        code, title = item.competency.code, item.competency.title
        columns.append(
            Column(
                f"{code}_importance",
                _("%(competency)s: importance (required level)")
                % {"competency": f"{code} {title}"},
                _("rating"),
                [(scale, _("the scale"))],
            )
        )
        columns.append(
            Column(
                f"{code}_current",
                _("%(competency)s: current level") % {"competency": f"{code} {title}"},
                _("rating"),
                [(scale, _("the scale"))],
            )
        )
    return columns


def pseudonym_column() -> Column:
    return Column(
        "pseudonym", _("Pseudonym of the response (not linked to a person)"), _("text"), []
    )


def _items(survey: Survey) -> list[SurveyItem]:
    return list(
        SurveyItem.objects.filter(survey=survey)
        .select_related("competency")
        .order_by("sort_order", "id")
    )


def microdata_rows(survey: Survey) -> tuple[list[str], list[list[object]]]:
    """The header and the rows; four queries whatever the number of responses."""
    items = _items(survey)
    background = background_columns()
    responses = list(
        Response.objects.filter(survey=survey, submitted_at__isnull=False)
        .select_related("region")
        .only(*BACKGROUND_FIELDS)
        .order_by("pseudonym")
    )
    ratings: dict[int, dict[int, tuple[int | None, int | None]]] = {}
    for response_id, item_id, importance, current in Rating.objects.filter(
        response__survey=survey, response__submitted_at__isnull=False
    ).values_list("response_id", "item_id", "importance", "current"):
        ratings.setdefault(response_id, {})[item_id] = (importance, current)

    values = [[read(r) or "" for _column, read in background] for r in responses]
    threshold = survey.suppression_threshold
    for index in range(len(background)):
        counts = Counter(row[index] for row in values if row[index] != "")
        hidden = {
            code
            for code, count in suppress(counts, threshold=threshold).cells.items()
            if count is None
        }
        for row in values:
            if row[index] in hidden:
                row[index] = SUPPRESSED

    header = [pseudonym_column().name] + [c.name for c, _r in background]
    header += [c.name for c in rating_columns(survey, items)]
    rows: list[list[object]] = []
    for response, background_values in zip(responses, values, strict=True):
        given = ratings.get(response.id, {})
        line: list[object] = [response.pseudonym, *background_values]
        for item in items:
            importance, current = given.get(item.id, (None, None))
            line += ["" if importance is None else importance, "" if current is None else current]
        rows.append(line)
    return header, rows


def export_microdata(*, survey: Survey, actor: Any, request: HttpRequest | None = None) -> bytes:
    """The microdata file; audited as ``needs.microdata.exported`` (it is the one download
    with a row per respondent)."""
    content, rows = microdata_csv(survey)
    audit.record(
        "needs.microdata.exported",
        actor=actor,
        target=survey,
        after={"rows": rows, "threshold": survey.suppression_threshold},
        request=request,
    )
    return content


def microdata_csv(survey: Survey) -> tuple[bytes, int]:
    """The CSV file and its number of rows."""
    header, rows = microdata_rows(survey)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), len(rows)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _codebook_notes(threshold: int) -> list[str]:
    return [
        "## " + _("What is left out"),
        "",
        "- "
        + _(
            "The person's name, email address, account, invitation and link tokens, and the "
            "dates of answering: none of them is in the file."
        ),
        "- "
        + _(
            "The free-text answers (other barriers, comments) are left out: a sentence someone "
            "wrote can name them, their firm or their town, and so identify them."
        ),
        "",
        "## " + _("Suppression"),
        "",
        "- "
        + _(
            "In every background variable, a group of fewer than %(threshold)d respondents is "
            "replaced by “%(suppressed)s” in all its rows, so that a rare value cannot single a "
            "person out. Where only one group would be hidden, the next smallest is hidden with "
            "it, so that the hidden group cannot be worked out from the others."
        )
        % {"threshold": threshold, "suppressed": SUPPRESSED},
        "- "
        + _(
            "Each variable is suppressed on its own: a combination of values that are each "
            "common can still be rare. Do not publish rows of this file, and do not try to find "
            "out who answered."
        ),
        "- " + _("An empty cell means the respondent did not answer that question."),
        "",
    ]


def codebook_columns(survey: Survey) -> list[Column]:
    """Every column of the microdata file, in its order."""
    background = [column for column, _read in background_columns()]
    return [pseudonym_column(), *background, *rating_columns(survey, _items(survey))]


def codebook_markdown(survey: Survey) -> str:
    """The codebook in the reader's language: what the file holds and leaves out, then a line
    per column with its label, kind and values."""
    lines = [
        "# " + _("Codebook: %(survey)s") % {"survey": survey.title},
        "",
        _(
            "The microdata file holds one row per submitted response, under a pseudonym that is "
            "not linked to any person."
        ),
        "",
        *_codebook_notes(survey.suppression_threshold),
        "## " + _("Variables"),
        "",
        "| " + " | ".join([_("Variable"), _("Label"), _("Kind"), _("Values")]) + " |",
        "|---|---|---|---|",
    ]
    for column in codebook_columns(survey):
        values = "; ".join(f"`{code}` = {_md(label)}" for code, label in column.values)
        if column.suppressible:
            values += f"; `{SUPPRESSED}` = " + _md(_("group too small to show"))
        lines.append(f"| `{column.name}` | {_md(column.label)} | {_md(column.kind)} | {values} |")
    return "\n".join(lines) + "\n"
