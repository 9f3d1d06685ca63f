import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from muhandis.credentials.vc import jose

CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:web:register.uzace.uz",
    "credentialSubject": {"licenseNumber": "MHD-2026-00001-4", "name": "Oʻktam Gʻulomov"},
}


def test_a_vc_jwt_round_trips_and_names_its_key():
    private_key = Ed25519PrivateKey.generate()
    token = jose.encode(CREDENTIAL, private_key, kid="did:web:register.uzace.uz#key-1")
    assert jose.header(token) == {
        "alg": "EdDSA",
        "typ": "vc+jwt",
        "cty": "vc",
        "kid": "did:web:register.uzace.uz#key-1",
    }
    assert jose.decode(token, private_key.public_key()) == CREDENTIAL


def test_a_changed_token_another_key_or_garbage_fail_with_a_reason():
    private_key = Ed25519PrivateKey.generate()
    token = jose.encode(CREDENTIAL, private_key, kid="k")
    head, payload, signature = token.split(".")
    forged = ".".join(
        [head, payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1], signature]
    )
    with pytest.raises(jose.JwtError):
        jose.decode(forged, private_key.public_key())
    with pytest.raises(jose.JwtError, match="signature"):
        jose.decode(token, Ed25519PrivateKey.generate().public_key())
    with pytest.raises(jose.JwtError):
        jose.header("not a token")
    with pytest.raises(jose.JwtError):
        jose.decode("a.b.c", private_key.public_key())
