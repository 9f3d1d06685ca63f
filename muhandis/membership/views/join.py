"""The member's pages: joining the association (for oneself, or for a firm one represents)
and one's membership, with its periods, invoices and what to do next."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from muhandis.accounts.models import Employment, EmploymentRelation, Organisation
from muhandis.core.formviews import apply_errors, form_page

from ..forms import JoinForm
from ..models import (
    FINAL,
    IN_GOOD_STANDING,
    MemberKind,
    Membership,
    MembershipFee,
    MembershipPeriod,
    MembershipType,
    Status,
)
from ..selectors import standing
from ..services import memberships as services


def _represented_firms(request: HttpRequest) -> list[Organisation]:
    links = Employment.objects.filter(
        person=request.user, relation=EmploymentRelation.REPRESENTATIVE, end_date__isnull=True
    ).select_related("organisation")
    return [link.organisation for link in links]


def _active_types(kind: str, size_bands: set[str] | None = None) -> list[MembershipType]:
    found = MembershipType.objects.filter(is_active=True, kind=kind).prefetch_related(
        # Sums first, then tenge.
        Prefetch("fees", queryset=MembershipFee.objects.order_by("-currency"))
    )
    if size_bands is not None:
        found = found.filter(size_band__in=size_bands)
    return list(found)


def _form(request: HttpRequest, prefix: str, firms: list[Organisation] | None) -> JoinForm:
    data = request.POST if request.method == "POST" and request.POST.get("for") == prefix else None
    # Any type is accepted here: the service says why one does not fit.
    form = JoinForm(data, prefix=prefix, types=MembershipType.objects.all(), firms=firms)
    if firms is not None:
        form.fields["organisation"].queryset = Organisation.objects.all()
        form.fields["organisation"].widget.choices = [
            ("", _("— choose —")),
            *((firm.pk, f"{firm.name} ({firm.get_size_band_display()})") for firm in firms),
        ]
    return form


@login_required
def join(request: HttpRequest) -> HttpResponse:
    firms = _represented_firms(request)
    person_form = _form(request, "person", None)
    firm_form = _form(request, "firm", firms) if firms else None
    form = firm_form if request.POST.get("for") == "firm" else person_form
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.apply_for_membership(
                actor=request.user,
                type=data["type"],
                currency=data["currency"],
                organisation=data.get("organisation"),
                note=data["note"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your application is sent. The registrar decides on it; you will be told."),
            )
            return redirect("membership:mine")
    context: dict[str, Any] = {
        "person_form": person_form,
        "firm_form": firm_form,
        "person_types": _active_types(MemberKind.INDIVIDUAL),
        "firm_types": _active_types(MemberKind.FIRM, {f.size_band for f in firms}) if firms else [],
        "firms": firms,
        "own": standing.membership_of_person(request.user),
        "chosen": {
            "person": person_form["type"].value(),
            "firm": firm_form["type"].value() if firm_form else None,
        },
    }
    return form_page(request, "membership/page_join.html", context)


NEXT_STEPS = {
    Status.PENDING: "wait",
    Status.AWAITING_PAYMENT: "pay",
    Status.GRACE: "renew",
    Status.EXPIRED: "rejoin",
}


def _entry(membership: Membership, periods: list[MembershipPeriod]) -> dict[str, Any]:
    unpaid = [p for p in periods if p.invoice_id and p.paid_at is None and p.cancelled_at is None]
    return {
        "membership": membership,
        "periods": periods,
        "unpaid": unpaid,
        # A renewal invoiced before the period ends is to pay too.
        "next": "renew"
        if unpaid and membership.status in IN_GOOD_STANDING
        else NEXT_STEPS.get(membership.status, ""),
    }


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """One's own membership and those of the firms one represents, with their periods, in a
    fixed number of queries whatever the number of firms."""
    own = standing.membership_of_person(request.user)
    firms = _represented_firms(request)
    firm_memberships = {
        m.organisation_id: m
        for m in Membership.objects.filter(organisation__in=firms)
        .exclude(status__in=FINAL)
        .select_related("type")
    }
    shown = [m for m in (own, *firm_memberships.values()) if m is not None]
    periods: dict[int, list[MembershipPeriod]] = {m.pk: [] for m in shown}
    for period in (
        MembershipPeriod.objects.filter(membership__in=shown)
        .select_related("invoice")
        .order_by("-start_date")
    ):
        periods[period.membership_id].append(period)
    covering = standing.covering_membership(request.user)
    covered_by_firm = covering if covering is not None and covering.organisation_id else None
    return render(
        request,
        "membership/page_mine.html",
        {
            "own": _entry(own, periods[own.pk]) if own else None,
            "firms": [
                (
                    firm,
                    _entry(firm_memberships[firm.pk], periods[firm_memberships[firm.pk].pk])
                    if firm.pk in firm_memberships
                    else None,
                )
                for firm in firms
            ],
            "covered_by_firm": covered_by_firm,
        },
    )


urlpatterns = [
    path("join/", join, name="join"),
    path("mine/", mine, name="mine"),
]
