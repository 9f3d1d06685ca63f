"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C Data Integrity EdDSA
Cryptosuites v1.0, section 3.3): RDF canonicalisation (RDFC-1.0), SHA-256, Ed25519."""

import copy
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from . import multibase
from .contexts import DocumentLoader, default_loader

CRYPTOSUITE = "eddsa-rdfc-2022"


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
) -> dict:
    """A copy of ``document`` with an embedded DataIntegrityProof."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config = proof_configuration(
        unsecured, verification_method=verification_method, created=created
    )
    signature = private_key.sign(hashes(unsecured, config, loader).combined)
    proof = {key: value for key, value in config.items() if key != "@context"}
    proof["proofValue"] = multibase.encode(signature)
    secured = copy.deepcopy(unsecured)
    secured["proof"] = proof
    return secured


def verify(
    document: dict, public_key: Ed25519PublicKey, loader: DocumentLoader | None = None
) -> None:
    """Raise ProofError unless ``document`` carries a valid eddsa-rdfc-2022 proof by the key."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("the credential has no proof")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"the proof is not a DataIntegrityProof with {CRYPTOSUITE}")
    try:
        signature = multibase.decode(str(proof.get("proofValue", "")))
    except multibase.MultibaseError as exc:
        raise ProofError(f"the proof value cannot be read: {exc}") from exc
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config = {key: value for key, value in proof.items() if key != "proofValue"}
    config["@context"] = unsecured.get("@context")
    try:
        public_key.verify(signature, hashes(unsecured, config, loader).combined)
    except InvalidSignature as exc:
        raise ProofError("the signature does not match: the credential was changed") from exc
