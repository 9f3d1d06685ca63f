"""The report's downloads: XLSX and PDF for those who read the reports, the codebook with
them; the anonymised microdata only for those who run surveys."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from muhandis.accounts import selectors as accounts
from muhandis.accounts.permissions import role_required

from ..exports.microdata import codebook_markdown, export_microdata
from ..exports.pdf import report_pdf
from ..exports.tables import report_tables
from ..exports.xlsx import report_xlsx
from ..models import Survey
from ..permissions import MANAGERS, READERS
from . import report_data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_download_microdata(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and accounts.roles_of(user) & set(MANAGERS)
    )


def _download(content: bytes, *, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _survey(code: str) -> Survey:
    return get_object_or_404(Survey, code=code)


def _report(request: HttpRequest, code: str) -> report_data.Report:
    survey = _survey(code)
    profiles = report_data.profile_choices(survey)
    chosen = report_data.chosen_profile(survey, request.GET.get("profile", ""), profiles)
    return report_data.build_report(survey, profile=chosen)


@role_required(*READERS)
@require_GET
def report_xlsx_view(request: HttpRequest, code: str) -> HttpResponse:
    report = _report(request, code)
    content = report_xlsx(report_tables(report))
    return _download(content, content_type=XLSX, name=f"{code}-report-{get_language()}.xlsx")


@role_required(*READERS)
@require_GET
def report_pdf_view(request: HttpRequest, code: str) -> HttpResponse:
    report = _report(request, code)
    content = report_pdf(report, report_tables(report))
    return _download(
        content, content_type="application/pdf", name=f"{code}-report-{get_language()}.pdf"
    )


@role_required(*READERS)
@require_GET
def codebook_view(request: HttpRequest, code: str) -> HttpResponse:
    content = codebook_markdown(_survey(code)).encode("utf-8")
    return _download(
        content,
        content_type="text/markdown; charset=utf-8",
        name=f"{code}-codebook-{get_language()}.md",
    )


@role_required(*MANAGERS)
@require_GET
def microdata_view(request: HttpRequest, code: str) -> HttpResponse:
    content = export_microdata(survey=_survey(code), actor=request.user, request=request)
    return _download(content, content_type="text/csv; charset=utf-8", name=f"{code}-microdata.csv")


urlpatterns = [
    path("surveys/<slug:code>/report/report.xlsx", report_xlsx_view, name="report_xlsx"),
    path("surveys/<slug:code>/report/report.pdf", report_pdf_view, name="report_pdf"),
    path("surveys/<slug:code>/report/codebook.md", codebook_view, name="report_codebook"),
    path("surveys/<slug:code>/report/microdata.csv", microdata_view, name="report_microdata"),
]
