"""Checking a credential: signature, issuer, dates, revocation and suspension.

Plain Python (no Django, no database, no network): the caller provides how to find the issuer's
DID document and the status lists, so the same checks run on the web page, in the VC API and in
the offline command-line verifier. Every check ends passed or failed with a reason; bad input is
a failed check, never an exception."""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import dataintegrity, jose, multibase, statuslist
from .contexts import DocumentLoader

# Check names, in the order they are shown.
FORMAT, SIGNATURE, ISSUER, DATES, REVOCATION, SUSPENSION = (
    "format",
    "signature",
    "issuer",
    "dates",
    "revocation",
    "suspension",
)


@dataclass
class Check:
    name: str
    passed: bool
    code: str  # a stable reason code pages translate
    detail: str = ""  # the reason in English, for logs and the command line


@dataclass
class Result:
    checks: list[Check] = field(default_factory=list)
    credential: dict | None = None
    format: str = ""  # "ldp" (Data Integrity) or "jwt"

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)

    def add(self, name: str, passed: bool, code: str, detail: str = "") -> None:
        self.checks.append(Check(name, passed, code, detail))

    def as_dict(self) -> dict:
        return {
            "verified": self.verified,
            "checks": [check.name for check in self.checks if check.passed],
            "warnings": [],
            "errors": [
                {"check": c.name, "code": c.code, "message": c.detail}
                for c in self.checks
                if not c.passed
            ],
        }


DidResolver = Callable[[str], dict | None]
ListFetcher = Callable[[str], dict | None]


def key_from_did_document(document: dict | None, method_id: str) -> Ed25519PublicKey | None:
    if method_id.startswith("did:key:"):
        fingerprint = method_id.split("#", 1)[0].removeprefix("did:key:")
        try:
            raw = multibase.decode_key(fingerprint, multibase.ED25519_PUBLIC)
        except multibase.MultibaseError:
            return None
        return Ed25519PublicKey.from_public_bytes(raw)
    for method in (document or {}).get("verificationMethod", []):
        if method.get("id") == method_id and method.get("type") == "Multikey":
            try:
                raw = multibase.decode_key(
                    str(method.get("publicKeyMultibase", "")), multibase.ED25519_PUBLIC
                )
            except multibase.MultibaseError:
                return None
            return Ed25519PublicKey.from_public_bytes(raw)
    return None


def _issuer_id(credential: dict) -> str:
    issuer = credential.get("issuer")
    return str(issuer.get("id", "")) if isinstance(issuer, dict) else str(issuer or "")


def _parse(text: str | bytes | dict) -> tuple[dict | None, str, str]:
    """(credential or JSON-LD document, format, token) from what a person dropped in."""
    if isinstance(text, dict):
        return text, "ldp", ""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return None, "", ""
    text = text.strip()
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError:
            return None, "", ""
        return (value, "ldp", "") if isinstance(value, dict) else (None, "", "")
    if text.count(".") == 2:
        return None, "jwt", text
    return None, "", ""


def verify(
    given: str | bytes | dict,
    *,
    resolve_did: DidResolver,
    fetch_list: ListFetcher,
    now: datetime.datetime | None = None,
    trusted_issuers: set[str] | None = None,
    loader: DocumentLoader | None = None,
) -> Result:
    result = Result()
    credential, kind, token = _parse(given)
    method_id = _check_format(result, credential, kind, token)
    if method_id is None:
        return result
    did = method_id.split("#", 1)[0]
    document = None if did.startswith("did:key:") else resolve_did(did) if did else None
    public_key = key_from_did_document(document, method_id) if method_id else None
    if public_key is None:
        result.add(SIGNATURE, False, "unknown_key", f"the key {method_id or '(none)'} is unknown")
        return result
    signed = _check_signature(result, credential, token, public_key, loader)
    if signed is None:
        return result

    issuer = _issuer_id(signed)
    if issuer != did:
        result.add(ISSUER, False, "issuer_mismatch", f"signed by {did}, not by {issuer}")
    elif trusted_issuers is not None and issuer not in trusted_issuers:
        result.add(ISSUER, False, "untrusted_issuer", f"{issuer} is not a trusted issuer")
    else:
        result.add(ISSUER, True, "ok")

    now = now or datetime.datetime.now(datetime.UTC)
    _check_dates(result, signed, now)
    _check_status(result, signed, fetch_list, resolve_did, loader, now)
    return result


def _check_format(result: Result, credential: dict | None, kind: str, token: str) -> str | None:
    """The id of the key that signed what was given, or None (the failure recorded) when it is
    not a credential or its cryptosuite is not accepted."""
    if kind == "":
        result.add(FORMAT, False, "malformed", "not a JSON credential or a compact JWT")
        return None
    result.format = kind
    proof: dict = {}
    if kind == "jwt":
        try:
            header = jose.header(token)
        except jose.JwtError as exc:
            result.add(FORMAT, False, "malformed", str(exc))
            return None
        method_id = str(header.get("kid", ""))
    else:
        found = (credential or {}).get("proof")
        proof = found if isinstance(found, dict) else {}
        method_id = str(proof.get("verificationMethod", ""))
    result.add(FORMAT, True, "ok")
    if kind == "ldp" and proof and proof.get("cryptosuite") != dataintegrity.CRYPTOSUITE:
        found = proof.get("cryptosuite") or proof.get("type") or "(none)"
        result.add(SIGNATURE, False, "unsupported_cryptosuite", f"{found} is not accepted")
        return None
    return method_id


def _check_signature(
    result: Result,
    credential: dict | None,
    token: str,
    public_key: Ed25519PublicKey,
    loader: DocumentLoader | None,
) -> dict | None:
    """The credential whose signature by ``public_key`` is valid (decoded from ``token`` when
    it is a VC-JWT), or None (the failure recorded)."""
    if credential is None:
        try:
            credential = jose.decode(token, public_key)
        except jose.JwtError as exc:
            result.add(SIGNATURE, False, "bad_signature", str(exc))
            return None
    else:
        try:
            dataintegrity.verify(credential, public_key, loader=loader)
        except dataintegrity.ProofError as exc:
            code = "unknown_context" if "context" in str(exc) else "bad_signature"
            result.add(SIGNATURE, False, code, str(exc))
            return None
    result.credential = credential
    result.add(SIGNATURE, True, "ok")
    return credential


def _moment(value: object) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _check_dates(result: Result, credential: dict, now: datetime.datetime) -> None:
    start, end = credential.get("validFrom"), credential.get("validUntil")
    start_at, end_at = _moment(start) if start else None, _moment(end) if end else None
    if (start and start_at is None) or (end and end_at is None):
        result.add(DATES, False, "bad_dates", "validFrom or validUntil is not a date-time")
    elif start_at and now < start_at:
        result.add(DATES, False, "not_yet_valid", f"valid only from {start}")
    elif end_at and now > end_at:
        result.add(DATES, False, "expired", f"expired on {end}")
    else:
        result.add(DATES, True, "ok")


def _check_status(
    result: Result,
    credential: dict,
    fetch_list: ListFetcher,
    resolve_did: DidResolver,
    loader: DocumentLoader | None,
    now: datetime.datetime,
) -> None:
    entries = credential.get("credentialStatus") or []
    entries = [entries] if isinstance(entries, dict) else entries
    for purpose, name in (("revocation", REVOCATION), ("suspension", SUSPENSION)):
        found = [e for e in entries if isinstance(e, dict) and e.get("statusPurpose") == purpose]
        if not found:
            continue  # a credential without this kind of status cannot be revoked/suspended
        entry = found[0]
        url = str(entry.get("statusListCredential", ""))
        listing = fetch_list(url) if url else None
        if listing is None:
            result.add(name, False, "status_unavailable", f"the status list {url} is unavailable")
            continue
        signed_by = listing.get("proof")
        proof = signed_by if isinstance(signed_by, dict) else {}
        method_id = str(proof.get("verificationMethod", ""))
        did = method_id.split("#", 1)[0]
        document = None if did.startswith("did:key:") else resolve_did(did) if did else None
        key = key_from_did_document(document, method_id)
        until = _moment(listing.get("validUntil")) if listing.get("validUntil") else None
        if until is not None and now > until:
            result.add(name, False, "stale_status_list", f"the status list expired on {until}")
            continue
        try:
            if key is None or did != _issuer_id(credential):
                raise dataintegrity.ProofError("the status list is not signed by the issuer")
            dataintegrity.verify(listing, key, loader=loader)
            flagged = statuslist.status_of(listing, int(entry.get("statusListIndex", -1)))
        except (dataintegrity.ProofError, statuslist.StatusListError, ValueError) as exc:
            result.add(name, False, "status_unavailable", str(exc))
            continue
        if flagged:
            code = "revoked" if purpose == "revocation" else "suspended"
            result.add(name, False, code, f"the credential is {code}")
        else:
            result.add(name, True, "ok")
