"""Pages of assessment and decision: the registrar assigns, the assessor assesses, the
committee votes."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.certification.services import committee
from muhandis.core.formviews import form_page, submitted

from .. import services
from ..forms import decisions as forms
from ..models import Application, Assessment


@role_required(Role.REGISTRAR)
@require_POST
def assign_assessor(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_object_or_404(Application, public_id=public_id)
    form = forms.AssignAssessorForm(request.POST)
    if form.is_valid():
        try:
            services.assign_assessor(
                application=application,
                assessor=form.cleaned_data["assessor"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The assessor has been assigned."))
    else:
        messages.error(request, _("Choose an assessor."))
    return redirect("certification:registrar_application", public_id=application.public_id)


@role_required(Role.EXAMINER)
def my_assessments(request: HttpRequest) -> HttpResponse:
    assessments = (
        Assessment.objects.filter(assessor=request.user)
        .select_related("application__scheme")
        .order_by("-created_at")
    )
    return render(request, "certification/my_assessments.html", {"assessments": assessments})


def _assessment_forms(request: HttpRequest) -> dict:
    section = request.POST.get("section") if request.method == "POST" else None

    def bound(name: str, form_class: type[Form]) -> Form:
        return form_class(request.POST if section == name else None, prefix=name)

    return {
        "conflict_form": bound("conflict", forms.ConflictForm),
        "complete_form": bound("complete", forms.CompleteForm),
        "exam_form": bound("exam", forms.ExamResultForm),
        "finding_form": bound("finding", forms.FindingForm),
    }


@role_required(Role.EXAMINER)
@require_http_methods(["GET", "POST"])
def assessment_page(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(
        Assessment.objects.select_related(
            "application__scheme__framework", "application__candidate"
        ),
        pk=pk,
        assessor=request.user,
    )
    context = _assessment_forms(request)
    for name, (action, done) in _assessment_actions(request, assessment).items():
        try:
            if context[name].is_bound and submitted(request, context[name], action, done):
                return redirect("certification:assessment", pk=assessment.pk)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    context.update(_assessment_file(assessment))
    return form_page(request, "certification/assessment.html", context)


def _assessment_actions(
    request: HttpRequest, assessment: Assessment
) -> dict[str, tuple[Callable[[dict[str, Any]], object], str]]:
    """What each of the assessor's forms does, and what the assessor is told when it is done."""
    application = assessment.application
    common = {"actor": request.user, "request": request}

    def add_finding(data: dict[str, Any]) -> None:
        competency = get_object_or_404(
            application.scheme.competencies.select_related("competency"),
            competency_id=data["competency"],
        ).competency
        services.record_finding(
            assessment=assessment,
            competency=competency,
            level=data["level"],
            evidence=data["evidence"],
            **common,
        )

    return {
        "conflict_form": (
            lambda d: services.declare_conflict(assessment=assessment, **common, **d),
            _("Your declaration has been recorded."),
        ),
        "finding_form": (add_finding, _("The finding has been recorded.")),
        "complete_form": (
            lambda d: services.complete_assessment(assessment=assessment, **common, **d),
            _("Your assessment is complete."),
        ),
        "exam_form": (
            lambda d: services.record_exam_result(
                application=application, score=d["score"], **common
            ),
            _("The exam result has been recorded."),
        ),
    }


def _assessment_file(assessment: Assessment) -> dict[str, Any]:
    """The application's file as the assessor reads it, with a row per scheme competency."""
    application = assessment.application
    findings = {f.competency_id: f for f in assessment.findings.all()}
    rows = [
        (item, findings.get(item.competency_id))
        for item in application.scheme.competencies.select_related("competency")
    ]
    return {
        "assessment": assessment,
        "application": application,
        "rows": rows,
        "sees_file": assessment.status != Assessment.Status.ASSIGNED,
        "exam_results": application.exam_results.all(),
        "education": application.education.all(),
        "experience": application.experience.all(),
        "evidence": application.evidence.all(),
        "referees": application.referees.all(),
        "years": services.experience_years(application.experience.all()),
    }


@role_required(Role.COMMITTEE)
def committee_queue(request: HttpRequest) -> HttpResponse:
    applications = (
        Application.objects.filter(status=Application.Status.ACCEPTED)
        .select_related("candidate", "scheme")
        .order_by("submitted_at")
    )
    return render(request, "certification/committee_queue.html", {"applications": applications})


@role_required(Role.COMMITTEE)
@require_http_methods(["GET", "POST"])
def committee_application(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("candidate", "scheme"), public_id=public_id
    )
    form = forms.VoteForm(request.POST or None)
    problem = services.committee_problem(request.user, application)

    def vote(data: dict[str, Any]) -> None:
        services.cast_vote(application=application, actor=request.user, request=request, **data)

    if problem is None and submitted(request, form, vote, _("Your vote has been recorded.")):
        return redirect("certification:committee_application", public_id=application.public_id)
    context = {
        "application": application,
        "form": form,
        "readiness": services.readiness_problems(application),
        "assessments": application.assessments.select_related("assessor").prefetch_related(
            "findings__competency"
        ),
        "exam_results": application.exam_results.all(),
        **committee.ballot(
            votes=application.votes.all(),
            member=request.user,
            problem=problem,
            voting_open=application.status == Application.Status.ACCEPTED,
        ),
    }
    return form_page(request, "certification/committee_application.html", context)
