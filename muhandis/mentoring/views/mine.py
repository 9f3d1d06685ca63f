"""A person's own mentoring: their applications, their pairs, and on a pair's page its
meetings (with the notes, for the two of them only) and goals."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.core.formviews import apply_errors

from ..forms import GoalForm, MeetingForm
from ..models import Pair
from ..selectors import programmes as selectors
from ..services import applications as application_services
from ..services import pairs as services


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    found = selectors.mine(request.user)
    return render(request, "mentoring/page_mine.html", {"mine": found})


@require_POST
@login_required
def withdraw(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = selectors.application_of(public_id)
    if application.person_id != request.user.pk:
        raise Http404
    try:
        application_services.withdraw(actor=request.user, application=application, request=request)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("mentoring:mine")


def _pair_page(
    request: HttpRequest,
    pair: Pair,
    *,
    meeting_form: MeetingForm | None = None,
    goal_form: GoalForm | None = None,
) -> HttpResponse:
    invalid = any(f is not None and f.errors for f in (meeting_form, goal_form))
    context = {
        "pair": pair,
        "is_mentee": request.user.pk == pair.mentee.person_id,
        "meeting_form": meeting_form or MeetingForm(),
        "goal_form": goal_form or GoalForm(),
    }
    return render(request, "mentoring/page_pair.html", context, status=400 if invalid else 200)


@login_required
def pair(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _pair_page(request, selectors.pair_for_member(public_id, request.user))


@require_POST
@login_required
def meeting_log(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.pair_for_member(public_id, request.user)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.log_meeting(
                actor=request.user, pair=found, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("mentoring:pair", public_id=found.public_id)
    return _pair_page(request, found, meeting_form=form)


@require_POST
@login_required
def goal_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.pair_for_member(public_id, request.user)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.add_goal(
                actor=request.user, pair=found, text=form.cleaned_data["text"], request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The goal is added."))
            return redirect("mentoring:pair", public_id=found.public_id)
    return _pair_page(request, found, goal_form=form)


@require_POST
@login_required
def goal_met(request: HttpRequest, public_id: UUID, goal_id: int) -> HttpResponse:
    found = selectors.pair_for_member(public_id, request.user)
    goal = selectors.goal_of(found, goal_id)
    met = request.POST.get("met") == "1"
    try:
        services.mark_goal(actor=request.user, goal=goal, met=met, request=request)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, _("The goal is marked met.") if met else _("The goal is marked not met.")
        )
    return redirect("mentoring:pair", public_id=found.public_id)


urlpatterns = [
    path("mine/", mine, name="mine"),
    path("applications/<uuid:public_id>/withdraw/", withdraw, name="withdraw"),
    path("pairs/<uuid:public_id>/", pair, name="pair"),
    path("pairs/<uuid:public_id>/meetings/", meeting_log, name="meeting_log"),
    path("pairs/<uuid:public_id>/goals/", goal_add, name="goal_add"),
    path("pairs/<uuid:public_id>/goals/<int:goal_id>/met/", goal_met, name="goal_met"),
]
