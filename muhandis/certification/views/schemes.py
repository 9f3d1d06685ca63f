"""Pages of certification schemes: the public list and detail, and a manager's activation and
new versions."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles

from .. import selectors, services
from ..models import Scheme

SCHEME_MANAGERS = (Role.REGISTRAR, Role.ADMIN)


def _manages_schemes(request: HttpRequest) -> bool:
    return bool(usable_roles(request.user) & set(SCHEME_MANAGERS))


@require_GET
def scheme_list(request: HttpRequest) -> HttpResponse:
    schemes = selectors.schemes(include_drafts=_manages_schemes(request))
    return render(request, "certification/scheme_list.html", {"schemes": schemes})


@require_GET
def scheme_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    manager = _manages_schemes(request)
    queryset = selectors.scheme_with_details(selectors.schemes(include_drafts=manager))
    scheme = get_object_or_404(queryset, public_id=public_id)
    context = {
        "scheme": scheme,
        "manager": manager,
        "problems": services.scheme_problems(scheme)
        if scheme.status == Scheme.Status.DRAFT
        else [],
        "levels": {lv.value: lv.name for lv in scheme.framework.scale.levels.all()},
    }
    return render(request, "certification/scheme_detail.html", context)


@role_required(*SCHEME_MANAGERS)
@require_POST
def scheme_activate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    scheme = get_object_or_404(Scheme, public_id=public_id)
    try:
        services.activate_scheme(scheme=scheme, actor=request.user, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The scheme is open for applications."))
    return redirect("certification:scheme", public_id=scheme.public_id)


@role_required(*SCHEME_MANAGERS)
@require_POST
def scheme_new_version(request: HttpRequest, public_id: UUID) -> HttpResponse:
    scheme = get_object_or_404(Scheme, public_id=public_id)
    if scheme.status == Scheme.Status.DRAFT:
        raise Http404
    try:
        copy = services.new_scheme_version(scheme=scheme, actor=request.user, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("certification:scheme", public_id=scheme.public_id)
    messages.success(
        request, _("A new draft version was created. Change it in the admin, then open it.")
    )
    return redirect("certification:scheme", public_id=copy.public_id)
