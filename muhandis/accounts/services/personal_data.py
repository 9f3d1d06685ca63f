"""A person's personal data: its export, deletion requests and their decision, anonymisation."""

import uuid
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Field
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit
from muhandis.core.models import AuditEntry

from .. import selectors
from ..models import (
    ApiToken,
    DeletionRequest,
    Employment,
    RoleAssignment,
    User,
)
from ..roles import Role
from .people import PROFILE_FIELDS, end_sessions_of


def export_personal_data(*, person: User, request: HttpRequest | None = None) -> dict:
    """Everything held about a person, as a JSON-ready dict; the export itself is audited."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    profile = {name: getattr(person, name) for name in PROFILE_FIELDS if name != "region"}
    profile["region"] = person.region.code if person.region is not None else None
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
            # Profile fields are the user's own columns, never relations to it.
            field = cast(Field, User._meta.get_field(name))
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
        end_sessions_of(person, Session)
        audit.record("accounts.person.anonymised", actor=actor, target=person, request=request)
    return person
