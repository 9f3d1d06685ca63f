"""The same credential as a VC-JWT (W3C VC-JOSE-COSE, media type ``application/vc+jwt``):
a compact JWS whose payload is the credential itself, signed EdDSA (Ed25519), with ``kid`` the
verification method the issuer's DID document and JWKS publish."""

import contextlib
import json
import warnings
from collections.abc import Iterator

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

MEDIA_TYPE = "application/vc+jwt"
ALGORITHMS = ["EdDSA"]


class JwtError(ValueError):
    """Why a VC-JWT cannot be read or does not verify, in words a person can act on."""


@contextlib.contextmanager
def _eddsa() -> Iterator[None]:
    # RFC 9864 prefers the fully-specified "Ed25519" name; VC-JOSE-COSE verifiers in use
    # today expect "EdDSA", which joserfc flags with a SecurityWarning.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated")
        yield


def encode(credential: dict, private_key: Ed25519PrivateKey, *, kid: str) -> str:
    header = {"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc", "kid": kid}
    payload = json.dumps(credential, ensure_ascii=False, separators=(",", ":")).encode()
    with _eddsa():
        return jws.serialize_compact(
            header, payload, OKPKey.import_key(private_key), algorithms=ALGORITHMS
        )


def header(token: str) -> dict:
    """The protected header, read without verifying (to find ``kid``)."""
    try:
        with _eddsa():
            return dict(jws.extract_compact(token.strip().encode()).headers())
    except (JoseError, ValueError, UnicodeError) as exc:
        raise JwtError("this is not a compact JWT") from exc


def decode(token: str, public_key: Ed25519PublicKey) -> dict:
    """The credential, once the signature by ``public_key`` is checked."""
    try:
        with _eddsa():
            found = jws.deserialize_compact(
                token.strip(), OKPKey.import_key(public_key), algorithms=ALGORITHMS
            )
    except (JoseError, ValueError) as exc:
        message = str(exc).lower()
        if "signature" in message:
            raise JwtError("the signature does not match: the credential was changed") from exc
        raise JwtError(f"the JWT cannot be verified: {exc}") from exc
    if found.headers().get("typ") != "vc+jwt":
        raise JwtError("the JWT is not a verifiable credential (typ is not vc+jwt)")
    try:
        return json.loads(found.payload)
    except ValueError as exc:
        raise JwtError("the JWT's payload is not a JSON credential") from exc
