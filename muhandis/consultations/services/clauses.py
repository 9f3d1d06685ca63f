"""The clauses of a draft: split from pasted text by its numbered headings, added, changed or
removed one by one while the consultation is a draft. Every change is audited."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit

from ..models import Clause, Consultation, Status

# "3.2 Heading", "3.2. Heading", "3) Heading", "Article 3. Heading", "3-modda. Heading",
# "Статья 3. Heading", "§ 3 Heading": a number, then the heading on the same line.
HEADING = re.compile(
    r"^\s*(?:(?:Article|Modda|Статья|Пункт|Band|§)\s*)?"
    r"(?P<number>\d{1,3}(?:\.\d{1,3}){0,4})"
    r"(?:\s*-\s*(?:modda|band|bob))?[.):]?\s+(?P<heading>\S.*)$",
    re.IGNORECASE,
)
MAX_CLAUSES = 500
# The fields of a clause staff edit, in each language.
TEXTS = ("number", "heading_uz", "heading_ru", "heading_en", "text_uz", "text_ru", "text_en")
FIELDS = (*TEXTS, "order")


@dataclass(frozen=True)
class ClauseDraft:
    number: str
    heading: str
    text: str


def split_clauses(pasted: str) -> list[ClauseDraft]:
    """Cut ``pasted`` text into clauses at each line that starts with a number such as "3.2"
    or "Article 3"; the rest of that line is the heading and the lines below it the text.
    Text before the first numbered line is kept as a clause numbered "0" (a preamble)."""
    found: list[ClauseDraft] = []
    number, heading, lines = "", "", []  # type: ignore[var-annotated]

    def flush() -> None:
        body = "\n".join(lines).strip()
        if number or body:
            found.append(ClauseDraft(number or "0", heading.strip()[:300], body))

    for line in pasted.replace("\r\n", "\n").split("\n"):
        match = HEADING.match(line)
        if match:
            flush()
            number, heading, lines = match["number"], match["heading"], []
        else:
            lines.append(line.rstrip())
    flush()
    return found


def _check_draft(consultation: Consultation) -> None:
    if consultation.status != Status.DRAFT:
        raise ValidationError(
            _(
                "The clauses can be changed only while the consultation is a draft: members "
                "have already seen this wording."
            )
        )


def _check_unique(drafts: list[ClauseDraft]) -> None:
    if not drafts:
        raise ValidationError(
            _("No clause was found: start each clause on its own line with its number, e.g. 3.2.")
        )
    if len(drafts) > MAX_CLAUSES:
        raise ValidationError(_("A draft has at most %(count)s clauses.") % {"count": MAX_CLAUSES})
    seen: set[str] = set()
    for draft in drafts:
        if draft.number in seen:
            raise ValidationError(
                _(
                    "The number %(number)s is found twice: give each clause its own number, "
                    "or join the two parts."
                )
                % {"number": draft.number}
            )
        seen.add(draft.number)
    for draft in drafts:
        if not draft.text and not draft.heading:
            raise ValidationError(
                _("Clause %(number)s is empty: give it a heading or a text.")
                % {"number": draft.number}
            )


def replace_clauses(
    *,
    actor: User,
    consultation: Consultation,
    pasted: str,
    request: HttpRequest | None = None,
) -> list[Clause]:
    """Replace the draft's clauses with those split from ``pasted`` (in the draft's language)."""
    _check_draft(consultation)
    drafts = split_clauses(pasted)
    _check_unique(drafts)
    language = consultation.language
    with transaction.atomic():
        removed = list(consultation.clauses.values_list("number", flat=True))
        consultation.clauses.all().delete()
        made = Clause.objects.bulk_create(
            [
                Clause(
                    consultation=consultation,
                    order=index,
                    number=draft.number,
                    **{
                        f"heading_{language}": draft.heading,
                        f"text_{language}": draft.text or draft.heading,
                    },
                )
                for index, draft in enumerate(drafts, start=1)
            ]
        )
        audit.record(
            "consultations.clauses.replaced",
            actor=actor,
            target=consultation,
            before={"clauses": removed},
            after={"clauses": [d.number for d in drafts]},
            request=request,
        )
    return made


def _check_values(values: dict[str, Any], language: str) -> None:
    if not (values.get("number") or "").strip():
        raise ValidationError({"number": _("Give the clause its number, e.g. 3.2.")})
    if not (values.get(f"text_{language}") or "").strip():
        raise ValidationError(
            {f"text_{language}": _("Give the clause's text in the language of the draft.")}
        )


def save_clause(
    *,
    actor: User,
    consultation: Consultation,
    values: dict[str, Any],
    clause: Clause | None = None,
    request: HttpRequest | None = None,
) -> Clause:
    """Add a clause at the end (``clause`` None) or change one; numbers are unique."""
    _check_draft(consultation)
    _check_values(values, consultation.language)
    before = {name: getattr(clause, name) for name in FIELDS} if clause else None
    if clause is None:
        last = consultation.clauses.aggregate(last=Max("order"))["last"] or 0
        clause = Clause(consultation=consultation, order=last + 1)
    for name in TEXTS:
        setattr(clause, name, (values.get(name) or "").strip())
    if values.get("order") is not None:
        clause.order = values["order"]
    try:
        with transaction.atomic():
            clause.save()
            audit.record(
                "consultations.clause.saved",
                actor=actor,
                target=consultation,
                before=before,
                after={name: getattr(clause, name) for name in FIELDS},
                request=request,
            )
    except IntegrityError:
        raise ValidationError(
            {"number": _("Another clause has this number: give this one its own.")}
        ) from None
    return clause


def remove_clause(*, actor: User, clause: Clause, request: HttpRequest | None = None) -> None:
    _check_draft(clause.consultation)
    with transaction.atomic():
        audit.record(
            "consultations.clause.removed",
            actor=actor,
            target=clause.consultation,
            before={name: getattr(clause, name) for name in FIELDS},
            request=request,
        )
        clause.delete()
