"""Checking a credential: signature, issuer, dates, revocation and suspension.

Plain Python (no Django, no database, no network): the caller provides how to find the issuer's
DID document and the status lists, so the same checks run on the web page, in the VC API and in
the offline command-line verifier. Every check ends passed or failed with a reason; bad input is
a failed check, never an exception."""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import dataintegrity, datamodel, jose, multibase, statuslist
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
ASSERTION, AUTHENTICATION = "assertionMethod", "authentication"


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


RELATIONSHIPS = (
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
)


def _did_key_document(did: str) -> dict:
    """The DID document a did:key stands for: its one key, for every purpose (did:key method,
    §3.1.1 Document Creation)."""
    fingerprint = did.removeprefix("did:key:")
    method = f"{did}#{fingerprint}"
    return {
        "id": did,
        "verificationMethod": [
            {"id": method, "type": "Multikey", "controller": did, "publicKeyMultibase": fingerprint}
        ],
        **{relation: [method] for relation in RELATIONSHIPS},
    }


def key_from_did_document(document: dict | None, method_id: str) -> Ed25519PublicKey | None:
    if method_id.startswith("did:key:"):
        document = _did_key_document(method_id.split("#", 1)[0])
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


def authorised(document: dict | None, method_id: str, purpose: str) -> bool:
    """Whether the DID document lists the verification method under ``purpose`` (VC Data
    Integrity 1.0, §4.4 Verify Proof: the method must be authorised for the proof's purpose)."""
    if method_id.startswith("did:key:"):
        document = _did_key_document(method_id.split("#", 1)[0])
    if not document or purpose not in RELATIONSHIPS:
        return False
    did = str(document.get("id", ""))
    for entry in document.get(purpose) or []:
        found = entry.get("id") if isinstance(entry, dict) else entry
        if isinstance(found, str) and (found == method_id or did + found == method_id):
            return True
    return False


def _issuer_id(credential: dict) -> str:
    issuer = credential.get("issuer")
    return str(issuer.get("id", "")) if isinstance(issuer, dict) else str(issuer or "")


ENVELOPED = "EnvelopedVerifiableCredential"
JWT_DATA_URL = "data:application/vc+jwt,"


def _enveloped_token(envelope: dict) -> str:
    """The VC-JWT an EnvelopedVerifiableCredential carries in its ``data:`` URL id (VC Data
    Model 2.0, §4.13.1; VC-JOSE-COSE, media type application/vc+jwt), or "" when it is not one
    this verifier reads."""
    url = envelope.get("id")
    contexts = envelope.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    if first != datamodel.V2 or not isinstance(url, str) or not url.startswith(JWT_DATA_URL):
        return ""
    return url.removeprefix(JWT_DATA_URL)


def _parse(text: str | bytes | dict) -> tuple[dict | None, str, str]:
    """(credential or JSON-LD document, format, token) from what a person dropped in."""
    if isinstance(text, dict):
        if ENVELOPED in datamodel.types_of(text):
            token = _enveloped_token(text)
            return (None, "jwt", token) if token.count(".") == 2 else (None, "", "")
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


def _data_model(result: Result, document: dict, loader: DocumentLoader | None) -> bool:
    """Record each rule of the data model ``document`` breaks; True when it conforms."""
    found = datamodel.problems(document, loader)
    for problem in found:
        result.add(FORMAT, False, problem.code, f"{problem.path}: {problem.detail}")
    return not found


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
    if kind == "":
        result.add(FORMAT, False, "malformed", "not a JSON credential or a compact JWT")
        return result
    result.format = kind
    if kind == "jwt":
        signed, signers = _check_jwt(result, token, resolve_did, loader)
    else:
        signed, signers = _check_ldp(result, credential or {}, resolve_did, loader, now)
    if signed is None:
        return result

    issuer = _issuer_id(signed)
    if issuer not in signers:
        result.add(
            ISSUER, False, "issuer_mismatch", f"signed by {', '.join(signers)}, not {issuer}"
        )
    elif trusted_issuers is not None and issuer not in trusted_issuers:
        result.add(ISSUER, False, "untrusted_issuer", f"{issuer} is not a trusted issuer")
    else:
        result.add(ISSUER, True, "ok")

    now = now or datetime.datetime.now(datetime.UTC)
    _check_dates(result, signed, now)
    _check_status(result, signed, fetch_list, resolve_did, loader, now)
    return result


def _method_key(
    result: Result, method_id: str, purpose: str, resolve_did: DidResolver
) -> Ed25519PublicKey | None:
    """The key of ``method_id`` when its controller authorises it for ``purpose``, or None
    (the failure recorded)."""
    did = method_id.split("#", 1)[0]
    document = None if did.startswith("did:key:") else resolve_did(did) if did else None
    public_key = key_from_did_document(document, method_id) if method_id else None
    if public_key is None:
        result.add(SIGNATURE, False, "unknown_key", f"the key {method_id or '(none)'} is unknown")
        return None
    if not authorised(document, method_id, purpose):
        result.add(
            SIGNATURE, False, "unauthorised_purpose", f"{method_id} is not an {purpose} method"
        )
        return None
    return public_key


def _proof_refusal(proof: dict, purpose: str, now: datetime.datetime) -> tuple[str, str] | None:
    """Why ``proof`` is refused before its signature is checked: (code, detail), or None."""
    if proof.get("cryptosuite") != dataintegrity.CRYPTOSUITE:
        found = proof.get("cryptosuite") or proof.get("type") or "(none)"
        return "unsupported_cryptosuite", f"{found} is not accepted"
    if proof.get("proofPurpose") != purpose:
        found = proof.get("proofPurpose") or "(none)"
        return "bad_proof_purpose", f"proofPurpose is {found}, not {purpose}"
    for key in ("created", "expires"):  # VC Data Integrity 1.0, §2.1 Proofs
        if key in proof and not datamodel.is_date_time_stamp(proof[key]):
            return "invalid_date", f"proof.{key} is not an XML Schema dateTimeStamp"
    expires = _moment(proof["expires"]) if "expires" in proof else None
    if expires is not None and now > expires:
        return "proof_expired", f"the proof expired on {proof['expires']}"
    return None


def check_proofs(
    result: Result,
    document: dict,
    *,
    purpose: str,
    resolve_did: DidResolver,
    loader: DocumentLoader | None,
    now: datetime.datetime | None = None,
) -> list[str]:
    """Verify every Data Integrity proof of ``document`` (a set, or a chain through
    ``previousProof``) for ``purpose``; the DIDs that signed, or [] (the failures recorded)."""
    proofs = dataintegrity.proofs_of(document)
    if not proofs:
        result.add(SIGNATURE, False, "no_proof", "the document has no proof")
        return []
    now = now or datetime.datetime.now(datetime.UTC)
    signers = []
    for found in proofs:
        proof = found if isinstance(found, dict) else {}
        refusal = _proof_refusal(proof, purpose, now)
        if refusal is not None:
            result.add(SIGNATURE, False, *refusal)
            return []
        method_id = str(proof.get("verificationMethod", ""))
        public_key = _method_key(result, method_id, purpose, resolve_did)
        if public_key is None:
            return []
        try:
            dataintegrity.verify_proof(document, proof, public_key, loader=loader)
        except dataintegrity.ProofError as exc:
            code = "unknown_context" if "context" in str(exc) else "bad_signature"
            result.add(SIGNATURE, False, code, str(exc))
            return []
        signers.append(method_id.split("#", 1)[0])
    result.add(SIGNATURE, True, "ok")
    return signers


def _check_ldp(
    result: Result,
    credential: dict,
    resolve_did: DidResolver,
    loader: DocumentLoader | None,
    now: datetime.datetime | None,
) -> tuple[dict | None, list[str]]:
    """The credential and who signed it when it conforms to the data model and each of its
    proofs verifies, or (None, []) with the failures recorded."""
    if not _data_model(result, credential, loader):
        return None, []
    result.add(FORMAT, True, "ok")
    signers = check_proofs(
        result, credential, purpose=ASSERTION, resolve_did=resolve_did, loader=loader, now=now
    )
    if not signers:
        return None, []
    result.credential = credential
    return credential, signers


def _check_jwt(
    result: Result, token: str, resolve_did: DidResolver, loader: DocumentLoader | None
) -> tuple[dict | None, list[str]]:
    """The credential a VC-JWT carries and who signed it, or (None, []) with the failure
    recorded."""
    try:
        header = jose.header(token)
    except jose.JwtError as exc:
        result.add(FORMAT, False, "malformed", str(exc))
        return None, []
    result.add(FORMAT, True, "ok")
    method_id = str(header.get("kid", ""))
    public_key = _method_key(result, method_id, ASSERTION, resolve_did)
    if public_key is None:
        return None, []
    try:
        credential = jose.decode(token, public_key)
    except jose.JwtError as exc:
        result.add(SIGNATURE, False, "bad_signature", str(exc))
        return None, []
    if not _data_model(result, credential, loader):
        return None, []
    result.credential = credential
    result.add(SIGNATURE, True, "ok")
    return credential, [method_id.split("#", 1)[0]]


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
            index = int(entry.get("statusListIndex", -1))
            flagged = statuslist.status_of(listing, index, purpose)
        except (dataintegrity.ProofError, statuslist.StatusListError, ValueError) as exc:
            result.add(name, False, "status_unavailable", str(exc))
            continue
        if flagged:
            code = "revoked" if purpose == "revocation" else "suspended"
            result.add(name, False, code, f"the credential is {code}")
        else:
            result.add(name, True, "ok")


HOLDER, CHALLENGE, DOMAIN = "holder", "challenge", "domain"


@dataclass
class PresentationResult:
    """The presentation's own checks, and each credential's result, in order."""

    presentation: Result
    credentials: list[Result] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        own = all(check.passed for check in self.presentation.checks)
        return own and all(result.verified for result in self.credentials)


def verify_presentation(
    presentation: Any,
    *,
    resolve_did: DidResolver,
    fetch_list: ListFetcher,
    challenge: str | None = None,
    domain: str | None = None,
    now: datetime.datetime | None = None,
    loader: DocumentLoader | None = None,
) -> PresentationResult:
    """A presentation (VC Data Model 2.0, §4.13; VC API, Verify Presentation): it conforms to
    the data model; its proofs, when it has any, are authentication proofs by its holder
    carrying the expected ``challenge`` and ``domain``; every credential it holds verifies. A
    presentation may hold no credential."""
    result = PresentationResult(Result())
    own = result.presentation
    found = datamodel.presentation_problems(presentation, loader)
    for problem in found:
        own.add(FORMAT, False, problem.code, f"{problem.path}: {problem.detail}")
    if found:
        return result
    own.add(FORMAT, True, "ok")
    proofs = dataintegrity.proofs_of(presentation)
    if proofs:
        signers = check_proofs(
            own,
            presentation,
            purpose=AUTHENTICATION,
            resolve_did=resolve_did,
            loader=loader,
            now=now,
        )
        if signers:
            _check_holder(own, presentation, signers)
            _check_binding(own, proofs, challenge, domain)
    elif challenge or domain:
        own.add(SIGNATURE, False, "no_proof", "a challenge or domain was asked for: no proof")
    held = presentation.get("verifiableCredential")
    items = [] if held is None else held if isinstance(held, list) else [held]
    for item in items:  # objects only: the data model refused anything else above
        result.credentials.append(
            verify(item, resolve_did=resolve_did, fetch_list=fetch_list, now=now, loader=loader)
        )
    return result


def _check_holder(result: Result, presentation: dict, signers: list[str]) -> None:
    """Holder binding: a presentation naming its holder is signed by the holder."""
    if "holder" not in presentation:
        return
    holder = presentation["holder"]
    holder_id = str(holder.get("id", "")) if isinstance(holder, dict) else str(holder)
    if holder_id in signers:
        result.add(HOLDER, True, "ok")
    else:
        result.add(HOLDER, False, "holder_mismatch", f"signed by {', '.join(signers)}")


def _check_binding(result: Result, proofs: list, challenge: str | None, domain: str | None) -> None:
    """VC Data Integrity 1.0, §4.4 Verify Proof: the proof's challenge and domain are the
    ones the verifier expects."""
    dicts = [proof for proof in proofs if isinstance(proof, dict)]
    if challenge is not None:
        if all(proof.get("challenge") == challenge for proof in dicts):
            result.add(CHALLENGE, True, "ok")
        else:
            result.add(CHALLENGE, False, "bad_challenge", "the challenge is not the one expected")
    if domain is not None:

        def domains(proof: dict) -> list:
            found = proof.get("domain")
            return found if isinstance(found, list) else [found]

        if all(domain in domains(proof) for proof in dicts):
            result.add(DOMAIN, True, "ok")
        else:
            result.add(DOMAIN, False, "bad_domain", "the domain is not the one expected")
