import base64
import datetime
import json
import subprocess
import sys

import pytest

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.credentials import selectors
from muhandis.credentials.models import StatusList
from muhandis.credentials.services import issuing, keys

pytestmark = pytest.mark.django_db


def _failed(result) -> dict:
    return {check.name: check.code for check in result.checks if not check.passed}


def test_a_valid_credential_passes_every_check_in_both_formats(record):
    for given in (json.dumps(record.document), record.jwt):
        result = selectors.verify_credential(given)
        assert [c.name for c in result.checks] == [
            "format",
            "signature",
            "issuer",
            "dates",
            "revocation",
            "suspension",
        ]
        assert result.verified, _failed(result)


def test_each_problem_is_a_failed_check_with_its_reason(record, registrar):
    tampered = json.loads(json.dumps(record.document))
    tampered["credentialSubject"]["licenseNumber"] = "MHD-2026-99999-9"
    assert _failed(selectors.verify_credential(tampered)) == {"signature": "bad_signature"}
    head, payload, signature = record.jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["licenseNumber"] = "MHD-2026-99999-9"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert _failed(selectors.verify_credential(f"{head}.{forged}.{signature}")) == {
        "signature": "bad_signature"
    }
    assert _failed(selectors.verify_credential("{not json")) == {"format": "malformed"}
    assert _failed(selectors.verify_credential("just words")) == {"format": "malformed"}
    assert _failed(selectors.verify_credential(b"\xff\xfe")) == {"format": "malformed"}

    later = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
    from muhandis.credentials.vc import verifier

    result = verifier.verify(
        record.document,
        resolve_did=selectors.resolve_did,
        fetch_list=selectors.fetch_list,
        now=later,
    )
    # Long after: the credential has expired, and the status lists fetched now would be stale.
    assert _failed(result) == {
        "dates": "expired",
        "revocation": "stale_status_list",
        "suspension": "stale_status_list",
    }

    certificate = record.certificate
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Audit."
    )
    issuing.sync_status(Certificate.objects.get(pk=certificate.pk))
    assert _failed(selectors.verify_credential(record.jwt)) == {"suspension": "suspended"}
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="withdraw", reason="Misconduct."
    )
    issuing.sync_status(Certificate.objects.get(pk=certificate.pk))
    assert _failed(selectors.verify_credential(record.document))["revocation"] == "revoked"


def test_a_credential_signed_by_another_key_is_refused(record):
    keys.create_key()  # rotation: the old key stays published, so the old credential verifies
    assert selectors.verify_credential(record.document).verified
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from muhandis.credentials.vc import dataintegrity

    forged = dataintegrity.sign(
        {k: v for k, v in record.document.items() if k != "proof"},
        Ed25519PrivateKey.generate(),
        verification_method=record.document["proof"]["verificationMethod"],
        created="2026-01-01T00:00:00Z",
    )
    assert _failed(selectors.verify_credential(forged)) == {"signature": "bad_signature"}


def test_the_command_line_verifier_works_offline_from_saved_files(record, tmp_path):
    (tmp_path / "credential.json").write_text(json.dumps(record.document))
    (tmp_path / "credential.jwt").write_text(record.jwt)
    (tmp_path / "did.json").write_text(json.dumps(keys.did_document()))
    lists = []
    for status_list in StatusList.objects.all():
        path = tmp_path / f"{status_list.purpose}.json"
        path.write_text(json.dumps(issuing.signed_list(status_list)))
        lists += ["--status-list", str(path)]
    # A fresh interpreter without Django settings or a database.
    for name in ("credential.json", "credential.jwt"):
        run = subprocess.run(
            [
                sys.executable,
                *("-m", "muhandis.credentials.verify", str(tmp_path / name)),
                *("--did-document", str(tmp_path / "did.json"), *lists),
            ],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(_root())},
            check=False,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "VERIFIED" in run.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "muhandis.credentials.verify", str(tmp_path / "credential.json")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(_root())},
        check=False,
    )
    assert missing.returncode == 1
    assert "FAIL signature" in missing.stdout


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[3]
