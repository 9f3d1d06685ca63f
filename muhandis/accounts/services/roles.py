"""Granting and revoking roles, and the Django admin access that staff roles open."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from .. import selectors
from ..models import (
    RoleAssignment,
    User,
)
from ..roles import STAFF_ROLES, Role

STAFF_GROUP = "Association staff"


def require_admin(actor: User) -> None:
    if Role.ADMIN not in selectors.usable_roles(actor) and not actor.is_superuser:
        raise PermissionDenied(_("Only an association administrator can change roles."))


def _sync_staff_access(user: User) -> None:
    """Staff roles open the Django admin: administrators fully, others for reference data."""
    held = selectors.roles_of(user)
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.set(_reference_data_permissions())
    user.is_staff = bool(held & STAFF_ROLES)
    user.is_superuser = Role.ADMIN in held
    user.save(update_fields=["is_staff", "is_superuser"])
    if held & (STAFF_ROLES - {Role.ADMIN}):
        user.groups.add(group)
    else:
        user.groups.remove(group)


def _reference_data_permissions() -> list[Permission]:
    """The admin permissions on the models named in settings.STAFF_REFERENCE_DATA."""
    from django.conf import settings
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for label in settings.STAFF_REFERENCE_DATA:
        app_label, model = label.split(".")
        wanted |= Q(content_type__app_label=app_label, content_type__model=model)
    return list(Permission.objects.filter(wanted))


def grant_role(
    *,
    user: User,
    role: str,
    actor: User | None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> RoleAssignment:
    if actor is not None:
        require_admin(actor)
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %s") % role)
    if not reason.strip() and actor is not None:
        raise ValidationError({"reason": _("Say why this role is granted.")})
    with transaction.atomic():
        if RoleAssignment.objects.filter(user=user, role=role, revoked_at__isnull=True).exists():
            raise ValidationError(_("%(person)s already holds this role.") % {"person": user})
        assignment = RoleAssignment.objects.create(user=user, role=role, granted_by=actor)
        selectors.forget_cached_roles(user)
        _sync_staff_access(user)
        audit.record(
            "accounts.role.granted",
            actor=actor,
            target=user,
            after={"role": role},
            reason=reason,
            request=request,
        )
    return assignment


def revoke_role(
    *, user: User, role: str, actor: User, reason: str, request: HttpRequest | None = None
) -> RoleAssignment:
    require_admin(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this role is taken away.")})
    with transaction.atomic():
        assignment = RoleAssignment.objects.filter(
            user=user, role=role, revoked_at__isnull=True
        ).first()
        if assignment is None:
            raise ValidationError(_("%(person)s does not hold this role.") % {"person": user})
        if user == actor and role == Role.ADMIN:
            raise ValidationError(_("You cannot take the administrator role away from yourself."))
        assignment.revoked_at = timezone.now()
        assignment.revoked_by = actor
        assignment.save(update_fields=["revoked_at", "revoked_by"])
        selectors.forget_cached_roles(user)
        _sync_staff_access(user)
        audit.record(
            "accounts.role.revoked",
            actor=actor,
            target=user,
            before={"role": role},
            reason=reason,
            request=request,
        )
    return assignment
