"""Pages of the application workflow: the candidate's, the referee's and the registrar's."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core.formviews import apply_errors, form_page, submitted
from muhandis.core.models import AuditEntry

from .. import services
from ..forms import applications as forms
from ..forms.decisions import AssignAssessorForm
from ..models import Application, EducationEntry, Evidence, ExperienceEntry, Referee, Scheme

ENTRY_MODELS = {
    "education": EducationEntry,
    "experience": ExperienceEntry,
    "referee": Referee,
    "evidence": Evidence,
}


def _own_application(request: HttpRequest, public_id: UUID) -> Application:
    return get_object_or_404(
        Application.objects.select_related("scheme", "candidate"),
        public_id=public_id,
        candidate=request.user,
    )


@require_POST
def apply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    scheme = get_object_or_404(Scheme, public_id=public_id, status=Scheme.Status.ACTIVE)
    if not request.user.is_authenticated:
        # After signing in, the candidate comes back to the scheme and presses Apply again.
        return redirect_to_login(reverse("certification:scheme", args=[scheme.public_id]))
    try:
        application = services.start_application(
            candidate=request.user, scheme=scheme, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("certification:my_applications")
    return redirect("certification:application", public_id=application.public_id)


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = Application.objects.filter(candidate=request.user).select_related("scheme")
    return render(request, "certification/my_applications.html", {"applications": applications})


def _section_forms(request: HttpRequest, application: Application) -> dict:
    section = request.POST.get("section") if request.method == "POST" else None

    def bound(name: str, form_class: type[Form], **kwargs: Any) -> Form:
        data = (request.POST, request.FILES) if section == name else ()
        return form_class(*data, prefix=name, **kwargs)

    return {
        "education_form": bound("education", forms.EducationForm),
        "experience_form": bound("experience", forms.ExperienceForm),
        "referee_form": bound("referee", forms.RefereeForm),
        "evidence_form": bound("evidence", forms.EvidenceForm),
        "submit_form": bound("submit", forms.SubmitForm),
    }


@login_required
@require_http_methods(["GET", "POST"])
def application_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own_application(request, public_id)
    context = _section_forms(request, application)
    if application.status != Application.Status.INFO_REQUESTED:
        del context["submit_form"].fields["answer"]
    common = {"application": application, "actor": request.user, "request": request}
    actions = {
        "education_form": (lambda d: services.add_education(**common, **d), _("Education added.")),
        "experience_form": (
            lambda d: services.add_experience(**common, **d),
            _("Experience added."),
        ),
        "referee_form": (lambda d: services.add_referee(**common, **d), _("Referee added.")),
        "evidence_form": (
            lambda d: services.add_evidence(**common, upload=d["file"], kind=d["kind"]),
            _("Document uploaded."),
        ),
        "submit_form": (
            lambda d: services.submit_application(
                **common,
                accept_code_of_conduct=d["accept_code_of_conduct"],
                accept_data_processing=d["accept_data_processing"],
                answer=d.get("answer", ""),
                certificate_language=d.get("certificate_language", ""),
            ),
            _("Your application has been submitted. Your referees have been asked to confirm."),
        ),
    }
    for name, (action, done) in actions.items():
        if context[name].is_bound and submitted(request, context[name], action, done):
            return redirect("certification:application", public_id=application.public_id)
    context.update(
        application=application,
        scheme=application.scheme,
        education=application.education.all(),
        experience=application.experience.all(),
        referees=application.referees.all(),
        evidence=application.evidence.all(),
        years=services.experience_years(application.experience.all()),
        problems=services.submission_problems(application) if application.editable else [],
    )
    return form_page(request, "certification/application.html", context)


@login_required
@require_POST
def remove_entry(request: HttpRequest, public_id: UUID, kind: str, pk: int) -> HttpResponse:
    application = _own_application(request, public_id)
    model = ENTRY_MODELS.get(kind)
    if model is None:
        return render(request, "404.html", status=404)
    entry = get_object_or_404(model, pk=pk, application=application)
    try:
        services.remove_entry(
            application=application, actor=request.user, entry=entry, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("certification:application", public_id=application.public_id)


@login_required
@require_POST
def withdraw(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own_application(request, public_id)
    try:
        services.withdraw_application(application=application, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("certification:my_applications")


@require_http_methods(["GET", "POST"])
def referee_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The page a referee opens from the email; no account is needed."""
    try:
        referee = services.referee_from_token(token)
    except ValidationError as exc:
        return render(
            request,
            "certification/referee_link_unusable.html",
            {"message": " ".join(exc.messages)},
            status=410,
        )
    form = forms.RefereeAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.respond_as_referee(
                token=token,
                confirmed=data["answer"] == "confirm",
                years=data["years"],
                statement=data["statement"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return render(request, "certification/referee_thanks.html", {"referee": referee})
    application = referee.application
    context = {
        "referee": referee,
        "application": application,
        "form": form,
        "experience": application.experience.all(),
    }
    return form_page(request, "certification/referee.html", context)


@role_required(Role.REGISTRAR)
def registrar_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Application.Status.SUBMITTED)
    if status not in Application.Status.values:
        status = Application.Status.SUBMITTED
    applications = (
        Application.objects.filter(status=status)
        .select_related("candidate", "scheme")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "certification/registrar_queue.html",
        {"page": page, "status": status, "statuses": Application.Status.choices},
    )


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def registrar_application(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("candidate", "scheme"), public_id=public_id
    )
    form = forms.EligibilityDecisionForm(request.POST or None)

    def decide(data: dict) -> None:
        services.decide_eligibility(
            application=application,
            actor=request.user,
            decision=data["decision"],
            reason=data["reason"],
            request=request,
        )

    if submitted(
        request, form, decide, _("The decision has been recorded and the candidate told.")
    ):
        return redirect("certification:registrar_application", public_id=application.public_id)
    history = (
        AuditEntry.objects.filter(
            target_type="certification.application", target_id=str(application.pk)
        )
        .select_related("actor")
        .order_by("sequence")
    )
    context = {
        "application": application,
        "form": form,
        "checks": services.eligibility(application),
        "assign_form": AssignAssessorForm(),
        "assessments": application.assessments.select_related("assessor"),
        "education": application.education.all(),
        "experience": application.experience.all(),
        "referees": application.referees.all(),
        "evidence": application.evidence.all(),
        "years": services.experience_years(application.experience.all()),
        "history": history,
    }
    return form_page(request, "certification/registrar_application.html", context)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A document, for its candidate and for registrars only."""
    from django.http import FileResponse

    from muhandis.accounts.selectors import usable_roles

    evidence = get_object_or_404(Evidence.objects.select_related("application"), pk=pk)
    if evidence.application.candidate_id != request.user.pk and Role.REGISTRAR not in usable_roles(
        request.user
    ):
        return render(request, "403.html", status=403)
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
