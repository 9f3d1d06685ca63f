"""Mentoring programmes, created and changed by the training manager and the administrator;
every change audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit

from ..models import Programme

# The fields of a programme that staff edit (title and description in each language).
FIELDS = (
    "title_uz",
    "title_ru",
    "title_en",
    "description_uz",
    "description_ru",
    "description_en",
    "audience",
    "opens_on",
    "closes_on",
    "is_active",
)


def _check(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not (values.get("title_uz") or "").strip():
        errors["title_uz"] = [_("Give the programme a title in Uzbek.")]
    opens, closes = values.get("opens_on"), values.get("closes_on")
    if opens and closes and closes < opens:
        errors["closes_on"] = [_("Applications cannot close before they open.")]
    if errors:
        raise ValidationError(errors)


def _snapshot(programme: Programme) -> dict[str, Any]:
    return {name: getattr(programme, name) for name in FIELDS}


def create_programme(*, actor: User, values: dict[str, Any], request: Any = None) -> Programme:
    """A new programme from the staff form's ``values`` (the names in ``FIELDS``)."""
    _check(values)
    with transaction.atomic():
        programme = Programme(**{k: v for k, v in values.items() if k in FIELDS})
        programme.full_clean()
        programme.save()
        audit.record(
            "mentoring.programme.created",
            actor=actor,
            target=programme,
            after=_snapshot(programme),
            request=request,
        )
    return programme


def update_programme(
    *, actor: User, programme: Programme, values: dict[str, Any], request: Any = None
) -> Programme:
    """Change a programme; applications and pairs already made stay as they are."""
    _check(values)
    with transaction.atomic():
        found = Programme.objects.select_for_update().get(pk=programme.pk)
        before = _snapshot(found)
        for name, value in values.items():
            if name in FIELDS:
                setattr(found, name, value)
        found.full_clean()
        found.save()
        after = _snapshot(found)
        changed = {k: v for k, v in before.items() if after[k] != v}
        audit.record(
            "mentoring.programme.updated",
            actor=actor,
            target=found,
            before=changed,
            after={k: after[k] for k in changed},
            request=request,
        )
    return found
