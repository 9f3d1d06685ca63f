"""Credentials issued here verify with an independent implementation: Digital Bazaar's Data
Integrity libraries (npm, versions pinned in tests/conformance/js), run offline with Node.js."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from muhandis.credentials.services import keys
from muhandis.credentials.vc.contexts import CONTEXTS

TOOL = Path(__file__).resolve().parents[3] / "tests/conformance/js"
pytestmark = pytest.mark.django_db


def _node():
    node = shutil.which("node")
    if node is None or not (TOOL / "node_modules").exists():
        if os.environ.get("CI"):
            pytest.fail("Node.js and `npm ci --prefix tests/conformance/js` are needed in CI")
        pytest.skip(
            "the independent verifier is not installed (npm ci --prefix tests/conformance/js)"
        )
    return node


def _documents(credential: dict) -> dict:
    documents = {}
    for url in credential["@context"]:
        source = CONTEXTS[url]
        documents[url] = json.loads(source.read_text()) if isinstance(source, Path) else source
    did_document = keys.did_document()
    documents[did_document["id"]] = did_document
    for url in ("https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"):
        source = CONTEXTS[url]
        documents[url] = json.loads(source.read_text()) if isinstance(source, Path) else source
    return documents


def _verify(node, credential, tmp_path) -> dict:
    request = tmp_path / "input.json"
    request.write_text(json.dumps({"credential": credential, "documents": _documents(credential)}))
    run = subprocess.run(
        [node, str(TOOL / "verify.mjs"), str(request)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.stdout, run.stderr
    return json.loads(run.stdout)


def test_an_issued_credential_verifies_with_digital_bazaars_implementation(record, tmp_path):
    node = _node()
    outcome = _verify(node, record.document, tmp_path)
    assert outcome == {"verified": True, "error": None}


def test_the_independent_verifier_also_rejects_a_changed_credential(record, tmp_path):
    node = _node()
    changed = json.loads(json.dumps(record.document))
    changed["credentialSubject"]["licenseNumber"] = "MHD-2026-99999-9"
    assert _verify(node, changed, tmp_path)["verified"] is False


@pytest.mark.parametrize(
    "credential",
    [
        {
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://www.w3.org/ns/credentials/examples/v2",
            ],
            "type": ["VerifiableCredential", "ExampleAlumniCredential"],
            "validFrom": "2023-07-01T19:23:24Z",
            "credentialSubject": {"id": "did:example:abc", "alumniOf": "Example University"},
        },
        {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "issuanceDate": "2010-01-01T19:23:24Z",
            "credentialSubject": {"id": "did:example:abc"},
        },
    ],
    ids=["examples-context", "vc-1.1-with-data-integrity-context"],
)
def test_credentials_signed_through_the_vc_api_verify_with_digital_bazaars_implementation(
    settings, registrar, tmp_path, credential
):
    """The W3C examples context and a VC 1.1 credential (given the Data Integrity context when
    signed) are read alike by an independent implementation."""
    from muhandis.credentials.services import issuing

    node = _node()
    settings.SITE_URL = "https://register.uzace.uz"
    keys.create_key()
    signed = issuing.sign_for_api(credential=credential, actor=registrar)
    assert _verify(node, signed, tmp_path) == {"verified": True, "error": None}
