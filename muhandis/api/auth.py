"""How API clients prove who they are: a session (browser) or a personal access token."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from muhandis.accounts.models import User
from muhandis.accounts.services import authenticate_token, check_token_use

from .errors import CsrfFailed, ScopeError

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mhd_…``. A read-scoped token may only read; a token the token
    rules of the person's roles no longer allow is refused (`accounts.services.check_token_use`).
    A token works without the two-factor code: that is what makes it usable by programs."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = authenticate_token(token)
        if found is None:
            return None
        check_token_use(token=found)
        if found.scope == "read" and request.method not in SAFE_METHODS:
            raise ScopeError
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]  # kept for the endpoints
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser's session cookie; CSRF is checked on unsafe methods.

    Without a signed-in session the caller is anonymous (401), whatever the CSRF token: the CSRF
    check only protects a session that exists."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not (request.user.is_authenticated and request.user.is_active):
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if request.method not in SAFE_METHODS and not exempt and check_csrf(request) is not None:
            raise CsrfFailed
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | AnonymousUser | None:
        if request.user.is_authenticated and request.user.is_active:
            return request.user
        return None


token_or_session = [TokenAuth(), SessionAuth()]
