"""Versioned records (frameworks, schemes): one code, many versions, one of them live.

The rule, in one place: a new version gets the next number of its code; only a draft goes live,
and only when nothing stops it; going live retires the version live before it, in the same
transaction as the audit entry that names the versions retired."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from . import audit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

DRAFT = "draft"


class Versioned(Protocol):
    """The fields every versioned model has."""

    code: str
    version: int
    status: str


def next_version_number(model: type[models.Model], code: str) -> int:
    """The number a new version of ``code`` gets: one above the highest so far (1 for a new
    code)."""
    highest = model._default_manager.filter(code=code).aggregate(v=Max("version"))["v"]
    return (highest or 0) + 1


def promote_version(
    *, obj: models.Model, live_status: str, retired_status: str, stamp_field: str
) -> list[int]:
    """Make ``obj`` the live version of its code and retire the one live before it.

    Call inside a transaction. Returns the version numbers retired.
    """
    versioned = cast(Versioned, obj)
    live = type(obj)._default_manager.select_for_update()
    live = live.filter(code=versioned.code, status=live_status)
    retired = list(live.values_list("version", flat=True))
    live.update(status=retired_status)
    versioned.status = live_status
    setattr(obj, stamp_field, timezone.now())
    obj.save(update_fields=["status", stamp_field, "updated_at"])
    return retired


def activate_version(
    *,
    obj: models.Model,
    live_status: str,
    retired_status: str,
    stamp_field: str,
    not_draft: str,
    problems: Sequence[str] = (),
    action: str,
    actor: "AbstractBaseUser | AnonymousUser | None",
    request: HttpRequest | None = None,
) -> list[int]:
    """Make the draft ``obj`` the live version of its code, retiring the one live before it,
    and audit it as ``action``; return the version numbers retired.

    Raises ``ValidationError(not_draft)`` unless ``obj`` is a draft, then
    ``ValidationError(problems)`` if anything stops it from going live."""
    versioned = cast(Versioned, obj)
    if versioned.status != DRAFT:
        raise ValidationError(not_draft)
    if problems:
        raise ValidationError(list(problems))
    with transaction.atomic():
        retired = promote_version(
            obj=obj, live_status=live_status, retired_status=retired_status, stamp_field=stamp_field
        )
        audit.record(
            action,
            actor=actor,
            target=obj,
            before={"retired_versions": retired},
            after={"version": versioned.version},
            request=request,
        )
    return retired
