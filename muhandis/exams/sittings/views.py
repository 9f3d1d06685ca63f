"""Exam staff pages of sittings: their candidates and the release of their results (exam
manager), identity checks and incidents (invigilators).

Views are thin: the rules live in the sittings, attempts and results services."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core.formviews import apply_errors, form_page, submitted
from muhandis.exams.attempts import services as attempts
from muhandis.exams.models import (
    Answer,
    AttemptEvent,
    Registration,
    Result,
    Sitting,
)
from muhandis.exams.results import services as results
from muhandis.exams.sittings import services as sittings
from muhandis.exams.sittings.forms import IncidentForm, RegistrationForm, SittingForm


def _sitting_for(request: HttpRequest, pk: int) -> Sitting:
    sitting = get_object_or_404(
        Sitting.objects.select_related("blueprint__scheme", "blueprint__course"), pk=pk
    )
    if not sittings.can_see_sitting(request.user, sitting):
        raise Http404
    return sitting


def _refused(request: HttpRequest, exc: Exception) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


@role_required(Role.REGISTRAR, Role.EXAMINER)
def sitting_list(request: HttpRequest) -> HttpResponse:
    # A course's pre- and post-tests are the training manager's (exams:course_tests).
    found = Sitting.objects.filter(course_session__isnull=True)
    found = found.select_related("blueprint__scheme").annotate(
        candidates=Count("registrations", distinct=True)
    )
    if not sittings.is_manager(request.user):
        found = found.filter(invigilators=request.user)
    context = {"sittings": found[:200], "manager": sittings.is_manager(request.user)}
    return form_page(request, "exams/staff/sittings.html", context)


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def sitting_new(request: HttpRequest) -> HttpResponse:
    form = SittingForm(request.POST or None)
    created = {}

    def create(data: dict[str, Any]) -> None:
        created["sitting"] = sittings.create_sitting(actor=request.user, request=request, **data)

    if submitted(request, form, create, _("The sitting has been planned.")):
        return redirect("exams:staff_sitting", pk=created["sitting"].pk)
    return form_page(request, "exams/staff/sitting_new.html", {"form": form})


def _registration_rows(sitting: Sitting) -> list[dict]:
    registrations = sitting.registrations.select_related(
        "candidate", "identity_checked_by", "attempt", "attempt__result", "application"
    ).order_by("candidate__family_name", "candidate__given_name", "pk")
    rows = []
    for registration in registrations:
        attempt = getattr(registration, "attempt", None)
        rows.append(
            {
                "registration": registration,
                "attempt": attempt,
                "result": getattr(attempt, "result", None) if attempt else None,
                "form": RegistrationForm(
                    initial={
                        "language": registration.language,
                        "extra_minutes": registration.extra_minutes,
                    },
                    prefix=f"r{registration.pk}",
                ),
            }
        )
    return rows


@role_required(Role.REGISTRAR, Role.EXAMINER)
def sitting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _sitting_page(request, _sitting_for(request, pk))


def _sitting_page(
    request: HttpRequest, sitting: Sitting, incident_form: IncidentForm | None = None
) -> HttpResponse:
    """The sitting's page; a refused incident comes back on it with what was typed."""
    manager = sittings.is_manager(request.user)
    events = (
        AttemptEvent.objects.filter(attempt__registration__sitting=sitting)
        .exclude(kind="submitted_automatically")
        .select_related("attempt__registration__candidate")
        .order_by("-at")[:100]
    )
    context = {
        "sitting": sitting,
        "manager": manager,
        "invigilator": sittings.is_invigilator(request.user, sitting),
        "rows": _registration_rows(sitting),
        "waiting": sittings.waiting_applications(sitting).count() if manager else 0,
        "incident_form": incident_form or IncidentForm(sitting=sitting),
        "incidents": sitting.incidents.select_related("registration__candidate", "reported_by"),
        "events": events,
        "to_mark": Answer.objects.filter(
            attempt__registration__sitting=sitting,
            version__item__kind="essay",
            score__isnull=True,
        )
        .exclude(response__text="")
        .count(),
        "released": Result.objects.filter(
            attempt__registration__sitting=sitting, released_at__isnull=False
        ).count(),
    }
    return form_page(request, "exams/staff/sitting.html", context)


@role_required(Role.REGISTRAR)
@require_POST
def register_accepted(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting_for(request, pk)
    created = sittings.register_accepted(sitting=sitting, actor=request.user, request=request)
    messages.success(
        request,
        ngettext(
            "%(count)d candidate registered.", "%(count)d candidates registered.", len(created)
        )
        % {"count": len(created)},
    )
    return redirect("exams:staff_sitting", pk=sitting.pk)


@role_required(Role.REGISTRAR)
@require_POST
def registration_change(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("sitting"), pk=pk)
    form = RegistrationForm(request.POST, prefix=f"r{registration.pk}")
    if form.is_valid():
        try:
            sittings.change_registration(
                registration=registration, actor=request.user, request=request, **form.cleaned_data
            )
            messages.success(request, _("The registration has been changed."))
        except ValidationError as exc:
            _refused(request, exc)
    else:
        # The row's small form cannot show errors in place: each message names its field.
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("exams:staff_sitting", pk=registration.sitting_id)


@role_required(Role.EXAMINER)
@require_POST
def check_identity(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("sitting"), pk=pk)
    if not sittings.is_invigilator(request.user, registration.sitting):
        raise Http404
    attempts.check_identity(registration=registration, actor=request.user, request=request)
    messages.success(
        request,
        _("Identity of %(name)s checked: they may start.")
        % {"name": registration.candidate.display_name},
    )
    return redirect("exams:staff_sitting", pk=registration.sitting_id)


@role_required(Role.REGISTRAR, Role.EXAMINER)
@require_POST
def incident(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting_for(request, pk)
    form = IncidentForm(request.POST, sitting=sitting)
    if form.is_valid():
        try:
            sittings.report_incident(
                sitting=sitting,
                actor=request.user,
                description=form.cleaned_data["description"],
                registration=form.cleaned_data["registration"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The incident has been logged."))
            return redirect("exams:staff_sitting", pk=sitting.pk)
    return _sitting_page(request, sitting, incident_form=form)


@role_required(Role.REGISTRAR)
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting_for(request, pk)
    released, pending = results.release(sitting=sitting, actor=request.user, request=request)
    messages.success(
        request,
        ngettext("%(count)d result released.", "%(count)d results released.", released)
        % {"count": released},
    )
    if pending:
        messages.warning(
            request,
            ngettext(
                "%(count)d exam still waits for its essays to be marked.",
                "%(count)d exams still wait for their essays to be marked.",
                pending,
            )
            % {"count": pending},
        )
    return redirect("exams:staff_sitting", pk=sitting.pk)
