"""The comments on a consultation, clause by clause, to send to the body that asked: an XLSX
workbook (one sheet for the consultation) and a PDF, in the reader's language. A comment's author
and organisation are named unless they asked to stay anonymous in the export. Each export is
audited."""

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import User
from muhandis.core import audit, tables

from .models import Clause, Comment, Consultation, Position
from .selectors import consultations as selectors

COLUMNS = [
    gettext_lazy("Clause"),
    gettext_lazy("Heading"),
    gettext_lazy("Support"),
    gettext_lazy("Oppose"),
    gettext_lazy("Neutral"),
    gettext_lazy("Suggest a change"),
    gettext_lazy("Position"),
    gettext_lazy("Comment"),
    gettext_lazy("Proposed wording"),
    gettext_lazy("Author"),
    gettext_lazy("Organisation"),
    gettext_lazy("Date"),
]


@dataclass
class ClauseRows:
    clause: Clause
    counts: dict[str, int]
    comments: list[Comment]


def _gather(consultation: Consultation) -> list[ClauseRows]:
    rows = {
        c.pk: ClauseRows(c, {p: 0 for p in Position.values}, [])
        for c in consultation.clauses.order_by("order", "id")
    }
    for comment in selectors.comments_for_export(consultation):
        found = rows[comment.clause_id]
        found.counts[comment.position] += 1
        found.comments.append(comment)
    return list(rows.values())


def author_of(comment: Comment) -> tuple[str, str]:
    """(name, organisation) as the export shows them."""
    if comment.anonymous:
        return str(_("A member (anonymous)")), ""
    return comment.author.display_name, comment.organisation.name if comment.organisation else ""


def _filename(consultation: Consultation, extension: str) -> str:
    day = timezone.localdate().isoformat()
    return f"consultation-{str(consultation.public_id)[:8]}-{day}.{extension}"


def _sheet_title(consultation: Consultation) -> str:
    title = "".join(ch for ch in consultation.title if ch not in "[]:*?/\\")
    return (title or str(_("Consultation")))[:31]


def consultation_xlsx(
    *, consultation: Consultation, actor: User, request: HttpRequest | None = None
) -> tuple[bytes, str]:
    """One sheet: a row per clause with its counts and the staff's summary, then a row per
    comment on it."""
    import openpyxl

    audit.record("consultations.export.xlsx", actor=actor, target=consultation, request=request)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(consultation))
    sheet.append([tables.safe_cell(consultation.title)])
    sheet.append([str(consultation.get_kind_display()), tables.safe_cell(consultation.addressee)])
    sheet.append([])
    sheet.append([str(c) for c in COLUMNS])
    for entry in _gather(consultation):
        clause = entry.clause
        counts = [entry.counts[p] for p in Position.values]
        sheet.append(
            [
                clause.number,
                tables.safe_cell(clause.heading),
                *counts,
                "",
                tables.safe_cell(clause.summary),
            ]
        )
        for comment in entry.comments:
            name, organisation = author_of(comment)
            sheet.append(
                [
                    clause.number,
                    "",
                    "",
                    "",
                    "",
                    "",
                    str(comment.get_position_display()),
                    tables.safe_cell(comment.text),
                    tables.safe_cell(comment.proposed_wording),
                    tables.safe_cell(name),
                    tables.safe_cell(organisation),
                    timezone.localtime(comment.updated_at).date(),
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), _filename(consultation, "xlsx")


def consultation_pdf(
    *, consultation: Consultation, actor: User, request: HttpRequest | None = None
) -> tuple[bytes, str]:
    """The same, as a document: the consultation, the response if written, then each clause
    with its counts, the staff's summary and the comments."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from muhandis.core.pdf_fonts import register_fonts

    audit.record("consultations.export.pdf", actor=actor, target=consultation, request=request)
    register_fonts()
    s = _styles()
    story: list = [_p(consultation.title, s["title"])]
    story.append(
        _p(
            _("%(kind)s · sent to %(addressee)s · comments from %(opens)s to %(closes)s")
            % {
                "kind": consultation.get_kind_display(),
                "addressee": consultation.addressee,
                "opens": formats.date_format(consultation.opens_on, "SHORT_DATE_FORMAT"),
                "closes": formats.date_format(consultation.closes_on, "SHORT_DATE_FORMAT"),
            },
            s["note"],
        )
    )
    if (consultation.response or "").strip():
        story += [_p(_("The association's response"), s["head"])]
        story += [_p(part, s["base"]) for part in consultation.response.split("\n") if part]
    for entry in _gather(consultation):
        story += _clause_story(entry, s)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=consultation.title,
    )
    document.build([*story, Spacer(1, 1)])
    return buffer.getvalue(), _filename(consultation, "pdf")


def _clause_story(entry: ClauseRows, s: dict) -> list:
    clause = entry.clause
    counts = ", ".join(f"{label}: {entry.counts[value]}" for value, label in Position.choices)
    story = [
        _p(f"{clause.number} {clause.heading or ''}".strip(), s["head"]),
        _p(counts, s["note"]),
    ]
    if (clause.summary or "").strip():
        story.append(_p(_("Summary: %(text)s") % {"text": clause.summary}, s["base"]))
    if not entry.comments:
        story.append(_p(_("No comments on this clause."), s["note"]))
    for comment in entry.comments:
        name, organisation = author_of(comment)
        who = f"{name}, {organisation}" if organisation else name
        story.append(_p(f"{comment.get_position_display()} — {who}", s["bold"]))
        story.append(_p(comment.text, s["base"]))
        if comment.proposed_wording:
            story.append(
                _p(_("Proposed wording: %(text)s") % {"text": comment.proposed_wording}, s["quote"])
            )
    return story


def _styles() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    from muhandis.core.pdf_fonts import BOLD, FONT

    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=3)
    return {
        "base": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=15, leading=19, spaceAfter=4
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10
        ),
        "bold": ParagraphStyle("bold", parent=base, fontName=BOLD, spaceBefore=4, spaceAfter=1),
        "note": ParagraphStyle(
            "note", parent=base, fontSize=8.5, textColor=colors.HexColor("#555")
        ),
        "quote": ParagraphStyle(
            "quote", parent=base, leftIndent=12, textColor=colors.HexColor("#333")
        ),
    }


def _p(text: object, style: object) -> object:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)
