"""The registrar's pages: applications waiting for a decision, and one membership with its
periods and invoices, to approve, refuse or cancel."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts.permissions import role_required
from muhandis.core.formviews import apply_errors

from ..forms import ApproveForm, ReasonForm
from ..models import Membership
from ..permissions import STAFF
from ..selectors import register as selectors
from ..services import memberships as services


@role_required(*STAFF)
def applications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "membership/page_applications.html",
        {"applications": selectors.pending_applications()},
    )


def _page(
    request: HttpRequest, membership: Membership, status: int = 200, **forms: Any
) -> HttpResponse:
    # A refusal of the service is shown once, above the forms, whatever forms the status offers.
    refusals = []
    for form in forms.values():
        refusals.extend(form.non_field_errors())
        form.errors.pop(NON_FIELD_ERRORS, None)
    context = {
        "membership": membership,
        "periods": selectors.periods_of(membership),
        "approve_form": forms.get("approve_form") or ApproveForm(prefix="approve"),
        "refuse_form": forms.get("refuse_form") or ReasonForm(prefix="refuse"),
        "cancel_form": forms.get("cancel_form") or ReasonForm(prefix="cancel"),
        "refusals": refusals,
    }
    return render(request, "membership/page_membership.html", context, status=status)


@role_required(*STAFF)
def membership_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _page(request, selectors.membership_detail(public_id))


def _decide(
    request: HttpRequest,
    public_id: UUID,
    *,
    form_class: type,
    prefix: str,
    action: Callable[[Membership, dict], object],
    done: str,
) -> HttpResponse:
    membership = selectors.membership_detail(public_id)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            action(membership, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("membership:membership", public_id=membership.public_id)
    return _page(request, membership, status=400, **{f"{prefix}_form": form})


@require_POST
@role_required(*STAFF)
def approve(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _decide(
        request,
        public_id,
        form_class=ApproveForm,
        prefix="approve",
        action=lambda m, data: services.approve_membership(
            actor=request.user, membership=m, start=data.get("start"), request=request
        ),
        done=_("The membership is approved and the first invoice sent to the member."),
    )


@require_POST
@role_required(*STAFF)
def refuse(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _decide(
        request,
        public_id,
        form_class=ReasonForm,
        prefix="refuse",
        action=lambda m, data: services.refuse_membership(
            actor=request.user, membership=m, reason=data["reason"], request=request
        ),
        done=_("The application is refused; the applicant is told the reason."),
    )


@require_POST
@role_required(*STAFF)
def cancel(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _decide(
        request,
        public_id,
        form_class=ReasonForm,
        prefix="cancel",
        action=lambda m, data: services.cancel_membership(
            actor=request.user, membership=m, reason=data["reason"], request=request
        ),
        done=_("The membership is cancelled; its unpaid invoices are cancelled too."),
    )


urlpatterns = [
    path("applications/", applications, name="applications"),
    path("staff/<uuid:public_id>/", membership_page, name="membership"),
    path("staff/<uuid:public_id>/approve/", approve, name="approve"),
    path("staff/<uuid:public_id>/refuse/", refuse, name="refuse"),
    path("staff/<uuid:public_id>/cancel/", cancel, name="cancel"),
]
