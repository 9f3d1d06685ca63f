"""The staff's pages: programmes, a programme's applications and pairs, suggestions and
pairing, a pair (its meetings without their notes), and the outcomes by gender."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts.models import Gender
from muhandis.accounts.permissions import role_required
from muhandis.core.formviews import apply_errors

from ..forms import PairForm, ProgrammeForm, ReasonForm
from ..models import Programme
from ..permissions import STAFF
from ..selectors import matching
from ..selectors import outcomes as outcome_selectors
from ..selectors import programmes as selectors
from ..services import pairs as pair_services
from ..services import programmes as services


@role_required(*STAFF)
def programmes(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mentoring/staff_programmes.html", {"programmes": selectors.staff_programmes()}
    )


def _form_page(
    request: HttpRequest, form: ProgrammeForm, programme: Programme | None
) -> HttpResponse:
    return render(
        request,
        "mentoring/staff_programme_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@role_required(*STAFF)
def programme_new(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.create_programme(
                actor=request.user, values=form.values(), request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The programme is created."))
            return redirect("mentoring:staff_programme", public_id=made.public_id)
    return _form_page(request, form, None)


@role_required(*STAFF)
def programme_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.programme(public_id)
    form = ProgrammeForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(
                actor=request.user,
                programme=found,
                values=form.values(),
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("mentoring:staff_programme", public_id=found.public_id)
    return _form_page(request, form, found)


@role_required(*STAFF)
def programme_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.programme(public_id)
    return render(
        request,
        "mentoring/staff_programme.html",
        {
            "programme": found,
            "applications": selectors.programme_applications(found),
            "pairs": selectors.programme_pairs(found),
        },
    )


def _matching_page(
    request: HttpRequest, programme: Programme, form: PairForm | None = None
) -> HttpResponse:
    return render(
        request,
        "mentoring/staff_matching.html",
        {
            "programme": programme,
            "matching": matching.suggestions(programme),
            "form": form,
            "points": {
                "area": matching.POINTS_AREA,
                "region": matching.POINTS_REGION,
                "region_wished": matching.POINTS_REGION_WISHED,
                "language": matching.POINTS_LANGUAGE,
                "language_wished": matching.POINTS_LANGUAGE_WISHED,
                "mode": matching.POINTS_MODE,
            },
        },
        status=400 if form is not None and form.errors else 200,
    )


@role_required(*STAFF)
def matching_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _matching_page(request, selectors.programme(public_id))


@require_POST
@role_required(*STAFF)
def pair_create(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.programme(public_id)
    form = PairForm(request.POST, programme=found)
    if form.is_valid():
        try:
            made = pair_services.pair(
                actor=request.user,
                mentor=form.cleaned_data["mentor"],
                mentee=form.cleaned_data["mentee"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The pair is made; both have been told."))
            if made.mentee.wants_woman_mentor and made.mentor.person.gender != Gender.FEMALE:
                messages.warning(
                    request,
                    _("The mentee asked for a woman mentor: make sure she agrees to this pair."),
                )
            return redirect("mentoring:staff_pair", public_id=made.public_id)
    return _matching_page(request, found, form)


def _staff_pair_page(
    request: HttpRequest, public_id: UUID, form: ReasonForm | None = None
) -> HttpResponse:
    found = selectors.pair_for_staff(public_id)
    return render(
        request,
        "mentoring/staff_pair.html",
        {"pair": found, "form": form or ReasonForm(), "history": selectors.pair_history(found)},
        status=400 if form is not None and form.errors else 200,
    )


@role_required(*STAFF)
def staff_pair(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _staff_pair_page(request, public_id)


@require_POST
@role_required(*STAFF)
def pair_end(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.pair_for_staff(public_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            pair_services.end_pair(
                actor=request.user,
                pair=found,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The pair is ended; both have been told why."))
            return redirect("mentoring:staff_pair", public_id=found.public_id)
    return _staff_pair_page(request, public_id, form)


@role_required(*STAFF)
def outcomes(request: HttpRequest) -> HttpResponse:
    every = list(selectors.staff_programmes())
    chosen = next((p for p in every if str(p.public_id) == request.GET.get("programme")), None)
    return render(
        request,
        "mentoring/staff_outcomes.html",
        {
            "programmes": every,
            "chosen": chosen,
            "outcomes": outcome_selectors.outcomes(chosen),
            "threshold": outcome_selectors.THRESHOLD,
        },
    )


urlpatterns = [
    path("staff/", programmes, name="staff_programmes"),
    path("staff/new/", programme_new, name="programme_new"),
    path("staff/outcomes/", outcomes, name="outcomes"),
    path("staff/<uuid:public_id>/", programme_page, name="staff_programme"),
    path("staff/<uuid:public_id>/edit/", programme_edit, name="programme_edit"),
    path("staff/<uuid:public_id>/matching/", matching_page, name="matching"),
    path("staff/<uuid:public_id>/pair/", pair_create, name="pair_create"),
    path("staff/pairs/<uuid:public_id>/", staff_pair, name="staff_pair"),
    path("staff/pairs/<uuid:public_id>/end/", pair_end, name="pair_end"),
]
