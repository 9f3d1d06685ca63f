"""The membership register for staff: search, filters, counts and the XLSX export."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from muhandis.accounts.permissions import role_required

from ..exports import register_xlsx
from ..forms import RegisterFilterForm
from ..permissions import STAFF
from ..selectors import register as selectors


def _filtered(request: HttpRequest) -> tuple[RegisterFilterForm, dict, list, list]:
    types, regions = selectors.all_types(), selectors.all_regions()
    form = RegisterFilterForm(request.GET or None, types=types, regions=regions)
    return form, form.filters(), types, regions


@role_required(*STAFF)
def register(request: HttpRequest) -> HttpResponse:
    form, filters, types, regions = _filtered(request)
    found = selectors.filtered(filters)
    counts = selectors.counts(found, types=types, regions=regions)
    page = selectors.page_of(found, number=request.GET.get("page"), total=counts.total)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "membership/page_register.html",
        {"form": form, "page": page, "counts": counts, "query": query.urlencode()},
    )


@role_required(*STAFF)
def register_export(request: HttpRequest) -> HttpResponse:
    _form, filters, _types, _regions = _filtered(request)
    content, filename = register_xlsx(
        found=selectors.filtered(filters), filters=filters, actor=request.user, request=request
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("register/", register, name="register"),
    path("register/export.xlsx", register_export, name="register_export"),
]
