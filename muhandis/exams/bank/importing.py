"""Bringing a question bank from another system into the item bank.

``read_bank`` parses the file by its kind (Moodle GIFT, Moodle XML, IMS QTI 2.1 items or
content packages, the authors' spreadsheet)
and adds what only the bank can check: that the competency and scheme codes exist. Nothing is
written until ``import_bank`` is called with a bank free of errors; then every item becomes a
draft, all or nothing, for another examiner to review."""

from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.certification.models import Scheme
from muhandis.competencies.models import Competency, Framework
from muhandis.core import audit
from muhandis.exams.bank import services
from muhandis.exams.formats import gift, moodle_xml, qti, spreadsheet
from muhandis.exams.formats.items import ImportResult, ItemDraft, Problem, to_content
from muhandis.exams.models import Item

PARSERS = {
    ".gift": "gift",
    ".txt": "gift",
    ".xml": "moodle_xml",  # or QTI, when the file names the QTI namespace
    ".zip": "qti",
    ".xlsx": "spreadsheet",
    ".csv": "spreadsheet",
}


def _competencies(codes: Iterable[str]) -> dict[str, Competency]:
    published = Competency.objects.filter(
        framework__status=Framework.Status.PUBLISHED, code__in=list(codes)
    )
    return {c.code: c for c in published}


def _schemes(codes: Iterable[str]) -> dict[str, Scheme]:
    found = Scheme.objects.filter(code__in=list(codes)).exclude(status=Scheme.Status.DRAFT)
    return {s.code: s for s in found}


def read_bank(
    filename: str, data: bytes, language: str = "en", default_competencies: tuple[str, ...] = ()
) -> ImportResult:
    """Every item the file holds, and every problem, by line or row (nothing is written).
    Items that name no competency (GIFT cannot) get ``default_competencies``."""
    kind = PARSERS.get(PurePath(filename).suffix.lower())
    if kind is None:
        message = _(
            "Upload a GIFT (.gift, .txt), Moodle XML (.xml), QTI 2.1 (.xml, or a .zip content "
            "package) or spreadsheet (.xlsx, .csv) file."
        )
        return ImportResult((), (Problem(None, None, message, "error"),))
    if kind == "moodle_xml" and qti.is_qti(data):
        kind = "qti"
    if kind == "gift":
        result = gift.parse(data, language)
    elif kind == "moodle_xml":
        result = moodle_xml.parse(data, language)
    elif kind == "qti":
        result = qti.parse(data, language)
    else:
        result = spreadsheet.parse(data)
    if default_competencies:
        result = replace(
            result,
            items=tuple(
                item if item.competencies else replace(item, competencies=default_competencies)
                for item in result.items
            ),
        )
    competencies = _competencies({c for item in result.items for c in item.competencies})
    schemes = _schemes({s for item in result.items for s in item.schemes})
    problems = list(result.problems)
    for item in result.items:
        for code in item.competencies:
            if code not in competencies:
                problems.append(
                    Problem(
                        None,
                        item.name,
                        _("No published competency has the code %(code)s.") % {"code": code},
                        "error",
                    )
                )
        for code in item.schemes:
            if code not in schemes:
                problems.append(
                    Problem(
                        None,
                        item.name,
                        _("No scheme has the code %(code)s.") % {"code": code},
                        "error",
                    )
                )
        if not item.competencies:
            problems.append(
                Problem(None, item.name, _("Tag the item with at least one competency."), "error")
            )
    return replace(result, problems=tuple(problems))


def import_bank(
    *, result: ImportResult, actor: User, code_prefix: str, request: HttpRequest | None = None
) -> list[Item]:
    """Create every item of a bank read without errors, as drafts; all or nothing."""
    if result.errors:
        raise ValidationError(_("Correct the problems in the file first; nothing was imported."))
    competencies = _competencies({c for item in result.items for c in item.competencies})
    schemes = _schemes({s for item in result.items for s in item.schemes})
    made = []
    with transaction.atomic():
        start = Item.objects.filter(code__startswith=code_prefix).count() + 1
        for number, draft in enumerate(result.items, start=start):
            made.append(_create(draft, actor, f"{code_prefix}{number:04d}", competencies, schemes))
    return made


def import_previewed(
    *,
    result: ImportResult,
    actor: User,
    code_prefix: str,
    file_name: str,
    sha256: str,
    kept_path: str,
    request: HttpRequest | None = None,
) -> list[Item]:
    """Import the bank a person previewed and confirmed: every item a draft, or none; the
    import is recorded with the file's name and digest, and the kept file is removed."""
    if not result.items:
        raise ValidationError(_("The file holds no item to import."))
    with transaction.atomic():
        made = import_bank(result=result, actor=actor, code_prefix=code_prefix, request=request)
        audit.record(
            "exams.bank.imported",
            actor=actor,
            after={"file": file_name, "sha256": sha256, "items": len(made)},
            request=request,
        )
    default_storage.delete(kept_path)
    return made


def _create(
    draft: ItemDraft,
    actor: User,
    code: str,
    competencies: dict[str, Competency],
    schemes: dict[str, Scheme],
) -> Item:
    return services.create_item(
        actor=actor,
        code=code,
        kind=draft.kind,
        content=to_content(draft),
        competencies=[competencies[c] for c in draft.competencies],
        schemes=[schemes[s] for s in draft.schemes],
        difficulty=draft.difficulty or 2,
    )
