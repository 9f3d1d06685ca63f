"""The item bank's import (a file read and previewed, then confirmed) and export pages."""

import inspect
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core import previews
from muhandis.core.formviews import form_page
from muhandis.exams.bank import importing, services
from muhandis.exams.bank.forms import (
    BankFilterForm,
    ExportForm,
    ImportForm,
    version_draft,
)
from muhandis.exams.bank.views.common import (
    BANK,
    XLSX,
    export_formats,
    filtered_items,
    qti_module,
    refused,
)
from muhandis.exams.format_messages import translate
from muhandis.exams.formats import gift, moodle_xml, spreadsheet
from muhandis.exams.formats.items import (
    ImportResult,
    ItemDraft,
    Problem,
)
from muhandis.exams.models import Item, ItemKind, ItemVersion

PREVIEW_SALT = "exams.bank_import"
# The export formats that carry an item's image files (the others only say they cannot).
FORMATS_WITH_FILES = {"moodle_xml"}
KEPT_FILES = "exam-bank-imports"


@dataclass(frozen=True)
class ShownProblem:
    line: int | None
    column: str | None
    item: str | None
    message: str
    error: bool


def _shown_problems(problems: Iterable[Problem]) -> list[ShownProblem]:
    return [
        ShownProblem(p.line, p.column, p.item, translate(p.message), p.severity == "error")
        for p in sorted(problems, key=lambda p: (p.line is not None, p.line or 0))
    ]


def _read(content: bytes, data: dict) -> ImportResult:
    return importing.read_bank(data["name"], content, data["language"], tuple(data["competencies"]))


@role_required(Role.EXAMINER)
@require_http_methods(["GET", "POST"])
def bank_import(request: HttpRequest) -> HttpResponse:
    """Upload a bank and see every item and every problem; nothing is written yet."""
    form = ImportForm(
        request.POST or None, request.FILES or None, initial={"language": request.LANGUAGE_CODE}
    )
    result, confirm, name = None, None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content, name = upload.read(), upload.name
        data = {
            "name": name,
            "language": form.cleaned_data["language"],
            "competencies": list(form.cleaned_data["competencies"]),
            "prefix": form.cleaned_data["code_prefix"],
        }
        result = _read(content, data)
        if importing.importable(result):
            confirm = previews.keep(
                content, folder=KEPT_FILES, salt=PREVIEW_SALT, actor=request.user, **data
            )
    # A question with an error is listed and left out; the others can still be imported.
    refused = result is not None and bool(result.errors) and confirm is None
    context = {
        "form": form,
        "result": result,
        "rows": [(item, _kind_label(item.kind)) for item in result.items] if result else [],
        "name": name,
        "problems": _shown_problems(result.problems) if result else [],
        "errors": len(result.errors) if result else 0,
        "refused": refused,
        "confirm": confirm,
    }
    status = 400 if form.errors or refused else 200
    return render(request, "exams/bank/import.html", context, status=status)


@role_required(Role.EXAMINER)
@require_POST
def bank_import_confirm(request: HttpRequest) -> HttpResponse:
    """Import exactly the file that was previewed: every item a draft, or none."""
    try:
        content, data = previews.kept(request.POST, salt=PREVIEW_SALT, actor=request.user)
        made = importing.import_previewed(
            result=_read(content, data),
            actor=request.user,
            code_prefix=data["prefix"],
            file_name=data["name"],
            sha256=data["sha256"],
            kept_path=data["path"],
            request=request,
        )
    except ValidationError as exc:
        refused(request, exc)
        return redirect("exams:bank_import")
    messages.success(
        request,
        _("%(count)d items were imported as drafts, from %(first)s to %(last)s.")
        % {"count": len(made), "first": made[0].code, "last": made[-1].code},
    )
    return redirect(f"{reverse('exams:bank_list')}?status=draft&q={data['prefix']}")


@role_required(*BANK)
@require_GET
def bank_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(spreadsheet.template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="item-bank-template.xlsx"'
    return response


def _write(
    fmt: str, drafts: list[ItemDraft], language: str
) -> tuple[bytes, str, str, tuple[Problem, ...]]:
    """The file's content, its extension, its media type and what the format cannot hold."""
    if fmt == "gift":
        result = gift.write(drafts, language)
        return _bytes(result.content), "gift", "text/plain; charset=utf-8", result.problems
    if fmt == "moodle_xml":
        result = moodle_xml.write(drafts, language)
        return _bytes(result.content), "xml", "application/xml", result.problems
    if fmt == "xlsx":
        result = spreadsheet.write(drafts)
        return _bytes(result.content), "xlsx", XLSX, result.problems
    qti = qti_module()
    if fmt != "qti" or qti is None:
        raise Http404
    takes_language = "language" in inspect.signature(qti.write).parameters
    result = qti.write(drafts, language=language) if takes_language else qti.write(drafts)
    content = _bytes(result.content)
    if content.startswith(b"PK"):
        return content, "zip", "application/zip", result.problems
    return content, "xml", "application/xml", result.problems


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _chosen_items(request: HttpRequest) -> QuerySet[Item]:
    ids = [int(value) for value in request.GET.getlist("item") if value.isdigit()]
    if ids:
        return Item.objects.filter(pk__in=ids).order_by("code")
    return filtered_items(BankFilterForm(request.GET))


def _export_drafts(
    items: QuerySet[Item], versions: str, *, read_files: bool
) -> tuple[list[ItemDraft], list[str]]:
    """The drafts to write, and the codes of items left out (no version of the kind asked).
    Image files are read only when ``read_files`` (a download in a format that carries them)."""
    chosen = items.prefetch_related(
        Prefetch("versions", queryset=ItemVersion.objects.order_by("-number")),
        "competencies",
        "schemes",
        "images",
    )
    drafts, left_out = [], []
    for item in chosen:
        every = list(item.versions.all())
        if versions == "active":
            every = [v for v in every if v.status == ItemVersion.Status.ACTIVE]
        if not every:
            left_out.append(item.code)
            continue
        every[0].item = item
        # The item's images go with it, so that formats that carry files (Moodle XML) write them.
        drafts.append(version_draft(every[0], images=item.images.all(), read_files=read_files))
    return drafts, left_out


@role_required(*BANK)
@require_GET
def bank_export(request: HttpRequest) -> HttpResponse:
    """The chosen items in a format: first a page listing what the format cannot hold, then
    the file (``download=1``)."""
    formats = export_formats()
    form = ExportForm(request.GET if "format" in request.GET else None, formats=formats)
    if not form.is_valid():
        context = {"form": form, "passed": _passed_on(request.GET, form)}
        return form_page(request, "exams/bank/export.html", context)
    fmt, language = form.cleaned_data["format"], form.cleaned_data["language"]
    downloading = request.GET.get("download") == "1"
    drafts, left_out = _export_drafts(
        _chosen_items(request),
        form.cleaned_data["versions"],
        read_files=downloading and fmt in FORMATS_WITH_FILES,
    )
    content, extension, media_type, problems = _write(fmt, drafts, language)
    if not downloading:
        context = {
            "form": form,
            "drafts": drafts,
            "left_out": left_out,
            "warnings": _shown_problems(problems),
            "format_name": dict(formats)[fmt],
            "download": _with_download(request.GET),
            "passed": _passed_on(request.GET, form),
        }
        return render(request, "exams/bank/export.html", context)
    services.record_export(
        actor=request.user,
        fmt=fmt,
        language=language,
        versions=form.cleaned_data["versions"],
        items=[draft.name for draft in drafts],
        warnings=len(problems),
        request=request,
    )
    filename = f"item-bank-{timezone.localdate().isoformat()}.{extension}"
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_download(query: QueryDict) -> str:
    copy = query.copy()
    copy["download"] = "1"
    return copy.urlencode()


def _passed_on(query: QueryDict, form: ExportForm) -> list[tuple[str, str]]:
    """The list's filters and chosen items, carried along as hidden fields."""
    return [
        (key, value)
        for key in query
        if key not in form.fields and key not in ("download", "page")
        for value in query.getlist(key)
    ]


def _kind_label(kind: str) -> str:
    """An item's kind as the examiner reads it ("Single choice"), not its code."""
    return str(ItemKind(kind).label) if kind in ItemKind.values else kind
