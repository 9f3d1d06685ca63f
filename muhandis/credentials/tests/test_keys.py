import json
import stat

import pytest
from django.core.management import call_command

from muhandis.core.models import AuditEntry
from muhandis.credentials.models import IssuerKey
from muhandis.credentials.services import keys

pytestmark = pytest.mark.django_db


def test_the_command_creates_a_key_whose_private_half_stays_in_a_private_file(settings, capsys):
    call_command("credentials_keys", "create")
    key = IssuerKey.objects.get()
    output = capsys.readouterr().out
    path = settings.CREDENTIALS_KEY_DIR / f"{key.key_id}.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pem = path.read_text()
    assert "PRIVATE KEY" in pem
    assert pem.splitlines()[1] not in output
    assert key.public_key_multibase in output
    signing, private_key = keys.signing_key()
    assert signing == key
    assert private_key.public_key().public_bytes_raw() == keys.public_key(key).public_bytes_raw()
    assert AuditEntry.objects.filter(action="credentials.key.created").exists()
    # The PDF signing certificate comes with it; its key file is as private as the other.
    assert "PDF signing certificate" in output
    pdf_key = settings.CREDENTIALS_KEY_DIR / "pdf-signing.key"
    assert stat.S_IMODE(pdf_key.stat().st_mode) == 0o600


def test_a_local_install_is_a_did_key_a_public_site_a_did_web(settings, client):
    key = keys.create_key()
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert keys.issuer_did() == f"did:key:{key.public_key_multibase}"
    settings.SITE_URL = "https://register.uzace.uz"
    assert keys.issuer_did() == "did:web:register.uzace.uz"
    settings.SITE_URL = "https://uzace.uz:8443"
    assert keys.issuer_did() == "did:web:uzace.uz%3A8443"


def test_rotation_signs_with_the_new_key_and_keeps_publishing_the_old(settings, client):
    settings.SITE_URL = "https://register.uzace.uz"
    old = keys.create_key()
    new = keys.create_key(reason="yearly rotation")
    assert keys.signing_key()[0] == new
    old.refresh_from_db()
    assert old.retired_at is not None
    document = client.get("/.well-known/did.json")
    assert document["Content-Type"] == "application/did+json"
    body = document.json()
    assert body["id"] == "did:web:register.uzace.uz"
    published = {m["publicKeyMultibase"] for m in body["verificationMethod"]}
    assert published == {old.public_key_multibase, new.public_key_multibase}
    assert body["assertionMethod"] == [m["id"] for m in body["verificationMethod"]]
    jwks = client.get("/.well-known/jwks.json").json()
    assert {k["kid"] for k in jwks["keys"]} == {
        f"did:web:register.uzace.uz#{old.key_id}",
        f"did:web:register.uzace.uz#{new.key_id}",
    }
    # Nothing private is ever published.
    text = json.dumps(body) + json.dumps(jwks)
    assert '"d"' not in text
    assert "PRIVATE" not in text


def test_a_key_from_the_environment_must_match_the_published_one(settings):
    keys.create_key()
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stranger = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.CREDENTIALS_SIGNING_KEY = stranger.decode()
    with pytest.raises(keys.KeyMissing, match="does not match"):
        keys.signing_key()


def test_no_key_yet_is_said_plainly(client):
    with pytest.raises(keys.KeyMissing, match="credentials_keys create"):
        keys.signing_key()
    assert client.get("/.well-known/did.json").status_code == 404
