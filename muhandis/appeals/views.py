"""Pages of appeals and complaints: the appellant's, the panel's, the registrar's, and the
public complaint form."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from muhandis.accounts.models import User
from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import Application, Certificate
from muhandis.certification.selectors import verification
from muhandis.core.formviews import apply_errors, form_page, submitted
from muhandis.core.ratelimit import limited

from . import forms, selectors, services
from .models import Appeal, Complaint
from .services.appeals import AppealableDecision, tied
from .services.complaints import INVESTIGATOR_ROLES, may_investigate

# Complaints a client may file per minute (the form itself is not limited beyond the usual).
COMPLAINTS_PER_MINUTE = 5
# A field hidden from people and screen readers; bots that fill every field fill it.
HONEYPOT = "website"


@login_required
def my_appeals(request: HttpRequest) -> HttpResponse:
    context = {
        "appeals": selectors.appeals_of(request.user),
        "decisions": services.appealable_decisions(request.user),
    }
    return render(request, "appeals/my_appeals.html", context)


def _own_decision(
    request: HttpRequest, kind: str, public_id: UUID
) -> tuple[Application | Certificate, AppealableDecision | None]:
    if kind == "application":
        application = get_object_or_404(
            Application.objects.select_related("scheme"),
            public_id=public_id,
            candidate=request.user,
        )
        return application, services.decision_on_application(application)
    if kind == "certificate":
        certificate = get_object_or_404(
            Certificate.objects.select_related("scheme"), public_id=public_id, holder=request.user
        )
        return certificate, services.decision_on_certificate(certificate)
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def lodge(request: HttpRequest, kind: str, public_id: UUID) -> HttpResponse:
    subject, found = _own_decision(request, kind, public_id)
    form = forms.AppealForm(request.POST or None, request.FILES or None)
    context = {"subject": subject, "found": found, "form": form}
    if found is None:
        return render(request, "appeals/lodge.html", context, status=404)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.lodge_appeal(
                found=found,
                appellant=request.user,
                grounds=form.cleaned_data["grounds"],
                evidence=form.cleaned_data["evidence"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your appeal has been lodged."))
            return redirect("appeals:appeal", public_id=appeal.public_id)
    return form_page(request, "appeals/lodge.html", context)


@login_required
def appeal_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    appeal = get_object_or_404(
        Appeal.objects.select_related("application__scheme", "certificate"),
        public_id=public_id,
        appellant=request.user,
    )
    return render(request, "appeals/appeal.html", {"appeal": appeal})


def _may_see_appeal(user: User, appeal: Appeal) -> bool:
    roles = usable_roles(user)
    if appeal.appellant_id == user.pk or Role.REGISTRAR in roles:
        return True
    return Role.COMMITTEE in roles and appeal.panel.filter(member=user).exists()


def _file(field: FieldFile, content_type: str) -> FileResponse:
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def appeal_evidence(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    appeal = get_object_or_404(Appeal, public_id=public_id)
    if not appeal.evidence or not _may_see_appeal(request.user, appeal):
        raise Http404
    return _file(appeal.evidence, appeal.evidence_type)


@role_required(Role.REGISTRAR)
def appeals_queue(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    appeals = selectors.appeals_queue(open_only=not show_all)
    context = {"appeals": appeals, "all": show_all, "today": timezone.localdate()}
    return render(request, "appeals/appeals_queue.html", context)


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def appeal_staff(request: HttpRequest, public_id: UUID) -> HttpResponse:
    appeal = get_object_or_404(
        Appeal.objects.select_related(
            "appellant", "application__scheme", "certificate", "status_change"
        ),
        public_id=public_id,
    )
    section = request.POST.get("section") if request.method == "POST" else None
    panel_form = forms.PanelForm(request.POST if section == "panel" else None, prefix="panel")
    if section == "acknowledge":
        try:
            services.acknowledge_appeal(appeal=appeal, actor=request.user, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The appeal has been acknowledged."))
        return redirect("appeals:appeal_staff", public_id=appeal.public_id)

    def appoint(data: dict) -> None:
        services.form_panel(
            appeal=appeal, members=list(data["members"]), actor=request.user, request=request
        )

    if section == "panel" and submitted(
        request, panel_form, appoint, _("The panel has been appointed.")
    ):
        return redirect("appeals:appeal_staff", public_id=appeal.public_id)
    context = {
        "appeal": appeal,
        "panel_form": panel_form,
        "panel": appeal.panel.select_related("member"),
        "tied": tied(appeal),
        "history": selectors.history(appeal),
    }
    return form_page(request, "appeals/appeal_staff.html", context)


@role_required(Role.COMMITTEE)
def panels(request: HttpRequest) -> HttpResponse:
    return render(request, "appeals/panels.html", {"seats": selectors.panel_seats_of(request.user)})


@role_required(Role.COMMITTEE)
@require_http_methods(["GET", "POST"])
def panel_appeal(request: HttpRequest, public_id: UUID) -> HttpResponse:
    appeal = get_object_or_404(
        Appeal.objects.select_related(
            "appellant", "application__scheme", "certificate", "status_change"
        ),
        public_id=public_id,
        panel__member=request.user,
    )
    seat = appeal.panel.get(member=request.user)
    form = forms.PanelVoteForm(request.POST or None)

    def vote(data: dict) -> None:
        services.cast_panel_vote(appeal=appeal, actor=request.user, request=request, **data)

    if submitted(request, form, vote, _("Your vote has been recorded.")):
        return redirect("appeals:panel_appeal", public_id=appeal.public_id)
    context = {
        "appeal": appeal,
        "seat": seat,
        "form": form,
        "panel": appeal.panel.select_related("member"),
    }
    return form_page(request, "appeals/panel_appeal.html", context)


def _certificate(number: str) -> Certificate:
    found = verification.look_up(number)
    if found.certificate is None:
        raise Http404(found.problem)
    return found.certificate


@require_http_methods(["GET", "POST"])
def complain(request: HttpRequest, number: str) -> HttpResponse:
    """Anyone complains about a certified engineer; no account is needed."""
    certificate = _certificate(number)
    if request.method == "POST":
        return _file_complaint(request, certificate)
    return form_page(
        request,
        "appeals/complain.html",
        {"certificate": certificate, "form": forms.ComplaintForm()},
    )


@limited("complaint", per_minute=COMPLAINTS_PER_MINUTE)
def _file_complaint(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    if request.POST.get(HONEYPOT):
        # A bot filled the field people never see: answer as usual, keep nothing.
        return render(request, "appeals/complaint_thanks.html", {"complaint": None})
    form = forms.ComplaintForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.file_complaint(
                certificate=certificate,
                name=data["name"],
                email=data["email"],
                relation=data["relation"],
                description=data["description"],
                evidence=data["evidence"],
                language=translation.get_language(),
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return render(request, "appeals/complaint_thanks.html", {"complaint": complaint})
    return form_page(request, "appeals/complain.html", {"certificate": certificate, "form": form})


@role_required(Role.REGISTRAR)
def complaints_queue(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    complaints = selectors.complaints_queue(open_only=not show_all)
    context = {"complaints": complaints, "all": show_all, "today": timezone.localdate()}
    return render(request, "appeals/complaints_queue.html", context)


def _complaint_forms(request: HttpRequest) -> dict:
    section = request.POST.get("section") if request.method == "POST" else None

    def bound(name: str, form_class: type[BaseForm]) -> BaseForm:
        return form_class(request.POST if section == name else None, prefix=name)

    return {
        "investigator_form": bound("investigator", forms.InvestigatorForm),
        "note_form": bound("note", forms.NoteForm),
        "close_form": bound("close", forms.CloseComplaintForm),
    }


@role_required(*INVESTIGATOR_ROLES)
@require_http_methods(["GET", "POST"])
def complaint_staff(request: HttpRequest, public_id: UUID) -> HttpResponse:
    complaint = get_object_or_404(
        Complaint.objects.select_related("certificate__holder", "investigator"),
        public_id=public_id,
    )
    if not may_investigate(request.user, complaint):
        raise PermissionDenied(_("This complaint is assigned to someone else."))
    common = {"complaint": complaint, "actor": request.user, "request": request}
    if request.POST.get("section") == "acknowledge":
        try:
            services.acknowledge_complaint(**common)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The complaint has been acknowledged."))
        return redirect("appeals:complaint_staff", public_id=complaint.public_id)
    context = _complaint_forms(request)
    actions = {
        "investigator_form": (
            lambda d: services.assign_investigator(**common, **d),
            _("The investigator has been assigned."),
        ),
        "note_form": (lambda d: services.add_note(**common, **d), _("The note has been saved.")),
        "close_form": (
            lambda d: services.close_complaint(**common, **d),
            _("The complaint has been closed and the complainant told."),
        ),
    }
    for name, (action, done) in actions.items():
        if context[name].is_bound and submitted(request, context[name], action, done):
            return redirect("appeals:complaint_staff", public_id=complaint.public_id)
    context.update(
        complaint=complaint,
        registrar=Role.REGISTRAR in usable_roles(request.user),
        notes=complaint.notes.select_related("author"),
        history=selectors.history(complaint),
    )
    return form_page(request, "appeals/complaint_staff.html", context)


@role_required(*INVESTIGATOR_ROLES)
def complaint_evidence(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    complaint = get_object_or_404(Complaint, public_id=public_id)
    if not complaint.evidence or not may_investigate(request.user, complaint):
        raise Http404
    return _file(complaint.evidence, complaint.evidence_type)
