"""Registrar pages for bulk work: import the pilot's certificates, export the register."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core import previews

from .. import bulk
from ..forms.bulk import ImportUploadForm
from ..forms.register import RegisterSearchForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_SALT = "certification.bulk_import"
PREVIEW_ROWS = 200
KEPT_FILES = "certificate-imports"


def _confirmation(
    request: HttpRequest, plan: bulk.ImportPlan, content: bytes
) -> previews.ConfirmForm:
    return previews.keep(
        content, folder=KEPT_FILES, salt=PREVIEW_SALT, actor=request.user, name=plan.filename
    )


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file and see what it would create (nothing is written yet)."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    plan, confirm = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = bulk.plan_import(content=content, filename=upload.name, actor=request.user)
        if not plan.problems:
            confirm = _confirmation(request, plan, content)
    context = {
        "form": form,
        "plan": plan,
        "confirm": confirm,
        "preview": plan.certificates[:PREVIEW_ROWS] if plan else [],
        "columns": bulk.COLUMNS,
    }
    status = 400 if form.errors or (plan and plan.problems) else 200
    return render(request, "certification/bulk/import.html", context, status=status)


@role_required(Role.REGISTRAR)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import exactly the file that was previewed."""
    try:
        content, data = previews.kept(request.POST, salt=PREVIEW_SALT, actor=request.user)
        result = bulk.import_certificates(
            content=content, filename=data["name"], actor=request.user, request=request
        )
    except ValidationError as exc:
        for message in exc.messages[:50]:
            messages.error(request, message)
        return redirect("certification:bulk_import")
    default_storage.delete(data["path"])
    messages.success(
        request,
        _("%(certificates)d certificates were imported; %(people)d accounts were created.")
        % {"certificates": len(result.certificates), "people": result.people_created},
    )
    return redirect("certification:bulk_import")


@role_required(Role.REGISTRAR)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(bulk.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="certificate-import.xlsx"'
    return response


@role_required(Role.REGISTRAR)
@require_GET
def register_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The register as CSV or XLSX, with the register page's filters (?q=&scheme=&…)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form = RegisterSearchForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The filters are not valid: %s") % form.errors.as_text())
    filters = {key: form.cleaned_data[key] for key in ("scheme", "region", "status")}
    content, filename = bulk.export_register(
        query=form.cleaned_data["q"], filters=filters, fmt=fmt, actor=request.user, request=request
    )
    if isinstance(content, bytes):
        response: HttpResponse | StreamingHttpResponse = HttpResponse(content, content_type=XLSX)
    else:
        response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
