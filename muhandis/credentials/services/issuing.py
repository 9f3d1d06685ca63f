"""Issuing a certificate's verifiable credential and keeping its status lists current."""

import datetime
import logging
import secrets
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.certification.models import Certificate
from muhandis.core import audit

from .. import openbadges
from ..models import ApiCredential, CompletionCredential, IssuedCredential, IssuerKey, StatusList
from ..reasons import reason
from ..vc import dataintegrity, datamodel, jose, statuslist
from . import keys

logger = logging.getLogger(__name__)
P = StatusList.Purpose
# A list takes new entries until half full, so a random free index is found in a few draws.
FILL_LIMIT = StatusList.LENGTH // 2
# A signed list is valid for a day (an older copy is refused as stale) and re-signed hourly.
LIST_VALIDITY = datetime.timedelta(days=1)
LIST_CACHE_SECONDS = 3600


def list_url(status_list: StatusList) -> str:
    path = reverse(
        "status_list", kwargs={"purpose": status_list.purpose, "number": status_list.number}
    )
    return settings.SITE_URL.rstrip("/") + path


def allocate(purpose: str, field: str) -> tuple[StatusList, int]:
    """A random, never used index in the current list of ``purpose`` (a new list when full).

    Indices are drawn at random, not in issue order, so that a position reveals nothing about
    when a credential was issued."""
    current = (
        StatusList.objects.select_for_update()
        .filter(purpose=purpose, allocated__lt=FILL_LIMIT)
        .order_by("number")
        .first()
    )
    if current is None:
        last = StatusList.objects.filter(purpose=purpose).order_by("-number").first()
        current = StatusList.objects.create(
            purpose=purpose, number=(last.number + 1) if last else 1
        )
        current = StatusList.objects.select_for_update().get(pk=current.pk)
    while True:
        index = secrets.randbelow(StatusList.LENGTH)
        slot = {f"{field}_list": current, f"{field}_index": index}
        if not (
            IssuedCredential.objects.filter(**slot).exists()
            or ApiCredential.objects.filter(**slot).exists()
            or CompletionCredential.objects.filter(**slot).exists()
        ):
            break
    current.allocated += 1
    current.save(update_fields=["allocated", "updated_at"])
    return current, index


def issue_credential(certificate: Certificate) -> IssuedCredential | None:
    """Sign the certificate's Open Badges credential (Data Integrity proof and VC-JWT), with a
    revocation and a suspension entry. None when the association has no signing key yet."""
    existing = IssuedCredential.objects.filter(certificate=certificate).first()
    if existing is not None:
        return existing
    try:
        key, private_key = keys.signing_key()
    except keys.KeyMissing as exc:
        logger.warning("Certificate %s has no verifiable credential: %s", certificate, exc)
        return None
    with transaction.atomic():
        revocation, revocation_index = allocate(P.REVOCATION, "revocation")
        suspension, suspension_index = allocate(P.SUSPENSION, "suspension")
        statuses = [
            statuslist.entry(list_url(revocation), P.REVOCATION, revocation_index),
            statuslist.entry(list_url(suspension), P.SUSPENSION, suspension_index),
        ]
        document, jwt, _valid_until = _signed(certificate, statuses, key, private_key)
        record = IssuedCredential.objects.create(
            certificate=certificate,
            document=document,
            jwt=jwt,
            key=key,
            revocation_list=revocation,
            revocation_index=revocation_index,
            suspension_list=suspension,
            suspension_index=suspension_index,
        )
        audit.record(
            "credentials.credential.issued",
            target=certificate,
            after={
                "key": key.key_id,
                "revocation": revocation_index,
                "suspension": suspension_index,
            },
        )
        if certificate.status != "valid":  # a new list entry is already "valid" (both bits 0)
            _apply_status(record, certificate.status)
    return record


def refresh_credential(certificate: Certificate) -> IssuedCredential | None:
    """Sign the credential again after a renewal or a scope reduction: same id and status
    entries, the certificate's new dates or limitation. Copies signed before stay verifiable
    until their own validUntil."""
    record = IssuedCredential.objects.filter(certificate=certificate).first()
    if record is None:
        return issue_credential(certificate)
    key, private_key = keys.signing_key()
    statuses = record.document.get("credentialStatus", [])
    record.document, record.jwt, valid_until = _signed(certificate, statuses, key, private_key)
    record.key = key
    record.save(update_fields=["document", "jwt", "key"])
    audit.record(
        "credentials.credential.refreshed",
        target=certificate,
        after={"valid_until": valid_until, "key": key.key_id},
    )
    return record


def _signed(
    certificate: Certificate, statuses: list, key: IssuerKey, private_key: Ed25519PrivateKey
) -> tuple[dict, str, str]:
    """The certificate's credential with these status entries, as a Data Integrity document
    and as a VC-JWT (and its validUntil)."""
    credential = openbadges.build(certificate)
    credential["credentialStatus"] = statuses
    method = keys.verification_method(key)
    document = openbadges.sign(credential, private_key, verification_method=method)
    return document, jose.encode(credential, private_key, kid=method), credential["validUntil"]


def _apply_status(record: IssuedCredential, status: str) -> None:
    revoked = status in ("withdrawn", "replaced")
    suspended = status == "suspended"
    for list_id, index, value in (
        (record.revocation_list_id, record.revocation_index, revoked),
        (record.suspension_list_id, record.suspension_index, suspended),
    ):
        status_list = StatusList.objects.select_for_update().get(pk=list_id)
        bits = bytes(status_list.bits)
        if statuslist.get_bit(bits, index) != value:
            status_list.bits = statuslist.set_bit(bits, index, value)
            status_list.save(update_fields=["bits", "updated_at"])


def sync_status(certificate: Certificate) -> bool:
    """Set the certificate's revocation and suspension bits from its status; True if it has a
    credential. Withdrawal and replacement revoke (for good); suspension sets the suspension bit
    and reinstatement clears it."""
    record = IssuedCredential.objects.filter(certificate=certificate).first()
    if record is None:
        return False
    with transaction.atomic():
        _apply_status(record, certificate.status)
    return True


def signed_list(status_list: StatusList) -> dict:
    """The list as a signed BitstringStatusListCredential, cached until the list changes."""
    cache_key = f"credentials:status:{status_list.pk}:{status_list.updated_at.timestamp()}"
    document = cache.get(cache_key)
    if document is None:
        key, private_key = keys.signing_key()
        now = timezone.now().astimezone(datetime.UTC)
        moment = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        unsigned = statuslist.list_credential(
            list_url=list_url(status_list),
            purpose=status_list.purpose,
            bits=bytes(status_list.bits),
            issuer=keys.issuer_did(),
            valid_from=moment,
            valid_until=(now + LIST_VALIDITY).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        document = dataintegrity.sign(
            unsigned,
            private_key,
            verification_method=keys.verification_method(key),
            created=moment,
        )
        cache.set(cache_key, document, LIST_CACHE_SECONDS)
    return document


class SigningRefused(Exception):
    """Why a credential sent to the VC API is not signed: an HTTP ``status``, a
    machine-readable ``code`` and a ``message`` in the caller's language; ``errors`` lists
    every rule broken (each a code, a message and the path of the property at fault)."""

    def __init__(
        self, status: int, code: str, message: str, errors: list[dict] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.errors = errors or [{"code": code, "message": str(message)}]


def _refuse_nonconforming(credential: dict) -> None:
    """Raise ``SigningRefused`` (400) listing each rule of the VC Data Model the credential
    breaks, so that nothing that would lose data or mislead a verifier is signed."""
    found = datamodel.problems(credential)
    if found:
        errors = [
            {"code": p.code, "message": reason(p.code, p.detail), "path": p.path} for p in found
        ]
        raise SigningRefused(400, found[0].code, errors[0]["message"], errors)


STATUS_ENTRY = "BitstringStatusListEntry"


def _status_requested(options: dict | None) -> bool:
    """Whether the VC API request asks for status entries (``options.credentialStatus`` with
    type BitstringStatusListEntry); any other status type is refused."""
    requested = (options or {}).get("credentialStatus") if isinstance(options, dict) else None
    if requested is None:
        return False
    if not isinstance(requested, dict) or requested.get("type") != STATUS_ENTRY:
        raise SigningRefused(
            400,
            "unsupported_status",
            _("Only BitstringStatusListEntry status entries can be added."),
        )
    return True


def _with_status(unsigned: dict) -> tuple[dict, dict]:
    """The credential with a revocation and a suspension entry appended (and an id, so that its
    status can be changed later), and the slots to record."""
    credential_id = unsigned.get("id") or f"urn:uuid:{uuid.uuid4()}"
    if ApiCredential.objects.filter(credential_id=credential_id).exists():
        raise SigningRefused(
            409, "duplicate_id", _("A credential with this id already has a status here.")
        )
    revocation, revocation_index = allocate(P.REVOCATION, "revocation")
    suspension, suspension_index = allocate(P.SUSPENSION, "suspension")
    given = unsigned.get("credentialStatus")
    existing = [] if given is None else given if isinstance(given, list) else [given]
    statuses = [
        *existing,
        statuslist.entry(list_url(revocation), P.REVOCATION, revocation_index),
        statuslist.entry(list_url(suspension), P.SUSPENSION, suspension_index),
    ]
    slots = {
        "credential_id": credential_id,
        "revocation_list": revocation,
        "revocation_index": revocation_index,
        "suspension_list": suspension,
        "suspension_index": suspension_index,
    }
    return {**unsigned, "id": credential_id, "credentialStatus": statuses}, slots


def sign_for_api(
    *,
    credential: dict,
    actor: User,
    request: HttpRequest | None = None,
    options: dict | None = None,
) -> dict:
    """Sign a credential whose issuer is this association (or left for it to fill), with the
    current key and an eddsa-rdfc-2022 proof, once it conforms to the VC Data Model (a VC 1.1
    credential gets the Data Integrity context its proof needs). With ``options.credentialStatus``
    (VC API), revocation and suspension entries are added and recorded, so that
    ``change_api_credential_status`` can change them. Audited as
    ``credentials.credential.signed_by_api``. Raises ``SigningRefused`` saying why not."""
    with_status = _status_requested(options)
    try:
        key, private_key = keys.signing_key()
        issuer = keys.issuer_did()
        unsigned = dataintegrity.with_suite_context(
            {**credential, "issuer": credential.get("issuer", issuer)}
        )
        _refuse_nonconforming(unsigned)
        given = unsigned["issuer"]
        if (given.get("id") if isinstance(given, dict) else given) != issuer:
            raise SigningRefused(
                400, "wrong_issuer", _("The issuer must be %(issuer)s.") % {"issuer": issuer}
            )
        with transaction.atomic():
            slots = None
            if with_status:
                unsigned, slots = _with_status(unsigned)
                _refuse_nonconforming(unsigned)
            signed = dataintegrity.sign(
                unsigned,
                private_key,
                verification_method=keys.verification_method(key),
                created=timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
            if slots is not None:
                ApiCredential.objects.create(issued_by=actor, **slots)
            audit.record(
                "credentials.credential.signed_by_api",
                actor=actor,
                after={
                    "id": str(unsigned.get("id", "")),
                    **(
                        {
                            "revocation": slots["revocation_index"],
                            "suspension": slots["suspension_index"],
                        }
                        if slots
                        else {}
                    ),
                },
                request=request,
            )
    except keys.KeyMissing as exc:
        raise SigningRefused(503, "no_key", str(exc)) from exc
    except dataintegrity.ProofError as exc:
        code = "unknown_context" if "context" in str(exc) else "malformed"
        raise SigningRefused(
            400, code, _("The credential cannot be signed: %(reason)s") % {"reason": exc}
        ) from exc
    return signed


def change_api_credential_status(
    *,
    credential_id: str,
    purpose: str,
    value: bool,
    actor: User,
    request: HttpRequest | None = None,
) -> ApiCredential:
    """Set or clear the revocation or suspension bit of a credential issued through the VC API
    with status entries; audited as ``credentials.api_credential.status_changed``. Revocation
    is final (Bitstring Status List v1.0, §2.1: a revocation is not reversible)."""
    record = ApiCredential.objects.filter(credential_id=credential_id).first()
    if record is None:
        raise SigningRefused(
            404, "not_found", _("No credential with this id was issued here with a status.")
        )
    if purpose not in P.values:
        raise SigningRefused(
            400, "bad_status", _("The statusPurpose must be revocation or suspension.")
        )
    if purpose == P.REVOCATION and not value:
        raise SigningRefused(
            400, "revocation_is_final", _("A revoked credential cannot be reinstated.")
        )
    revocation = purpose == P.REVOCATION
    list_id = record.revocation_list_id if revocation else record.suspension_list_id
    index = record.revocation_index if revocation else record.suspension_index
    field = "revoked" if revocation else "suspended"
    with transaction.atomic():
        status_list = StatusList.objects.select_for_update().get(pk=list_id)
        bits = bytes(status_list.bits)
        before = statuslist.get_bit(bits, index)
        if before != value:
            status_list.bits = statuslist.set_bit(bits, index, value)
            status_list.save(update_fields=["bits", "updated_at"])
        audit.record(
            "credentials.api_credential.status_changed",
            actor=actor,
            target=record,
            before={field: before},
            after={field: value},
            request=request,
        )
    return record
