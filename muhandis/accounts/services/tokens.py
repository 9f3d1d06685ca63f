"""Personal access tokens for the API: creating, revoking, checking, and the rules per role."""

import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from .. import selectors
from ..models import (
    ApiToken,
    TokenRule,
    TokenScope,
    User,
)
from ..roles import Role

TOKEN_PREFIX = "mhd"  # noqa: S105  (a public prefix, not a secret)


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(
    *, user: User, name: str, scope: str, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the plain value, which is shown once and never stored."""
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read or write.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name, e.g. the program that uses it.")})
    if scope not in selectors.token_scopes_allowed(user):
        raise ValidationError({"scope": _token_refusal(user)})
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100],
            key_id=key_id,
            key_hash=_hash_secret(secret),
            scope=scope,
        )
        audit.record(
            "accounts.token.created",
            actor=user,
            target=user,
            after={"token": key_id, "scope": scope},
            request=request,
        )
    return token, f"{TOKEN_PREFIX}_{key_id}_{secret}"


def revoke_api_token(
    *, token: ApiToken, actor: User, request: HttpRequest | None = None
) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied(_("This is not your token."))
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record(
                "accounts.token.revoked",
                actor=actor,
                target=actor,
                before={"token": token.key_id},
                request=request,
            )
    return token


def _token_refusal(user: User) -> str:
    if selectors.token_scopes_allowed(user):
        return _("Your role allows only read-only tokens: choose read only.")
    return _("Your role does not allow personal access tokens.")


def check_token_use(*, token: ApiToken) -> None:
    """Refuse a token whose scope the person's roles no longer allow (an administrator
    changed a token rule or the person's roles since it was made)."""
    if token.scope not in selectors.token_scopes_allowed(token.user):
        raise PermissionDenied(
            _(
                "The token rules of your role no longer allow this token: create a new one "
                "on your profile page, or ask an administrator."
            )
        )


def set_token_rule(
    *, role: str, allowed: str, actor: User, reason: str, request: HttpRequest | None = None
) -> TokenRule:
    """Set which tokens holders of ``role`` may have; audited with the rule before and after."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    if allowed not in TokenRule.Allowed.values:
        raise ValidationError({"allowed": _("Choose which tokens the role may have.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the rule changes.")})
    with transaction.atomic():
        rule = TokenRule.objects.select_for_update().filter(role=role).first()
        before = {"role": role, "allowed": rule.allowed if rule else TokenRule.Allowed.WRITE}
        rule = rule or TokenRule(role=role)
        rule.allowed, rule.changed_by = allowed, actor
        rule.save()
        audit.record(
            "accounts.token_rule.changed",
            actor=actor,
            target=rule,
            before=before,
            after={"role": role, "allowed": allowed},
            reason=reason.strip(),
            request=request,
        )
    return rule


def authenticate_token(raw: str) -> ApiToken | None:
    """The active token matching ``raw``, with its user, or None."""
    parts = (raw or "").split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_id=parts[1], revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _hash_secret(parts[2])):
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
