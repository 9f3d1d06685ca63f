"""Writes and workflows for people, roles, organisations, tokens and personal data."""

import hashlib
import hmac
import secrets
import uuid
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit
from muhandis.core.models import AuditEntry

from . import selectors
from .models import (
    ApiToken,
    DeletionRequest,
    Employment,
    EmploymentRelation,
    Organisation,
    RoleAssignment,
    TokenRule,
    TokenScope,
    User,
)
from .roles import STAFF_ROLES, Role
from .validators import validate_tax_number

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
STAFF_GROUP = "Association staff"


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


def _require_admin(actor: User) -> None:
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
        _require_admin(actor)
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
    _require_admin(actor)
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


def create_organisation(
    *,
    actor: User,
    name: str,
    kind: str,
    country: str,
    tax_number: str,
    region,
    size_band: str,
    link_as: str | None = EmploymentRelation.EMPLOYEE,
    request: HttpRequest | None = None,
) -> Organisation:
    tax_number = tax_number.strip()
    try:
        validate_tax_number(country, tax_number)
    except ValidationError as exc:
        raise ValidationError({"tax_number": exc.messages}) from exc
    if region.country != country:
        raise ValidationError({"region": _("This region is not in the chosen country.")})
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        country=country,
        tax_number=tax_number,
        region=region,
        size_band=size_band,
        created_by=actor,
    )
    organisation.full_clean(exclude=["created_by"], validate_unique=False)
    try:
        with transaction.atomic():
            organisation.save()
            audit.record(
                "accounts.organisation.created",
                actor=actor,
                target=organisation,
                after={"name": organisation.name, "tax_number": tax_number},
                request=request,
            )
            if link_as:
                link_person(
                    person=actor,
                    organisation=organisation,
                    relation=link_as,
                    actor=actor,
                    request=request,
                )
    except IntegrityError as exc:
        raise ValidationError(
            {"tax_number": _("An organisation with this tax number is already registered.")}
        ) from exc
    return organisation


def link_person(
    *,
    person: User,
    organisation: Organisation,
    relation: str,
    actor: User,
    position: str = "",
    start_date=None,
    request: HttpRequest | None = None,
) -> Employment:
    if relation == EmploymentRelation.REPRESENTATIVE and person == actor:
        admin_roles = {Role.ADMIN, Role.REGISTRAR}
        created_it = organisation.created_by_id == actor.pk
        if not created_it and not (selectors.usable_roles(actor) & admin_roles):
            raise PermissionDenied(
                _(
                    "Only staff can make you the representative of an organisation "
                    "you did not register."
                )
            )
    if Employment.objects.filter(
        person=person, organisation=organisation, relation=relation, end_date__isnull=True
    ).exists():
        raise ValidationError(_("This link already exists."))
    with transaction.atomic():
        employment = Employment.objects.create(
            person=person,
            organisation=organisation,
            relation=relation,
            position=position,
            start_date=start_date,
        )
        audit.record(
            "accounts.employment.linked",
            actor=actor,
            target=person,
            after={"organisation": organisation.pk, "relation": relation},
            request=request,
        )
    return employment


def end_employment(
    *, employment: Employment, actor: User, request: HttpRequest | None = None
) -> Employment:
    if employment.person_id != actor.pk and Role.REGISTRAR not in selectors.usable_roles(actor):
        raise PermissionDenied(_("You can only change your own employment."))
    with transaction.atomic():
        employment.end_date = timezone.localdate()
        employment.save(update_fields=["end_date"])
        audit.record(
            "accounts.employment.ended",
            actor=actor,
            target=employment.person,
            after={"organisation": employment.organisation_id, "relation": employment.relation},
            request=request,
        )
    return employment


def export_personal_data(*, person: User, request: HttpRequest | None = None) -> dict:
    """Everything held about a person, as a JSON-ready dict; the export itself is audited."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    profile = {name: getattr(person, name) for name in PROFILE_FIELDS if name != "region"}
    profile["region"] = person.region.code if person.region_id else None
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": person.email,
            "public_id": str(person.public_id),
            "date_joined": person.date_joined,
            "last_login": person.last_login,
            "is_active": person.is_active,
        },
        "profile": profile,
        "email_addresses": list(
            EmailAddress.objects.filter(user=person).values("email", "verified", "primary")
        ),
        "two_factor": list(
            Authenticator.objects.filter(user=person).values("type", "created_at", "last_used_at")
        ),
        "roles": list(
            RoleAssignment.objects.filter(user=person).values("role", "granted_at", "revoked_at")
        ),
        "employments": [
            {
                "organisation": e.organisation.name,
                "tax_number": e.organisation.tax_number,
                "relation": e.relation,
                "position": e.position,
                "start_date": e.start_date,
                "end_date": e.end_date,
            }
            for e in selectors.employments_of(person)
        ],
        "api_tokens": list(
            ApiToken.objects.filter(user=person).values("name", "scope", "created_at", "revoked_at")
        ),
        "deletion_requests": list(
            DeletionRequest.objects.filter(person=person).values("status", "reason", "created_at")
        ),
        "activity": list(
            AuditEntry.objects.filter(actor=person)
            .order_by("sequence")
            .values("occurred_at", "action", "target_type", "target_id", "ip_address")
        ),
    }
    audit.record("accounts.data.exported", actor=person, target=person, request=request)
    return data


def request_deletion(
    *, person: User, reason: str, request: HttpRequest | None = None
) -> DeletionRequest:
    if DeletionRequest.objects.filter(
        person=person, status=DeletionRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            _("You have already asked for deletion; a registrar will answer soon.")
        )
    with transaction.atomic():
        deletion = DeletionRequest.objects.create(person=person, reason=reason.strip())
        audit.record(
            "accounts.deletion.requested",
            actor=person,
            target=person,
            reason=reason,
            request=request,
        )
    return deletion


def decide_deletion(
    *,
    deletion: DeletionRequest,
    actor: User,
    confirm: bool,
    note: str,
    request: HttpRequest | None = None,
) -> DeletionRequest:
    if Role.REGISTRAR not in selectors.usable_roles(actor):
        raise PermissionDenied(_("Only a registrar can decide on deletion requests."))
    if deletion.status != DeletionRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not confirm and not note.strip():
        raise ValidationError({"note": _("Say why the request is rejected.")})
    with transaction.atomic():
        deletion.status = (
            DeletionRequest.Status.CONFIRMED if confirm else DeletionRequest.Status.REJECTED
        )
        deletion.decided_by = actor
        deletion.decided_at = timezone.now()
        deletion.decision_note = note.strip()
        deletion.save(
            update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
        )
        audit.record(
            "accounts.deletion.confirmed" if confirm else "accounts.deletion.rejected",
            actor=actor,
            target=deletion.person,
            reason=note,
            request=request,
        )
        if confirm:
            anonymise_person(person=deletion.person, actor=actor, request=request)
    return deletion


def anonymise_person(*, person: User, actor: User, request: HttpRequest | None = None) -> User:
    """Blank every personal field and close the account.

    The person row stays, so that the audit trail and, once certification exists, the public
    register entries the law requires to be kept still point to it.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.sessions.models import Session

    with transaction.atomic():
        for name in PROFILE_FIELDS:
            field = User._meta.get_field(name)
            setattr(
                person,
                name if name != "region" else "region_id",
                None if field.null else field.get_default(),
            )
        person.email = f"anonymised-{uuid.uuid4().hex}@invalid"
        person.is_active = False
        person.anonymised_at = timezone.now()
        person.set_unusable_password()
        person.save()
        EmailAddress.objects.filter(user=person).delete()
        Authenticator.objects.filter(user=person).delete()
        ApiToken.objects.filter(user=person, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        Employment.objects.filter(person=person).delete()
        _end_sessions_of(person, Session)
        audit.record("accounts.person.anonymised", actor=actor, target=person, request=request)
    return person


def _end_sessions_of(person: User, session_model) -> None:
    key = str(person.pk)
    for session in session_model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()


def set_active(
    *, person: User, active: bool, actor: User, reason: str, request: HttpRequest | None = None
) -> User:
    """Disable or re-enable an account; disabling ends the person's sessions at once."""
    from django.contrib.sessions.models import Session

    _require_admin(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why.")})
    with transaction.atomic():
        person.is_active = active
        person.save(update_fields=["is_active"])
        if not active:
            _end_sessions_of(person, Session)
        audit.record(
            "accounts.person.enabled" if active else "accounts.person.disabled",
            actor=actor,
            target=person,
            reason=reason,
            request=request,
        )
    return person


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
