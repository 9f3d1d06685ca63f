"""Membership types and their fees, for the registrar and the administrator."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from muhandis.accounts.permissions import role_required
from muhandis.core.formviews import apply_errors

from ..forms import MembershipTypeForm
from ..models import MembershipFee, MembershipType
from ..permissions import STAFF
from ..services import types as services


@role_required(*STAFF)
def types(request: HttpRequest) -> HttpResponse:
    found = MembershipType.objects.prefetch_related(
        Prefetch("fees", queryset=MembershipFee.objects.order_by("currency"))
    )
    return render(request, "membership/page_types.html", {"types": found})


def _form_page(
    request: HttpRequest, form: MembershipTypeForm, membership_type: MembershipType | None
) -> HttpResponse:
    return render(
        request,
        "membership/page_type_form.html",
        {"form": form, "membership_type": membership_type},
        status=400 if form.errors else 200,
    )


@role_required(*STAFF)
def type_new(request: HttpRequest) -> HttpResponse:
    form = MembershipTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_type(
                actor=request.user, values=form.values(), fees=form.fees(), request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The membership type is created."))
            return redirect("membership:types")
    return _form_page(request, form, None)


@role_required(*STAFF)
def type_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    membership_type = get_object_or_404(MembershipType, public_id=public_id)
    form = MembershipTypeForm(request.POST or None, instance=membership_type)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_type(
                actor=request.user,
                membership_type=membership_type,
                values=form.values(),
                fees=form.fees(),
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The membership type is saved."))
            return redirect("membership:types")
    return _form_page(request, form, membership_type)


urlpatterns = [
    path("types/", types, name="types"),
    path("types/new/", type_new, name="type_new"),
    path("types/<uuid:public_id>/", type_edit, name="type_edit"),
]
