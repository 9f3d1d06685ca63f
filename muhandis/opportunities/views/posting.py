"""Posting an opportunity, changing it, closing it and withdrawing it."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..forms import OpportunityForm, ReasonForm
from ..models import Opportunity
from ..selectors import board, posting
from ..services import opportunities as services

NOT_ALLOWED = gettext_lazy(
    "Only representatives of member firms whose membership includes posting opportunities, "
    "and community moderators, post on the board."
)


def _form_page(
    request: HttpRequest, form: OpportunityForm, opportunity: Opportunity | None
) -> HttpResponse:
    return render(
        request,
        "opportunities/form.html",
        {"form": form, "opportunity": opportunity},
        status=400 if form.errors else 200,
    )


@login_required
def new(request: HttpRequest) -> HttpResponse:
    staff = posting.is_staff(request.user)
    firms = posting.posting_firms(request.user)
    if not staff and not firms:
        raise PermissionDenied(str(NOT_ALLOWED))
    form = OpportunityForm(
        request.POST or None, staff=staff, firms=posting.all_member_firms() if staff else firms
    )
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.post_opportunity(
                actor=request.user,  # type: ignore[arg-type]
                values=form.values(),
                organisation=form.cleaned_data.get("organisation"),
                request=request,
            )
        except services.OpportunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The opportunity is on the board."))
            return redirect(opportunity.get_absolute_url())
    return _form_page(request, form, None)


@login_required
def edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    opportunity = board.opportunity(public_id)
    if not posting.may_change(request.user, opportunity):
        if request.method == "POST":
            error = services.refuse_change(
                actor=request.user,  # type: ignore[arg-type]
                opportunity=opportunity,
                action="edit",
                request=request,
            )
            raise PermissionDenied(str(error))
        raise PermissionDenied(
            _(
                "This opportunity was posted by another firm: only its representatives or a "
                "community moderator may change it."
            )
        )
    staff = posting.is_staff(request.user)
    form = OpportunityForm(request.POST or None, staff=staff, firms=[], instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_opportunity(
                actor=request.user,  # type: ignore[arg-type]
                opportunity=opportunity,
                values=form.values(),
                request=request,
            )
        except services.NotYours as error:
            raise PermissionDenied(str(error)) from error
        except services.OpportunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The opportunity is saved."))
            return redirect(opportunity.get_absolute_url())
    return _form_page(request, form, opportunity)


def _end(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    opportunity = board.opportunity(public_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if action == "withdraw":
            services.withdraw_opportunity(
                actor=request.user,  # type: ignore[arg-type]
                opportunity=opportunity,
                reason=reason,
                request=request,
            )
            messages.success(request, _("The opportunity is withdrawn from the board."))
        else:
            services.close_opportunity(
                actor=request.user,  # type: ignore[arg-type]
                opportunity=opportunity,
                request=request,
            )
            messages.success(request, _("The opportunity is closed."))
    except services.NotYours as error:
        raise PermissionDenied(str(error)) from error
    except services.OpportunityError as error:
        return render(
            request,
            "opportunities/detail.html",
            {
                "opportunity": opportunity,
                "may_change": opportunity.is_open,
                "is_staff": posting.is_staff(request.user),
                "reason_form": form,
                "refusal": str(error),
            },
            status=400,
        )
    return redirect(opportunity.get_absolute_url())


@require_POST
@login_required
def withdraw(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _end(request, public_id, "withdraw")


@require_POST
@login_required
def close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _end(request, public_id, "close")


urlpatterns = [
    path("new/", new, name="new"),
    path("<uuid:public_id>/edit/", edit, name="edit"),
    path("<uuid:public_id>/withdraw/", withdraw, name="withdraw"),
    path("<uuid:public_id>/close/", close, name="close"),
]
