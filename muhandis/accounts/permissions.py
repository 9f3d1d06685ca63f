"""Server-side access checks for pages: one decorator, used by every protected view."""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import selectors
from .roles import requires_two_factor

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User


def check_roles(request: HttpRequest, roles: tuple[str, ...]) -> HttpResponse | None:
    """None if the request may go on; otherwise the response that refuses it."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    held = selectors.roles_of(user) & set(roles)
    if not held:
        raise PermissionDenied(_("This page is for other roles than yours."))
    if all(requires_two_factor(r) for r in held) and not selectors.has_two_factor(user):
        messages.warning(
            request,
            _("Turn on two-factor authentication before you use this page: your role requires it."),
        )
        return redirect("mfa_activate_totp")
    return None


def role_required(*roles: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refused = check_roles(request, roles)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        wrapped.required_roles = roles  # type: ignore[attr-defined]  # the roles, for introspection
        return wrapped

    return decorator


def require_roles(user: "User | AnonymousUser", roles: tuple[str, ...]) -> None:
    """The API's check: raise PermissionDenied unless the person may act in one of ``roles``."""
    held = selectors.roles_of(user) & set(roles)
    if not held:
        raise PermissionDenied(_("This is for other roles than yours."))
    if all(requires_two_factor(r) for r in held) and not selectors.has_two_factor(user):
        raise PermissionDenied(_("Turn on two-factor authentication first: your role requires it."))
