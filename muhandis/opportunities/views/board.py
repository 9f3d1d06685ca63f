"""The public board: open opportunities with filters and search, and one opportunity."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ..forms import BoardFilterForm
from ..selectors import board, posting


def board_page(request: HttpRequest) -> HttpResponse:
    regions = board.regions()
    form = BoardFilterForm(request.GET or None, regions=regions)
    filters = form.filters() if request.GET else {}
    page = board.page_of(board.filtered(filters), number=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "opportunities/board.html", context)


def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    opportunity = board.opportunity(public_id)
    context = {
        "opportunity": opportunity,
        "may_change": opportunity.is_open and posting.may_change(request.user, opportunity),
        "is_staff": posting.is_staff(request.user),
    }
    return render(request, "opportunities/detail.html", context)


urlpatterns = [
    path("", board_page, name="list"),
    path("<uuid:public_id>/", detail, name="detail"),
]
