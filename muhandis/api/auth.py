"""How API clients prove who they are: a session (browser) or a personal access token."""

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from muhandis.accounts.services import authenticate_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mhd_…``. A read-scoped token may only read."""

    def authenticate(self, request: HttpRequest, token: str):
        found = authenticate_token(token)
        if found is None:
            return None
        if found.scope == "read" and request.method not in SAFE_METHODS:
            from .errors import ScopeError

            raise ScopeError
        request.user = found.user
        request.api_token = found
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser's session cookie; CSRF is checked on unsafe methods."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None):
        if request.user.is_authenticated and request.user.is_active:
            return request.user
        return None


token_or_session = [TokenAuth(), SessionAuth()]
