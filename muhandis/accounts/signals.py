"""Audit of sign-ins, sign-outs and two-factor changes, announced by Django and allauth."""

from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from muhandis.core import audit

from .models import User


@receiver(user_logged_in)
def _logged_in(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit.record("accounts.session.signed_in", actor=user, target=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender: object, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit.record("accounts.session.signed_out", actor=user, target=user, request=request)


@receiver(user_login_failed)
def _login_failed(
    sender: object, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The address typed is not recorded: it may be somebody else's, or a password by mistake.
    audit.record("accounts.session.sign_in_failed", request=request)


@receiver(authenticator_added)
def _two_factor_added(
    sender: object, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    audit.record(
        "accounts.two_factor.added",
        actor=user,
        target=user,
        after={"type": authenticator.type},
        request=request,
    )


@receiver(authenticator_removed)
def _two_factor_removed(
    sender: object, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    audit.record(
        "accounts.two_factor.removed",
        actor=user,
        target=user,
        before={"type": authenticator.type},
        request=request,
    )


@receiver(authenticator_reset)
def _two_factor_reset(
    sender: object, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    audit.record(
        "accounts.two_factor.reset",
        actor=user,
        target=user,
        after={"type": authenticator.type},
        request=request,
    )
