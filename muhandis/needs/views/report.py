"""A survey's report for those who read the aggregated figures (never a person's answers): the
ranked competencies with their charts, the breakdowns, the response rates, the comparison with
an earlier wave; and the downloads."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_GET

from muhandis.accounts.permissions import role_required

from .. import charts
from ..models import Survey, SurveyStatus
from ..permissions import READERS
from . import report_breakdowns, report_data, report_downloads, report_rates, report_waves


def survey_for_report(code: str) -> Survey:
    return get_object_or_404(Survey.objects.select_related("previous_wave"), code=code)


@role_required(*READERS)
@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    """The surveys with answers to report on, newest first."""
    surveys = Survey.objects.exclude(status=SurveyStatus.DRAFT).order_by("-opens_on", "-id")
    return render(request, "needs/report_index.html", {"surveys": surveys})


@role_required(*READERS)
@require_GET
def report(request: HttpRequest, code: str) -> HttpResponse:
    survey = survey_for_report(code)
    profiles = report_data.profile_choices(survey)
    chosen = report_data.chosen_profile(survey, request.GET.get("profile", ""), profiles)
    data = report_data.build_report(survey, profile=chosen)
    rows = report_data.ranked_rows(data)
    context = {
        "survey": survey,
        "report": data,
        "analysis": data.analysis,
        "priority_labels": report_data.priority_labels(),
        "quadrant_names": charts.quadrant_names(),
        "mwds_chart": report_data.mwds_chart(data),
        "focus_chart": report_data.quadrant_chart(data),
        "cuts": report_data.quadrant_cuts(data),
        "rows": rows,
        "waves_available": True,
        "has_rdm": any(row.rdm is not None for row in rows),
        "has_share_below": any(row.share_below is not None for row in rows),
        "profile_title": report_data.profile_title(data),
        "profiles": profiles,
        "profile_code": data.analysis.profile.code if data.analysis.profile else "",
        "by": request.GET.get("by", ""),
        "can_download_microdata": report_downloads.may_download_microdata(request.user),
    }
    context |= breakdown_context(request, data)
    context |= report_rates.rates_context(data.analysis.rates)
    return render(request, "needs/report_survey.html", context)


def breakdown_context(request: HttpRequest, data: report_data.Report) -> dict:
    tables = data.analysis.breakdowns
    ranks = {c.code: c.rank for c in data.competencies}
    shown = report_breakdowns.shown_breakdown(
        tables, request.GET.get("by", ""), ranks=ranks, all_rows=request.GET.get("all") == "1"
    )
    return {
        "breakdown_section": shown is not None and bool(data.competencies),
        "breakdown": shown,
        "dimension_links": report_breakdowns.dimension_links(tables),
    }


urlpatterns = [
    path("reports/", report_index, name="report_index"),
    path("surveys/<slug:code>/report/", report, name="report"),
    *report_downloads.urlpatterns,
    *report_waves.urlpatterns,
]
