"""The survey as an XLSForm for KoboToolbox and ODK Collect: its download, and a draft survey
made from an XLSForm built from that template."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from muhandis.accounts.permissions import role_required

from .. import xlsform
from ..forms_imports import AnswerImportForm, XLSFormImportForm
from ..models import Channel, Survey
from ..permissions import MANAGERS
from . import imports


@role_required(*MANAGERS)
@require_GET
def xlsform_page(request: HttpRequest, code: str) -> HttpResponse:
    """The form to download, and the upload of the answers collected with it."""
    survey = get_object_or_404(Survey, code=code)
    context = {
        "survey": survey,
        "form": AnswerImportForm(),
        "questions": survey.items.count(),
        "imported": survey.responses.filter(channel=Channel.IMPORTED).count(),
    }
    return render(request, "needs/xlsform_page.html", context)


@role_required(*MANAGERS)
@require_GET
def xlsform_download(request: HttpRequest, code: str) -> HttpResponse:
    survey: Survey = get_object_or_404(Survey.objects.select_related("framework__scale"), code=code)
    response = HttpResponse(xlsform.export_workbook(survey), content_type=xlsform.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{survey.code}-xlsform.xlsx"'
    return response


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def xlsform_import(request: HttpRequest) -> HttpResponse:
    """Make a draft survey from an XLSForm; every problem is listed by sheet, row and column."""
    form = XLSFormImportForm(request.POST or None, request.FILES or None)
    problems, filename = [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        try:
            survey = xlsform.import_form(
                content=upload.read(),
                filename=filename,
                framework=form.cleaned_data["framework"],
                actor=request.user,
            )
        except xlsform.FormRefused as refused:
            problems = refused.problems
        else:
            messages.success(
                request,
                _(
                    "The draft survey “%(title)s” was made from the form, with %(count)d "
                    "competencies."
                )
                % {"title": survey.title, "count": survey.items.count()},
            )
            return redirect("needs:xlsform", code=survey.code)
    status = 400 if form.errors or problems else 200
    context = {"form": form, "problems": problems, "filename": filename}
    return render(request, "needs/xlsform_import.html", context, status=status)


urlpatterns = [
    path("xlsform/import/", xlsform_import, name="xlsform_import"),
    path("surveys/<slug:code>/xlsform/", xlsform_page, name="xlsform"),
    path("surveys/<slug:code>/xlsform/form.xlsx", xlsform_download, name="xlsform_download"),
    *imports.urlpatterns,
]
