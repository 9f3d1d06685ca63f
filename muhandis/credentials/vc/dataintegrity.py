"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C Data Integrity EdDSA
Cryptosuites v1.0, section 3.3): RDF canonicalisation (RDFC-1.0), SHA-256, Ed25519.

A document may carry several proofs (a proof set) and proofs that name a ``previousProof``
(a proof chain); each is verified on its own, a chained proof over the document together with
the proofs it names (VC Data Integrity 1.0, §2.1.1 Proof Sets, §2.1.2 Proof Chains)."""

import copy
import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from . import multibase
from .contexts import DATA_INTEGRITY, DocumentLoader, default_loader

CRYPTOSUITE = "eddsa-rdfc-2022"
CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"


class ProofError(ValueError):
    """Why a proof cannot be made or does not verify, in words a person can act on."""


def canonical(document: dict, loader: DocumentLoader | None = None) -> str:
    """The document's RDF dataset in canonical N-Quads (RDFC-1.0)."""
    try:
        return jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": loader or default_loader(),
                "safe": True,
            },
        )
    except jsonld.JsonLdError as exc:
        error = exc
        while error is not None:
            url = (getattr(error, "details", None) or {}).get("url")
            if url:
                raise ProofError(f"unknown JSON-LD context {url}") from exc
            error = getattr(error, "cause", None) or error.__cause__ or error.__context__
        raise ProofError(f"the document is not valid JSON-LD: {exc.args[0]}") from exc
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        # pyld fails this way on some invalid contexts (e.g. an @vocab it cannot use).
        raise ProofError(f"the document is not valid JSON-LD: {exc}") from exc


@dataclass(frozen=True)
class Hashes:
    canonical_document: str
    canonical_proof: str
    document_hash: bytes
    proof_hash: bytes

    @property
    def combined(self) -> bytes:
        """What is signed: the proof configuration's hash, then the document's."""
        return self.proof_hash + self.document_hash


def hashes(unsecured: dict, proof_config: dict, loader: DocumentLoader | None = None) -> Hashes:
    document_nquads = canonical(unsecured, loader)
    proof_nquads = canonical(proof_config, loader)
    return Hashes(
        document_nquads,
        proof_nquads,
        hashlib.sha256(document_nquads.encode()).digest(),
        hashlib.sha256(proof_nquads.encode()).digest(),
    )


def proof_configuration(
    document: dict, *, verification_method: str, created: str, purpose: str = "assertionMethod"
) -> dict:
    return {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": purpose,
        "@context": document["@context"],
    }


def sign(
    document: dict,
    private_key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
    loader: DocumentLoader | None = None,
    purpose: str = "assertionMethod",
    options: dict | None = None,
) -> dict:
    """A copy of ``document`` with an embedded DataIntegrityProof (the Data Integrity context
    added first when the document's contexts do not define it). ``options`` are further proof
    options (``id``, ``previousProof``, ``challenge``, ``domain``). Proofs the document already
    has are kept: the new one joins the set, or the chain when it names a ``previousProof``."""
    existing = proofs_of(document)
    unsecured = with_suite_context(
        {key: value for key, value in document.items() if key != "proof"}
    )
    config = proof_configuration(
        unsecured, verification_method=verification_method, created=created, purpose=purpose
    )
    config.update(options or {})
    proof = {key: value for key, value in config.items() if key != "@context"}
    signed_input = _input_document({**unsecured, "proof": existing}, proof)
    signature = private_key.sign(hashes(signed_input, config, loader).combined)
    proof["proofValue"] = multibase.encode(signature)
    secured = copy.deepcopy(unsecured)
    secured["proof"] = [*copy.deepcopy(existing), proof] if existing else proof
    return secured


def with_suite_context(document: dict) -> dict:
    """The document with the Data Integrity context added when its first context is the
    VC 1.1 one, which does not define DataIntegrityProof, cryptosuite or proofValue (VC Data
    Integrity 1.0, §2.4 Contexts and Vocabularies)."""
    contexts = document.get("@context")
    listed = contexts if isinstance(contexts, list) else [contexts]
    if listed and listed[0] == CREDENTIALS_V1 and DATA_INTEGRITY not in listed:
        return {**document, "@context": [*listed, DATA_INTEGRITY]}
    return document


def proofs_of(document: dict) -> list:
    """The document's proofs: one, a set, or none."""
    found = document.get("proof")
    return found if isinstance(found, list) else [] if found is None else [found]


def _input_document(document: dict, proof: dict) -> dict:
    """What ``proof`` signed: the document without its proofs, plus, for a proof in a chain,
    the proofs its ``previousProof`` names (VC Data Integrity 1.0, §4.5 Verify Proof Sets and
    Chains)."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    previous = proof.get("previousProof")
    if previous is None:
        return unsecured
    wanted = previous if isinstance(previous, list) else [previous]
    everything = [item for item in proofs_of(document) if isinstance(item, dict)]
    matching = [item for item in everything if item.get("id") in wanted]
    if len(matching) != len(wanted):
        raise ProofError("a previous proof this proof names is missing")
    unsecured["proof"] = matching
    return unsecured


def verify(
    document: dict, public_key: Ed25519PublicKey, loader: DocumentLoader | None = None
) -> None:
    """Raise ProofError unless each of ``document``'s proofs is a valid eddsa-rdfc-2022 proof
    by the key."""
    proofs = proofs_of(document)
    if not proofs:
        raise ProofError("the credential has no proof")
    for proof in proofs:
        verify_proof(document, proof, public_key, loader)


def verify_proof(
    document: dict,
    proof: Any,
    public_key: Ed25519PublicKey,
    loader: DocumentLoader | None = None,
) -> None:
    """Raise ProofError unless ``proof``, one of ``document``'s proofs, is a valid
    eddsa-rdfc-2022 proof by the key."""
    if not isinstance(proof, dict):
        raise ProofError("the credential has no proof")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"the proof is not a DataIntegrityProof with {CRYPTOSUITE}")
    try:
        signature = multibase.decode(str(proof.get("proofValue", "")))
    except multibase.MultibaseError as exc:
        raise ProofError(f"the proof value cannot be read: {exc}") from exc
    unsecured = _input_document(document, proof)
    config = {key: value for key, value in proof.items() if key != "proofValue"}
    config["@context"] = unsecured.get("@context")
    try:
        public_key.verify(signature, hashes(unsecured, config, loader).combined)
    except InvalidSignature as exc:
        raise ProofError("the signature does not match: the credential was changed") from exc
