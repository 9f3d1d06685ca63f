"""The item bank's staff pages: the list, an item with its versions and history, writing and
editing, images (import and export are in ``transfer``).

Only examiners (authors and reviewers) and the exam manager (a registrar) open them; the rules
live in ``services`` and ``importing``. Seeing an item, and every export, is audited."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.models import User
from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core.formviews import apply_errors, form_page
from muhandis.core.models import AuditEntry
from muhandis.exams.bank import services
from muhandis.exams.bank.forms import (
    LANGUAGE_NAMES,
    BankFilterForm,
    ExportForm,
    ImageForm,
    ItemForm,
    RetireForm,
    editable_content,
    initial_from_draft,
    version_draft,
)
from muhandis.exams.bank.rendering import images_by_number, render_text
from muhandis.exams.bank.views.common import BANK, export_formats, filtered_items, refused
from muhandis.exams.formats.items import (
    ItemDraft,
    option_label,
)
from muhandis.exams.models import Item, ItemImage, ItemVersion

PAGE_SIZE = 50
V = ItemVersion.Status


def _is_author(user: User) -> bool:
    return Role.EXAMINER in usable_roles(user)


def _is_manager(user: User) -> bool:
    return Role.REGISTRAR in usable_roles(user)


# The list ----------------------------------------------------------------------------------------


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
    page = Paginator(_with_versions(filtered_items(form)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filters": [(key, value) for key in form.fields for value in request.GET.getlist(key)],
        "export_form": ExportForm(
            initial={"language": request.LANGUAGE_CODE},
            formats=export_formats(),
            auto_id="id_export_%s",
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
        refused(request, exc)
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
        refused(request, exc)
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
        **initial_from_draft(draft, content=source.content),
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
                source_content=editable_content(source.content, draft),
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
