"""The public register: anyone searches who holds which certificate."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core.ratelimit import limited

from .. import register
from ..forms.register import RegisterSearchForm


@require_GET
@limited("register")
def register_page(request: HttpRequest) -> HttpResponse:
    form = RegisterSearchForm(request.GET or None)
    rows, page = [], None
    if form.is_valid():
        data = form.cleaned_data
        found = register.search(
            query=data["q"], scheme=data["scheme"], region=data["region"], status=data["status"]
        )
        page = register.page_of(found, request.GET.get("page"))
        today = timezone.localdate()
        rows = [register.public_row(c, today) for c in page.items]
    status = 400 if form.errors else 200
    return render(
        request,
        "certification/register.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": _without_page(request),
            "registrar": request.user.is_authenticated
            and Role.REGISTRAR in usable_roles(request.user),
        },
        status=status,
    )


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
