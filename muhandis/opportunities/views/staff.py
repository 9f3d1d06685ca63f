"""Staff pages: every opportunity whatever its status, and the tender import (preview, then
confirm)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.core import previews

from ..forms import BoardFilterForm, TenderImportForm
from ..models import Status
from ..permissions import STAFF
from ..selectors import board
from ..services import imports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_SALT = "opportunities.tender_import"
PREVIEW_ROWS = 200
KEPT_FILES = "tender-imports"


@role_required(*STAFF)
def manage(request: HttpRequest) -> HttpResponse:
    regions = board.regions()
    form = BoardFilterForm(request.GET or None, regions=regions)
    filters = form.filters() if request.GET else {}
    statuses = tuple(Status.values)
    if request.GET.get("status") in Status.values:
        statuses = (request.GET["status"],)
    page = board.page_of(board.filtered(filters, statuses=statuses), number=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "statuses": Status.choices,
        "status": request.GET.get("status", ""),
    }
    return render(request, "opportunities/manage.html", context)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file and see what it would add (nothing is written yet)."""
    form = TenderImportForm(request.POST or None, request.FILES or None)
    plan, confirm = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = imports.plan_import(
            content=content,
            filename=upload.name,
            actor=request.user,  # type: ignore[arg-type]
        )
        if not plan.problems and plan.opportunities:
            confirm = previews.keep(
                content,
                folder=KEPT_FILES,
                salt=PREVIEW_SALT,
                actor=request.user,  # type: ignore[arg-type]
                name=plan.filename,
            )
    context = {
        "form": form,
        "plan": plan,
        "confirm": confirm,
        "preview": plan.opportunities[:PREVIEW_ROWS] if plan else [],
        "columns": imports.COLUMNS,
    }
    status = 400 if form.errors or (plan and plan.problems) else 200
    return render(request, "opportunities/import.html", context, status=status)


@role_required(*STAFF)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import exactly the file that was previewed."""
    try:
        content, data = previews.kept(
            request.POST,
            salt=PREVIEW_SALT,
            actor=request.user,  # type: ignore[arg-type]
        )
        plan, made = imports.import_tenders(
            content=content,
            filename=data["name"],
            actor=request.user,  # type: ignore[arg-type]
            request=request,
        )
    except ValidationError as exc:
        for message in exc.messages[:50]:
            messages.error(request, message)
        return redirect("opportunities:import")
    default_storage.delete(data["path"])
    messages.success(
        request,
        _("%(added)d tenders were added; %(skipped)d rows were imported before and skipped.")
        % {"added": len(made), "skipped": len(plan.skipped)},
    )
    return redirect("opportunities:manage")


@role_required(*STAFF)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="tenders.xlsx"'
    return response


urlpatterns = [
    path("staff/", manage, name="manage"),
    path("staff/import/", import_page, name="import"),
    path("staff/import/confirm/", import_confirm, name="import_confirm"),
    path("staff/import/template/", import_template, name="import_template"),
]
