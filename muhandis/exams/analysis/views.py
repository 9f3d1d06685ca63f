"""Item analysis pages for the exam manager (registrar) and examiners: a sitting's analysis with
its downloads, and the bank's items over time. Candidates appear only under pseudonyms."""

from typing import Any

from django import forms
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.certification.models import Scheme
from muhandis.competencies.models import Area
from muhandis.exams.analysis import charts, services
from muhandis.exams.analysis import selectors as analysis_data
from muhandis.exams.models import Attempt, Sitting

ANALYSTS = (Role.REGISTRAR, Role.EXAMINER)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sitting(pk: int) -> Sitting:
    return get_object_or_404(
        Sitting.objects.select_related("blueprint__scheme", "blueprint__course"), pk=pk
    )


def _title(sitting: Sitting) -> str:
    scheme = sitting.blueprint.scheme
    if scheme is None:  # a course's pre- or post-test
        course = sitting.blueprint.course
        purpose = sitting.get_purpose_display()
        return f"{course.title} ({course.code}, {purpose}, {sitting.opens_at:%Y-%m-%d})"
    return f"{scheme.title} ({scheme.code} v{scheme.version}, {sitting.opens_at:%Y-%m-%d})"


@role_required(*ANALYSTS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    submitted = Count(
        "registrations__attempt", filter=Q(registrations__attempt__status=Attempt.Status.SUBMITTED)
    )
    found = Sitting.objects.select_related("blueprint__scheme", "blueprint__course").annotate(
        submitted=submitted
    )
    return render(request, "exams/analysis/index.html", {"sittings": found[:200]})


@role_required(*ANALYSTS)
@require_GET
def sitting_page(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(pk)
    result = analysis_data.analyse_sitting(sitting)
    bins = charts.score_bins(result.test.distribution, result.test.max_total)
    chart = charts.distribution_svg(bins, title=_("Distribution of total scores"))
    context = {
        "sitting": sitting,
        "result": result,
        "test": result.test,
        "bins": bins,
        "chart": mark_safe(chart),  # every text in the chart is escaped by charts
        "items": [_item_context(row) for row in result.items],
        "flag_texts": analysis_data.FLAG_TEXTS,
    }
    return render(request, "exams/analysis/sitting.html", context)


def _item_context(row: analysis_data.ItemRow) -> dict:
    return {
        "row": row,
        "flags": [(code, analysis_data.FLAG_TEXTS.get(code, code)) for code in row.stats.flags],
        "distractors": [
            {"d": d, "notes": [analysis_data.FLAG_TEXTS.get(n, n) for n in d.notes]}
            for d in row.distractors
        ],
    }


@role_required(*ANALYSTS)
@require_GET
def sitting_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    sitting = _sitting(pk)
    content = services.export_sitting(
        sitting=sitting, actor=request.user, fmt=fmt, title=_title(sitting), request=request
    )
    if fmt == "xlsx":
        content_type, filename = XLSX, f"item-analysis-{sitting.pk}.xlsx"
    else:
        content_type, filename = "application/zip", f"item-analysis-{sitting.pk}-csv.zip"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class BankFilterForm(forms.Form):
    scheme = forms.ChoiceField(label=gettext_lazy("Scheme"), required=False)
    area = forms.ChoiceField(label=gettext_lazy("Competency area"), required=False)
    since = forms.DateField(
        label=gettext_lazy("Sittings from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("Sittings until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period = forms.ChoiceField(
        label=gettext_lazy("One point per"),
        choices=[("sitting", gettext_lazy("Sitting")), ("quarter", gettext_lazy("Quarter"))],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        schemes = Scheme.objects.filter(blueprint__isnull=False).values_list("code", flat=True)
        self.fields["scheme"].choices = every + [(c, c) for c in sorted(set(schemes))]
        areas = Area.objects.values_list("code", flat=True)
        self.fields["area"].choices = every + [(c, c) for c in sorted(set(areas))]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end must not be before the start."))
        return data


@role_required(*ANALYSTS)
@require_GET
def bank_page(request: HttpRequest) -> HttpResponse:
    form = BankFilterForm(request.GET or None)
    trends = []
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        status = 200
        data = form.cleaned_data if form.is_bound else {}
        trends = analysis_data.bank_trends(
            scheme_code=data.get("scheme") or None,
            area_code=data.get("area") or None,
            since=data.get("since"),
            until=data.get("until"),
            period=data.get("period") or "sitting",
        )
    rows = [_trend_row(trend) for trend in trends]
    context = {"form": form, "rows": rows, "flag_texts": analysis_data.FLAG_TEXTS}
    return render(request, "exams/analysis/bank.html", context, status=status)


def _trend_row(trend: analysis_data.ItemTrend) -> dict:
    """The page's row of an item; the charts escape every text they hold."""
    versions = []
    for version in trend.versions:
        label = f"{trend.code} v{version.number}"
        latest = version.latest
        versions.append(
            {
                "version": version,
                "label": label,
                "latest": latest,
                "flags": [analysis_data.FLAG_TEXTS.get(f, f) for f in latest.flags]
                if latest
                else [],
                "difficulty_chart": mark_safe(
                    charts.sparkline_svg(
                        [p.difficulty for p in version.points],
                        title=_("Difficulty of %(item)s over time") % {"item": label},
                        ids=f"difficulty-{version.version_id}",
                    )
                ),
                "discrimination_chart": mark_safe(
                    charts.sparkline_svg(
                        [p.discrimination for p in version.points],
                        title=_("Discrimination of %(item)s over time") % {"item": label},
                        ids=f"discrimination-{version.version_id}",
                        low=-1.0,
                    )
                ),
            }
        )
    return {"trend": trend, "versions": versions}
