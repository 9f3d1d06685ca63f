"""The item bank's staff pages: the list, an item with its versions and history, writing and
editing, images, import with a preview, and export.

Only examiners (authors and reviewers) and the exam manager (a registrar) open them; the rules
live in ``services`` and ``importing``. Seeing an item, and every export, is audited."""

import importlib
import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.models import User
from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core import previews
from muhandis.core.formviews import apply_errors, form_page
from muhandis.core.models import AuditEntry
from muhandis.exams.bank import importing, services
from muhandis.exams.bank.forms import (
    EXPORT_FORMATS,
    LANGUAGE_NAMES,
    BankFilterForm,
    ExportForm,
    ImageForm,
    ImportForm,
    ItemForm,
    RetireForm,
    initial_from_draft,
    version_draft,
)
from muhandis.exams.bank.rendering import images_by_number, render_text
from muhandis.exams.format_messages import translate
from muhandis.exams.formats import gift, moodle_xml, spreadsheet
from muhandis.exams.formats.items import (
    LANGUAGES,
    ImportResult,
    ItemDraft,
    Problem,
    option_label,
    to_content,
)
from muhandis.exams.models import Item, ItemImage, ItemVersion

BANK = (Role.EXAMINER, Role.REGISTRAR)
PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_SALT = "exams.bank_import"
KEPT_FILES = "exam-bank-imports"
V = ItemVersion.Status


def _is_author(user: User) -> bool:
    return Role.EXAMINER in usable_roles(user)


def _is_manager(user: User) -> bool:
    return Role.REGISTRAR in usable_roles(user)


def _refused(request: HttpRequest, exc: Exception) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


# The list ----------------------------------------------------------------------------------------


def _filtered(form: BankFilterForm) -> QuerySet[Item]:
    items = Item.objects.all()
    if not form.is_valid():
        return items.none()
    data = form.cleaned_data
    if data["q"]:
        text = Q(code__icontains=data["q"])
        for code in LANGUAGES:
            text |= Q(**{f"versions__content__texts__{code}__icontains": data["q"]})
        items = items.filter(text)
    if data["kind"]:
        items = items.filter(kind=data["kind"])
    if data["status"]:
        items = items.filter(versions__status=data["status"])
    if data["area"]:
        items = items.filter(competencies__area__code=data["area"])
    if data["scheme"]:
        items = items.filter(schemes__code=data["scheme"])
    if data["language"]:
        items = items.filter(versions__content__texts__has_key=data["language"])
    return items.distinct().order_by("code")


def _with_versions(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.prefetch_related(
        Prefetch(
            "versions",
            queryset=ItemVersion.objects.only("id", "item_id", "number", "status").order_by(
                "-number"
            ),
        ),
        "competencies",
    )


@role_required(*BANK)
@require_GET
def bank_list(request: HttpRequest) -> HttpResponse:
    form = BankFilterForm(request.GET)
    page = Paginator(_with_versions(_filtered(form)), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filters": [(key, value) for key in form.fields for value in request.GET.getlist(key)],
        "export_form": ExportForm(
            initial={"language": request.LANGUAGE_CODE}, formats=_formats(), auto_id="id_export_%s"
        ),
        "author": _is_author(request.user),
    }
    return render(request, "exams/bank/list.html", context)


# One item ----------------------------------------------------------------------------------------


def _item(pk: int) -> Item:
    return get_object_or_404(
        Item.objects.select_related("author").prefetch_related("competencies__area", "schemes"),
        pk=pk,
    )


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100, 5):g}"


def _shown(draft: ItemDraft) -> list[dict]:
    """The version as staff read it, one block per language it is written in."""
    blocks = []
    for code in draft.languages:
        blocks.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
                "text": draft.texts.get(code, ""),
                "options": [
                    {
                        "label": option_label(index),
                        "text": option.texts.get(code, ""),
                        "credit": _percent(option.fraction),
                        "correct": option.fraction > 0,
                        "feedback": option.feedback.get(code, ""),
                    }
                    for index, option in enumerate(draft.options)
                ],
                "pairs": [(p.left.get(code, ""), p.right.get(code, "")) for p in draft.pairs],
                "rubric": draft.rubric.get(code, ""),
                "feedback": draft.feedback.get(code, ""),
            }
        )
    return blocks


def _version_rows(item: Item, user: User) -> list[dict]:
    versions = item.versions.select_related("author", "reviewer").order_by("-number")
    images = images_by_number(item.images.all())

    def image_url(image: ItemImage) -> str:
        return reverse("exams:bank_image", kwargs={"pk": item.pk, "number": image.number})

    rows = []
    for version in versions:
        draft = version_draft(version)
        shown = _shown(draft)
        for block in shown:
            # The question as candidates will see it: formulas and images in place.
            block["html"] = render_text(
                block["text"], images=images, language=block["code"], image_url=image_url
            )
        rows.append(
            {
                "version": version,
                "draft": draft,
                "units": ", ".join(
                    unit.name if unit.multiplier == 1 else f"{unit.name} (×{unit.multiplier:g})"
                    for unit in draft.units
                ),
                "languages": shown,
                "may_review": version.status == V.DRAFT
                and _is_author(user)
                and version.author_id != user.pk,
                "may_activate": version.status == V.REVIEWED and _is_manager(user),
            }
        )
    return rows


def _history(item: Item) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        target_type=item._meta.label_lower, target_id=str(item.pk)
    ).select_related("actor")


def _alt(image: ItemImage, language: str) -> str:
    alt = image.alt if isinstance(image.alt, dict) else {}
    return alt.get(language) or next(iter(alt.values()), "")


def _item_page(request: HttpRequest, item: Item, **forms: Any) -> HttpResponse:
    rows = _version_rows(item, request.user)
    history = _history(item)
    in_use = any(row["version"].status in (V.ACTIVE, V.REVIEWED) for row in rows)
    context = {
        "item": item,
        "rows": rows,
        "images": [(image, _alt(image, request.LANGUAGE_CODE)) for image in item.images.all()],
        "history": history.exclude(action="exams.item.viewed").order_by("sequence"),
        "views": history.filter(action="exams.item.viewed").order_by("-sequence")[:50],
        "author": _is_author(request.user),
        "manager": _is_manager(request.user),
        "has_draft": any(row["version"].status == V.DRAFT for row in rows),
        "may_retire": in_use and _is_manager(request.user),
        "retire_form": forms.get("retire_form") or RetireForm(),
        "image_form": forms.get("image_form") or ImageForm(),
    }
    return form_page(request, "exams/bank/item.html", context)


@role_required(*BANK)
@require_GET
def bank_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    services.record_view(item=item, actor=request.user, request=request)
    return _item_page(request, item)


@role_required(Role.EXAMINER)
@require_POST
def bank_review(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(ItemVersion.objects.select_related("item"), pk=pk)
    try:
        services.review(version=version, actor=request.user, request=request)
        messages.success(request, _("Version %(number)d is reviewed.") % {"number": version.number})
    except (ValidationError, PermissionDenied) as exc:
        _refused(request, exc)
    return redirect("exams:bank_item", pk=version.item_id)


@role_required(Role.REGISTRAR)
@require_POST
def bank_activate(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(ItemVersion.objects.select_related("item"), pk=pk)
    try:
        services.activate(version=version, actor=request.user, request=request)
        messages.success(
            request,
            _("Version %(number)d is active: exams now draw it.") % {"number": version.number},
        )
    except (ValidationError, PermissionDenied) as exc:
        _refused(request, exc)
    return redirect("exams:bank_item", pk=version.item_id)


@role_required(Role.REGISTRAR)
@require_POST
def bank_retire(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    form = RetireForm(request.POST)
    if form.is_valid():
        try:
            services.retire(
                item=item, actor=request.user, reason=form.cleaned_data["reason"], request=request
            )
            messages.success(request, _("The item is retired: exams no longer draw it."))
            return redirect("exams:bank_item", pk=item.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    return _item_page(request, item, retire_form=form)


# Writing -----------------------------------------------------------------------------------------


def _warn(request: HttpRequest, form: ItemForm) -> None:
    for warning in form.warnings:
        messages.warning(request, warning)


@role_required(Role.EXAMINER)
@require_http_methods(["GET", "POST"])
def bank_new(request: HttpRequest) -> HttpResponse:
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.create_item(
                actor=request.user,
                code=data["code"],
                kind=data["kind"],
                content=form.content(),
                competencies=data["competencies"],
                schemes=data["schemes"],
                difficulty=data["difficulty"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _warn(request, form)
            messages.success(request, _("The item is saved as a draft for review."))
            return redirect("exams:bank_item", pk=item.pk)
    return form_page(request, "exams/bank/edit.html", {"form": form, "item": None})


@role_required(Role.EXAMINER)
@require_http_methods(["GET", "POST"])
def bank_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the draft, or start a new version from the newest one."""
    item = _item(pk)
    source = item.versions.filter(status=V.DRAFT).first() or item.versions.order_by("-number")[0]
    images = list(item.images.all())
    draft = version_draft(source)
    initial = {
        **initial_from_draft(draft),
        "difficulty": item.difficulty,
        "competencies": list(item.competencies.all()),
        "schemes": list(item.schemes.all()),
    }
    form = ItemForm(
        request.POST or None,
        item=item,
        images=images,
        initial=initial,
        rows=max(len(draft.options), len(draft.pairs)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            retagged, version = services.edit_item(
                item=item,
                actor=request.user,
                difficulty=form.cleaned_data["difficulty"],
                competencies=form.cleaned_data["competencies"],
                schemes=form.cleaned_data["schemes"],
                content=form.content(),
                source_content=to_content(draft),
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _warn(request, form)
            if version is not None:
                messages.success(
                    request,
                    _("Version %(number)d is saved as a draft for review.")
                    % {"number": version.number},
                )
            elif retagged:
                messages.success(request, _("The item's tags have been changed."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("exams:bank_item", pk=item.pk)
    context = {"form": form, "item": item, "source": source, "images": images}
    return form_page(request, "exams/bank/edit.html", context)


# Images ------------------------------------------------------------------------------------------


@role_required(Role.EXAMINER)
@require_POST
def bank_image_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _item_page(request, item, image_form=form)
    image = services.add_image(
        item=item,
        actor=request.user,
        upload=form.cleaned_data["file"],
        alt=form.alt(),
        request=request,
    )
    messages.success(
        request,
        _("Image %(number)d is kept. Write [image:%(number)d] in the text where it belongs.")
        % {"number": image.number},
    )
    return redirect("exams:bank_item", pk=item.pk)


@role_required(*BANK)
@require_GET
def bank_image(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    image = get_object_or_404(ItemImage, item_id=pk, number=number)
    response = FileResponse(image.file.open("rb"), content_type=image.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Import ------------------------------------------------------------------------------------------


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
        if result.ok and result.items:
            confirm = previews.keep(
                content, folder=KEPT_FILES, salt=PREVIEW_SALT, actor=request.user, **data
            )
    context = {
        "form": form,
        "result": result,
        "name": name,
        "problems": _shown_problems(result.problems) if result else [],
        "errors": len(result.errors) if result else 0,
        "confirm": confirm,
    }
    status = 400 if form.errors or (result is not None and not result.ok) else 200
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
        _refused(request, exc)
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


# Export ------------------------------------------------------------------------------------------


def _qti() -> ModuleType | None:
    """The QTI module, where this installation has one."""
    if importlib.util.find_spec("muhandis.exams.formats.qti") is None:
        return None
    module = importlib.import_module("muhandis.exams.formats.qti")
    return module if hasattr(module, "write") else None


def _formats() -> list[tuple[str, str]]:
    found = list(EXPORT_FORMATS)
    if _qti() is not None:
        found.append(("qti", gettext_lazy("QTI (IMS Question and Test Interoperability)")))
    return found


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
    qti = _qti()
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
    return _filtered(BankFilterForm(request.GET))


def _export_drafts(items: QuerySet[Item], versions: str) -> tuple[list[ItemDraft], list[str]]:
    """The drafts to write, and the codes of items left out (no version of the kind asked)."""
    chosen = items.prefetch_related(
        Prefetch("versions", queryset=ItemVersion.objects.order_by("-number")),
        "competencies",
        "schemes",
    )
    drafts, left_out = [], []
    for item in chosen:
        every = list(item.versions.all())
        if versions == "active":
            every = [v for v in every if v.status == V.ACTIVE]
        if not every:
            left_out.append(item.code)
            continue
        every[0].item = item
        drafts.append(version_draft(every[0]))
    return drafts, left_out


@role_required(*BANK)
@require_GET
def bank_export(request: HttpRequest) -> HttpResponse:
    """The chosen items in a format: first a page listing what the format cannot hold, then
    the file (``download=1``)."""
    formats = _formats()
    form = ExportForm(request.GET if "format" in request.GET else None, formats=formats)
    if not form.is_valid():
        context = {"form": form, "passed": _passed_on(request.GET, form)}
        return form_page(request, "exams/bank/export.html", context)
    fmt, language = form.cleaned_data["format"], form.cleaned_data["language"]
    drafts, left_out = _export_drafts(_chosen_items(request), form.cleaned_data["versions"])
    content, extension, media_type, problems = _write(fmt, drafts, language)
    if request.GET.get("download") != "1":
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
