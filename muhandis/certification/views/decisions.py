"""Pages of assessment and decision: the registrar assigns, the assessor assesses, the
committee votes; the holder sees the certificate."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core.formviews import form_page, submitted

from .. import selectors, services, verification_counts
from ..forms import decisions as forms
from ..models import Application, Assessment, Certificate


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
    application = assessment.application
    context = _assessment_forms(request)
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

    actions = {
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
    for name, (action, done) in actions.items():
        try:
            if context[name].is_bound and submitted(request, context[name], action, done):
                return redirect("certification:assessment", pk=assessment.pk)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    findings = {f.competency_id: f for f in assessment.findings.all()}
    rows = [
        (item, findings.get(item.competency_id))
        for item in application.scheme.competencies.select_related("competency")
    ]
    context.update(
        assessment=assessment,
        application=application,
        rows=rows,
        sees_file=assessment.status != Assessment.Status.ASSIGNED,
        exam_results=application.exam_results.all(),
        education=application.education.all(),
        experience=application.experience.all(),
        evidence=application.evidence.all(),
        referees=application.referees.all(),
        years=services.experience_years(application.experience.all()),
    )
    return form_page(request, "certification/assessment.html", context)


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
def committee_application(request: HttpRequest, public_id) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("candidate", "scheme"), public_id=public_id
    )
    form = forms.VoteForm(request.POST or None)
    problem = services.committee_problem(request.user, application)

    def vote(data):
        services.cast_vote(application=application, actor=request.user, request=request, **data)

    if problem is None and submitted(request, form, vote, _("Your vote has been recorded.")):
        return redirect("certification:committee_application", public_id=application.public_id)
    context = {
        "application": application,
        "form": form,
        "problem": problem,
        "readiness": services.readiness_problems(application),
        "assessments": application.assessments.select_related("assessor").prefetch_related(
            "findings__competency"
        ),
        "exam_results": application.exam_results.all(),
        "votes": application.votes.select_related("member"),
        "has_voted": application.votes.filter(member=request.user).exists(),
    }
    return form_page(request, "certification/committee_application.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The holder's (and staff's) page of a certificate. Registrars record suspensions,
    reinstatements, withdrawals, scope reductions and re-issues here, and see the whole history
    from the application to today."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("scheme", "holder", "replaces", "replaced_by"),
        public_id=public_id,
    )
    roles = usable_roles(request.user)
    staff = bool(roles & {Role.REGISTRAR, Role.COMMITTEE, Role.ADMIN})
    if certificate.holder_id != request.user.pk and not staff:
        raise Http404
    registrar = Role.REGISTRAR in roles
    if request.method == "POST" and not registrar:
        raise PermissionDenied(_("Only a registrar records decisions on certificates."))
    which = request.POST.get("form", "status") if request.method == "POST" else ""
    forms_by_name = {
        "status": forms.CertificateStatusForm,
        "scope": forms.ScopeReductionForm,
        "reissue": forms.ReissueForm,
    }
    bound = (
        {
            name: form_class(request.POST if which == name else None, prefix=name)
            for name, form_class in forms_by_name.items()
        }
        if registrar
        else {}
    )
    target = certificate

    def act(data: dict[str, Any]) -> None:
        nonlocal target
        if which == "scope":
            services.reduce_scope(
                certificate=certificate, actor=request.user, request=request, **data
            )
        elif which == "reissue":
            target = services.reissue_certificate(
                certificate=certificate, actor=request.user, request=request, **data
            )
        else:
            services.change_certificate_status(
                certificate=certificate, actor=request.user, request=request, **data
            )

    if which in bound and submitted(
        request, bound[which], act, _("The decision has been recorded.")
    ):
        return redirect("certification:certificate", public_id=target.public_id)
    context = {
        "certificate": certificate,
        "status": certificate.public_status(timezone.localdate()),
        "staff": staff,
        "status_form": bound.get("status"),
        "scope_form": bound.get("scope"),
        "reissue_form": bound.get("reissue"),
        "changes": certificate.status_changes.select_related("decided_by") if staff else None,
        "history": selectors.certificate_history(certificate) if staff else None,
        "verifications": verification_counts.verification_summary(certificate),
    }
    return form_page(request, "certification/certificate.html", context)
