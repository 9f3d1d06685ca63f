"""Bringing a question bank from another system into the item bank.

``read_bank`` parses the file by its kind (Moodle GIFT, Moodle XML, IMS QTI 2.1 items or
content packages, the authors' spreadsheet) and adds what only the bank can check: that the
competency and scheme codes exist. Its ``items`` are the questions that can be imported; a
question with an error is left out of them and its problems say why, so that one bad question
does not hold back the others (as Moodle imports a file). Only a problem with the file itself
(not with one question) stops the whole file. Nothing is written until ``import_previewed`` is
called; then every importable item becomes a draft, with its images, all or nothing, for
another examiner to review."""

from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.certification.models import Scheme
from muhandis.competencies.models import Competency, Framework
from muhandis.core import audit
from muhandis.exams.bank import services
from muhandis.exams.formats import gift, moodle_xml, qti, spreadsheet
from muhandis.exams.formats.items import ImportResult, ItemDraft, Problem, check, to_content
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


def blocking(result: ImportResult) -> list[Problem]:
    """The errors about the file itself (not about one of its questions): they stop it all."""
    return [p for p in result.errors if p.item is None and p.line in (None, 1)]


def importable(result: ImportResult) -> bool:
    return bool(result.items) and not blocking(result)


def _item_errors(
    item: ItemDraft, competencies: dict[str, Competency], schemes: dict[str, Scheme]
) -> list[Problem]:
    label = item.label or "—"
    problems = [
        Problem(
            None,
            label,
            _("No published competency has the code %(code)s.") % {"code": code},
            "error",
        )
        for code in item.competencies
        if code not in competencies
    ]
    problems += [
        Problem(None, label, _("No scheme has the code %(code)s.") % {"code": code}, "error")
        for code in item.schemes
        if code not in schemes
    ]
    if not item.competencies:
        problems.append(
            Problem(None, label, _("Tag the item with at least one competency."), "error")
        )
    return problems


def read_bank(
    filename: str, data: bytes, language: str = "en", default_competencies: tuple[str, ...] = ()
) -> ImportResult:
    """The items of the file that can be imported, and every problem, by line or row (nothing
    is written). Items that name no competency (GIFT cannot) get ``default_competencies``."""
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
    problems, kept = list(result.problems), []
    for item in result.items:
        found = _item_errors(item, competencies, schemes)
        problems += found
        if not found and not any(p.severity == "error" for p in check(item)):
            kept.append(item)
    return ImportResult(items=tuple(kept), problems=tuple(problems))


def import_bank(
    *, result: ImportResult, actor: User, code_prefix: str, request: HttpRequest | None = None
) -> list[Item]:
    """Create every importable item of a bank (as ``read_bank`` gives them) as a draft, with
    its images; all or nothing. A bank with nothing to import, or with a problem in the file
    itself, is refused."""
    if not importable(result):
        raise ValidationError(_("Correct the problems in the file first; nothing was imported."))
    competencies = _competencies({c for item in result.items for c in item.competencies})
    schemes = _schemes({s for item in result.items for s in item.schemes})
    drafts = [
        draft
        for draft in result.items
        if not _item_errors(draft, competencies, schemes)
        and not any(p.severity == "error" for p in check(draft))
    ]
    if not drafts:
        raise ValidationError(_("Correct the problems in the file first; nothing was imported."))
    made = []
    with transaction.atomic():
        start = Item.objects.filter(code__startswith=code_prefix).count() + 1
        for number, draft in enumerate(drafts, start=start):
            code = f"{code_prefix}{number:04d}"
            made.append(_create(draft, actor, code, competencies, schemes, request))
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
    """Import the bank a person previewed and confirmed: every importable item a draft, or
    none; the import is recorded with the file's name and digest and the number of questions
    left out, and the kept file is removed."""
    if not result.items:
        raise ValidationError(_("The file holds no item to import."))
    with transaction.atomic():
        made = import_bank(result=result, actor=actor, code_prefix=code_prefix, request=request)
        audit.record(
            "exams.bank.imported",
            actor=actor,
            after={
                "file": file_name,
                "sha256": sha256,
                "items": len(made),
                "errors": len(result.errors),
            },
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
    request: HttpRequest | None,
) -> Item:
    item = services.create_item(
        actor=actor,
        code=code,
        kind=draft.kind,
        content=to_content(draft),
        competencies=[competencies[c] for c in draft.competencies],
        schemes=[schemes[s] for s in draft.schemes],
        difficulty=draft.difficulty or 2,
        request=request,
    )
    for image in draft.images:  # numbered 1, 2, … in order, as the texts' [image:N] say
        upload = SimpleUploadedFile(image.name, image.data, content_type=image.content_type)
        # The format read the type from the file's bytes, as the upload form's check does.
        upload.checked_content_type = image.content_type  # type: ignore[attr-defined]
        services.add_image(item=item, actor=actor, upload=upload, alt=image.alt, request=request)
    return item
