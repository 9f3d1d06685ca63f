"""The association's signing keys and the identity they are published under.

The issuer is ``did:web:<host>`` (its DID document at ``/.well-known/did.json``) when the site
has a public host, otherwise the ``did:key`` of the signing key. Private keys never enter the
database, a page, a log or the API."""

import base64
import functools
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from muhandis.core import audit

from ..models import IssuerKey
from ..vc import multibase

if TYPE_CHECKING:
    from muhandis.accounts.models import User

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "testserver", ""}


class KeyMissing(ImproperlyConfigured):
    pass


def _key_id(public: bytes) -> str:
    return "key-" + hashlib.sha256(public).hexdigest()[:16]


def _key_file(key_id: str) -> Path:
    return settings.CREDENTIALS_KEY_DIR / f"{key_id}.pem"


def create_key(*, actor: "User | None" = None, reason: str = "") -> IssuerKey:
    """A new Ed25519 key that signs from now on; earlier keys are retired but stay published."""
    private_key = Ed25519PrivateKey.generate()
    public = private_key.public_key().public_bytes_raw()
    key_id = _key_id(public)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    folder = settings.CREDENTIALS_KEY_DIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(_key_file(key_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    with transaction.atomic():
        retired = list(
            IssuerKey.objects.filter(retired_at__isnull=True).values_list("key_id", flat=True)
        )
        IssuerKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
        key = IssuerKey.objects.create(
            key_id=key_id, public_key_multibase=multibase.public_key_multibase(public)
        )
        audit.record(
            "credentials.key.created",
            actor=actor,
            target=key,
            after={"key_id": key_id, "retired": retired},
            reason=reason,
        )
    return key


def active_key() -> IssuerKey | None:
    return IssuerKey.objects.filter(retired_at__isnull=True).order_by("-created_at").first()


def public_key(key: IssuerKey) -> Ed25519PublicKey:
    raw = multibase.decode_key(key.public_key_multibase, multibase.ED25519_PUBLIC)
    return Ed25519PublicKey.from_public_bytes(raw)


def signing_key() -> tuple[IssuerKey, Ed25519PrivateKey]:
    """The active key and its private half, from CREDENTIALS_SIGNING_KEY or its file."""
    key = active_key()
    if key is None:
        raise KeyMissing("No issuer key: run `manage.py credentials_keys create`.")
    if settings.CREDENTIALS_SIGNING_KEY:
        pem = settings.CREDENTIALS_SIGNING_KEY.encode()
    else:
        try:
            pem = _key_file(key.key_id).read_bytes()
        except OSError as exc:
            raise KeyMissing(
                f"The private key {key.key_id} is not in {settings.CREDENTIALS_KEY_DIR}."
            ) from exc
    return key, _private_key(pem, key.public_key_multibase)


@functools.lru_cache(maxsize=4)
def _private_key(pem: bytes, published: str) -> Ed25519PrivateKey:
    """The parsed key, checked against the published one (kept per process: signing many
    credentials reads and checks it once)."""
    try:
        private_key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyMissing(f"The signing key cannot be read: {exc}") from exc
    if not isinstance(private_key, Ed25519PrivateKey):
        raise KeyMissing("The signing key is not an Ed25519 key.")
    raw = multibase.decode_key(published, multibase.ED25519_PUBLIC)
    if private_key.public_key().public_bytes_raw() != raw:
        raise KeyMissing("The signing key does not match the published key.")
    return private_key


def did_host() -> str:
    if settings.CREDENTIALS_DID_HOST:
        return settings.CREDENTIALS_DID_HOST
    host = urlsplit(settings.SITE_URL).netloc
    return "" if urlsplit(settings.SITE_URL).hostname in LOCAL_HOSTS else host


def issuer_did() -> str:
    """did:web of the site's host, or the did:key of the active key on a local install."""
    host = did_host()
    if host:
        return "did:web:" + quote(host, safe="")
    key = active_key()
    if key is None:
        raise KeyMissing("No issuer key: run `manage.py credentials_keys create`.")
    return f"did:key:{key.public_key_multibase}"


def verification_method(key: IssuerKey, did: str | None = None) -> str:
    did = did or issuer_did()
    if did.startswith("did:key:"):
        return f"did:key:{key.public_key_multibase}#{key.public_key_multibase}"
    return f"{did}#{key.key_id}"


def _published_keys(did: str) -> list[IssuerKey]:
    """The keys a DID document lists: under did:web every key, active or retired (credentials
    signed before a rotation keep verifying); a did:key is one key, so its document holds only
    that key (did:key method, §3.1.1 Document Creation)."""
    if did.startswith("did:key:"):
        return list(IssuerKey.objects.filter(public_key_multibase=did.removeprefix("did:key:")))
    return list(IssuerKey.objects.all())


def did_document() -> dict:
    """The issuer's DID document: its keys as Multikeys, each under the document's own id."""
    did = issuer_did()
    methods = [
        {
            "id": verification_method(key, did),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
        }
        for key in _published_keys(did)
    ]
    ids = [method["id"] for method in methods]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def jwks() -> dict:
    """The same keys as a JSON Web Key Set (OKP / Ed25519), for JOSE verifiers."""
    did = issuer_did() if IssuerKey.objects.exists() else ""
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": base64.urlsafe_b64encode(public_key(key).public_bytes_raw())
                .rstrip(b"=")
                .decode(),
                "kid": verification_method(key, did),
                "use": "sig",
                "alg": "EdDSA",
            }
            for key in IssuerKey.objects.all()
        ]
    }
