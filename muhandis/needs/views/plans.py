"""The priorities of a survey and the training plans drawn from them. Readers of the needs
reports see both; the training manager and the administrator create and change plans. Each
view checks the role, calls one service or selector and renders."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from muhandis.accounts.models import Region
from muhandis.accounts.permissions import role_required
from muhandis.accounts.selectors import roles_of
from muhandis.competencies.models import Competency
from muhandis.core.formviews import apply_errors, form_page
from muhandis.training.models import Course

from ..models import PlanLine, Survey, SurveyStatus, TrainingPlan
from ..permissions import MANAGERS, READERS
from ..selectors import plans as selectors
from ..services import plans as services
from . import findings

QUARTERS = [
    (1, gettext_lazy("Quarter 1 (January to March)")),
    (2, gettext_lazy("Quarter 2 (April to June)")),
    (3, gettext_lazy("Quarter 3 (July to September)")),
    (4, gettext_lazy("Quarter 4 (October to December)")),
]


class PlanForm(forms.Form):
    title_uz = forms.CharField(label=gettext_lazy("Title in Uzbek"), max_length=200)
    title_ru = forms.CharField(
        label=gettext_lazy("Title in Russian"), max_length=200, required=False
    )
    title_en = forms.CharField(
        label=gettext_lazy("Title in English"), max_length=200, required=False
    )
    year = forms.IntegerField(label=gettext_lazy("Year of the plan"))

    def titles(self) -> dict[str, str]:
        return {lang: self.cleaned_data[f"title_{lang}"] for lang in ("uz", "ru", "en")}


class NewPlanForm(PlanForm):
    include_middle = forms.BooleanField(
        label=gettext_lazy("Add lines for the middle priorities too"), required=False
    )


class LineForm(forms.Form):
    competency = forms.TypedChoiceField(label=gettext_lazy("Competency"), coerce=int)
    course = forms.TypedChoiceField(
        label=gettext_lazy("Course"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=gettext_lazy(
            "Leave empty when no course develops the competency yet: the line says a course "
            "is needed."
        ),
    )
    region = forms.TypedChoiceField(
        label=gettext_lazy("Region"), coerce=int, empty_value=None, required=False
    )
    quarter = forms.TypedChoiceField(label=gettext_lazy("Quarter"), coerce=int, choices=QUARTERS)
    target = forms.IntegerField(label=gettext_lazy("People to train"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, plan: TrainingPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = plan.survey.items.select_related("competency__area").order_by("sort_order", "id")
        self.fields["competency"].choices = [
            (item.competency_id, f"{item.competency.code} {item.competency.title}")
            for item in items
        ]
        self.fields["course"].choices = [
            ("", _("No course yet: a course is needed")),
            *((c.pk, f"{c.code} — {c.title}") for c in Course.objects.order_by("code")),
        ]
        self.fields["region"].choices = [
            ("", _("All regions")),
            *((r.pk, r.name) for r in Region.objects.all()),
        ]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "competency": Competency.objects.filter(pk=data["competency"])
            .select_related("framework")
            .first(),
            "course": Course.objects.filter(pk=data["course"]).first() if data["course"] else None,
            "region": Region.objects.filter(pk=data["region"]).first() if data["region"] else None,
            "quarter": data["quarter"],
            "target": data["target"],
            "note": data["note"],
        }


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the line removed?"), max_length=500, required=False
    )


def is_manager(request: HttpRequest) -> bool:
    return bool(roles_of(request.user) & set(MANAGERS))


def _survey(code: str) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("framework").exclude(status=SurveyStatus.DRAFT), code=code
    )


def _plan(public_id: Any) -> TrainingPlan:
    return get_object_or_404(TrainingPlan.objects.select_related("survey"), public_id=public_id)


def _priorities_page(
    request: HttpRequest, survey: Survey, *, include_middle: bool, plan_form: Any = None
) -> HttpResponse:
    manager = is_manager(request)
    if manager and plan_form is None:
        plan_form = NewPlanForm(
            initial={
                "year": timezone.localdate().year + 1,
                "title_uz": _("Training plan"),
                "include_middle": include_middle,
            },
            prefix="plan",
        )
    return form_page(
        request,
        "needs/plan_priorities.html",
        {
            "survey": survey,
            "priorities": selectors.priorities(survey, include_middle=include_middle),
            "manager": manager,
            "plan_form": plan_form,
            "closed": survey.status == SurveyStatus.CLOSED,
        },
    )


@require_GET
@role_required(*READERS)
def priorities(request: HttpRequest, code: str) -> HttpResponse:
    survey = _survey(code)
    return _priorities_page(request, survey, include_middle=request.GET.get("middle") == "1")


@require_POST
@role_required(*MANAGERS)
def plan_new(request: HttpRequest, code: str) -> HttpResponse:
    survey = _survey(code)
    form = NewPlanForm(request.POST, prefix="plan")
    if form.is_valid():
        try:
            plan = services.create_plan(
                actor=request.user,
                survey=survey,
                titles=form.titles(),
                year=form.cleaned_data["year"],
                include_middle=form.cleaned_data["include_middle"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The plan is created from the priorities. Adjust its lines below.")
            )
            return redirect("needs:plan", public_id=plan.public_id)
    include_middle = bool(form.data.get("plan-include_middle"))
    return _priorities_page(request, survey, include_middle=include_middle, plan_form=form)


@require_GET
@role_required(*READERS)
def plan_list(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        "needs/plan_list.html",
        {
            "plans": selectors.plans(),
            "surveys": selectors.surveys_with_answers(),
            "manager": is_manager(request),
        },
    )


@require_GET
@role_required(*READERS)
def plan(request: HttpRequest, public_id: Any) -> HttpResponse:
    found = _plan(public_id)
    return form_page(
        request,
        "needs/plan_detail.html",
        {"plan": found, "progress": selectors.plan_progress(found), "manager": is_manager(request)},
    )


@role_required(*MANAGERS)
def plan_edit(request: HttpRequest, public_id: Any) -> HttpResponse:
    found = _plan(public_id)
    initial = {f"title_{lang}": getattr(found, f"title_{lang}") for lang in ("uz", "ru", "en")}
    form = PlanForm(request.POST or None, initial=initial | {"year": found.year})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_plan(
                actor=request.user, plan=found, titles=form.titles(), year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("needs:plan", public_id=found.public_id)
    return form_page(request, "needs/plan_form.html", {"plan": found, "form": form})


@role_required(*MANAGERS)
def line_new(request: HttpRequest, public_id: Any) -> HttpResponse:
    found = _plan(public_id)
    form = LineForm(request.POST or None, plan=found, initial={"quarter": 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_line(actor=request.user, plan=found, **form.values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The line is added to the plan."))
            return redirect("needs:plan", public_id=found.public_id)
    return form_page(
        request, "needs/plan_line_form.html", {"plan": found, "form": form, "line": None}
    )


def _line(found: TrainingPlan, line_id: int) -> PlanLine:
    return get_object_or_404(
        PlanLine.objects.select_related("competency", "course", "region"), plan=found, pk=line_id
    )


@role_required(*MANAGERS)
def line_edit(request: HttpRequest, public_id: Any, line_id: int) -> HttpResponse:
    found = _plan(public_id)
    line = _line(found, line_id)
    initial = {
        "competency": line.competency_id,
        "course": line.course_id or "",
        "region": line.region_id or "",
        "quarter": line.quarter,
        "target": line.target,
        "note": line.note,
    }
    form = LineForm(request.POST or None, plan=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_line(actor=request.user, line=line, **form.values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The line is saved."))
            return redirect("needs:plan", public_id=found.public_id)
    return form_page(
        request,
        "needs/plan_line_form.html",
        {"plan": found, "form": form, "line": line, "remove_form": RemoveForm(prefix="remove")},
    )


@require_POST
@role_required(*MANAGERS)
def line_remove(request: HttpRequest, public_id: Any, line_id: int) -> HttpResponse:
    found = _plan(public_id)
    line = _line(found, line_id)
    form = RemoveForm(request.POST, prefix="remove")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.remove_line(actor=request.user, line=line, reason=reason)
    messages.success(request, _("The line is removed from the plan."))
    return redirect("needs:plan", public_id=found.public_id)


urlpatterns = [
    path("surveys/<slug:code>/priorities/", priorities, name="priorities"),
    path("surveys/<slug:code>/plans/new/", plan_new, name="plan_new"),
    path("plans/", plan_list, name="plans"),
    path("plans/<uuid:public_id>/", plan, name="plan"),
    path("plans/<uuid:public_id>/edit/", plan_edit, name="plan_edit"),
    path("plans/<uuid:public_id>/lines/new/", line_new, name="plan_line_new"),
    path("plans/<uuid:public_id>/lines/<int:line_id>/", line_edit, name="plan_line"),
    path(
        "plans/<uuid:public_id>/lines/<int:line_id>/remove/",
        line_remove,
        name="plan_line_remove",
    ),
    path("", include(findings.urlpatterns)),
]
