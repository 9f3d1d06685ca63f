"""Writes about a person: signing up, the profile, the highest degree, disabling an account."""

from typing import Any

from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from ..models import (
    RoleAssignment,
    User,
)
from ..roles import Role
from .roles import require_admin

# Profile fields recorded in the audit trail by name only: their values are personal data.
PROFILE_FIELDS = (
    "given_name",
    "family_name",
    "patronymic",
    "name_latin",
    "name_cyrillic",
    "gender",
    "date_of_birth",
    "pinfl",
    "phone",
    "region",
    "employer_name",
    "education_level",
    "education_institution",
    "education_field",
    "graduation_year",
    "preferred_language",
    "contact_in_register",
)


def register_person(*, user: User, language: str, request: HttpRequest | None = None) -> User:
    """A newcomer who signed up becomes an engineer/candidate."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    RoleAssignment.objects.create(user=user, role=Role.ENGINEER)
    audit.record(
        "accounts.person.registered",
        actor=user,
        target=user,
        after={"roles": [Role.ENGINEER]},
        request=request,
    )
    return user


def update_profile(
    *, person: User, changes: dict[str, Any], actor: User, request: HttpRequest | None = None
) -> User:
    """Change profile fields; the audit names the fields changed, not their values."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %s") % ", ".join(sorted(unknown))
        )
    changed = [name for name, value in changes.items() if getattr(person, name) != value]
    if not changed:
        return person
    for name in changed:
        setattr(person, name, changes[name])
    person.full_clean(exclude=["password", "email"])
    with transaction.atomic():
        person.save(update_fields=[*changed])
        audit.record(
            "accounts.profile.updated",
            actor=actor,
            target=person,
            after={"fields": sorted(changed)},
            request=request,
        )
    return person


# Education levels from the lowest to the highest ("other" ranks below a diploma).
EDUCATION_ORDER = ["other", "secondary_specialised", "bachelor", "master", "candidate", "doctor"]


def record_degree(
    *,
    person: User,
    level: str,
    institution: str,
    field: str,
    year: int,
    actor: User,
    request: HttpRequest | None = None,
) -> bool:
    """A degree the person recorded elsewhere (an application) becomes the profile's highest
    education when the profile has none or a lower one, so that both tell the same story.

    Returns whether the profile changed.
    """
    current = person.education_level
    if current and EDUCATION_ORDER.index(current) > EDUCATION_ORDER.index(level):
        return False
    changes = {
        "education_level": level,
        "education_institution": institution,
        "education_field": field,
        "graduation_year": year,
    }
    changed = [name for name, value in changes.items() if getattr(person, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(person, name, changes[name])
    with transaction.atomic():
        person.save(update_fields=changed)
        audit.record(
            "accounts.profile.updated",
            actor=actor,
            target=person,
            after={"fields": sorted(changed)},
            request=request,
        )
    return True


def end_sessions_of(person: User, session_model: type[AbstractBaseSession]) -> None:
    key = str(person.pk)
    for session in session_model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()


def set_active(
    *, person: User, active: bool, actor: User, reason: str, request: HttpRequest | None = None
) -> User:
    """Disable or re-enable an account; disabling ends the person's sessions at once."""
    from django.contrib.sessions.models import Session

    require_admin(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why.")})
    with transaction.atomic():
        person.is_active = active
        person.save(update_fields=["is_active"])
        if not active:
            end_sessions_of(person, Session)
        audit.record(
            "accounts.person.enabled" if active else "accounts.person.disabled",
            actor=actor,
            target=person,
            reason=reason,
            request=request,
        )
    return person
