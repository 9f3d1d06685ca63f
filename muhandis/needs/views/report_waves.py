"""Two waves of a survey compared: per competency both MWDS, the change and the verdict
(closed, widened, no clear change, not comparable), with a chart and its table."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from muhandis.accounts.permissions import role_required

from .. import charts
from ..models import Survey, SurveyStatus
from ..permissions import READERS
from ..selectors.waves import compare_waves
from .report_breakdowns import p_text


def verdict_labels() -> dict[str, str]:
    return {
        "closed": _("closed"),
        "widened": _("widened"),
        "no_change": _("no clear change"),
        "not_comparable": _("not comparable"),
    }


def earlier_choices(survey: Survey) -> list[Survey]:
    """The surveys this one can be compared with: any other that has been opened."""
    return list(
        Survey.objects.exclude(pk=survey.pk)
        .exclude(status=SurveyStatus.DRAFT)
        .order_by("-opens_on", "-id")
    )


def change_rows(comparison: Any) -> list[dict[str, Any]]:
    labels = verdict_labels()
    rows = []
    for change in comparison.changes:
        test = ""
        if change.test is not None and change.p_adjusted is not None:
            test = f"{p_text(change.p_adjusted)}, g = {number_format(change.test.effect, 2)}"
        rows.append(
            {
                "change": change,
                "verdict": str(change.verdict),
                "verdict_label": labels.get(str(change.verdict), str(change.verdict)),
                "test": test,
            }
        )
    return rows


def change_chart(comparison: Any, rows: list[dict[str, Any]]) -> str:
    marks = [
        charts.Change(
            label=f"{row['change'].code} {row['change'].title}",
            before=row["change"].earlier.mwds if row["change"].earlier else None,
            after=row["change"].later.mwds if row["change"].later else None,
            verdict=row["verdict_label"],
        )
        for row in rows
    ]
    return charts.change_svg(
        marks,
        before_label=str(comparison.earlier.title),
        after_label=str(comparison.later.title),
        title=_("Training need (MWDS) in the two waves"),
        ids="waves-chart",
    )


@role_required(*READERS)
@require_GET
def report_waves(request: HttpRequest, code: str) -> HttpResponse:
    survey: Survey = get_object_or_404(Survey.objects.select_related("previous_wave"), code=code)
    choices = earlier_choices(survey)
    wanted = request.GET.get("earlier") or (
        survey.previous_wave.code if survey.previous_wave else ""
    )
    earlier = next((s for s in choices if s.code == wanted), None)
    context: dict[str, Any] = {"survey": survey, "choices": choices, "earlier": earlier}
    if earlier is not None:
        comparison = compare_waves(earlier=earlier, later=survey)
        rows = change_rows(comparison)
        context |= {
            "comparison": comparison,
            "rows": rows,
            "chart": change_chart(comparison, rows),
            "closed": [r for r in rows if r["verdict"] == "closed"],
            "widened": [r for r in rows if r["verdict"] == "widened"],
        }
    return render(request, "needs/report_waves.html", context)


urlpatterns = [
    path("surveys/<slug:code>/report/waves/", report_waves, name="report_waves"),
]
