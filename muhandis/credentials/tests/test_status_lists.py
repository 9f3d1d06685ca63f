import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.credentials.models import StatusList
from muhandis.credentials.services import issuing, keys
from muhandis.credentials.vc import dataintegrity, jose, statuslist
from tests.standards import standards_dir

pytestmark = pytest.mark.django_db
SCHEMA = standards_dir() / "open-badges-3.0/ob_v3p0_achievementcredential_schema.json"


@given(st.lists(st.integers(min_value=0, max_value=StatusList.LENGTH - 1), max_size=20))
def test_bits_set_are_the_bits_read_after_encoding(indices):
    bits = bytes(StatusList.LENGTH // 8)
    for index in indices:
        bits = statuslist.set_bit(bits, index, True)
    decoded = statuslist.decode(statuslist.encode(bits))
    assert len(decoded) == len(bits)
    assert {
        start + offset
        for start in range(0, len(decoded) * 8, 8)
        if decoded[start // 8]
        for offset in range(8)
        if statuslist.get_bit(decoded, start + offset)
    } == set(indices)


def test_index_zero_is_the_first_bit_of_the_first_byte():
    assert statuslist.set_bit(bytes(2), 0, True) == b"\x80\x00"
    assert statuslist.set_bit(bytes(2), 9, True) == b"\x00\x40"


@pytest.fixture
def certificate(settings, assessed_application, committee_member, second_member):
    settings.SITE_URL = "https://register.uzace.uz"
    keys.create_key()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return Certificate.objects.get()


def _bit(client, entry) -> bool:
    path = entry["statusListCredential"].removeprefix("https://register.uzace.uz")
    response = client.get(path)
    assert response["Cache-Control"] == "public, max-age=60"
    document = response.json()
    dataintegrity.verify(document, keys.public_key(keys.active_key()))
    assert document["credentialSubject"]["statusPurpose"] == entry["statusPurpose"]
    return statuslist.status_of(document, int(entry["statusListIndex"]))


def test_each_credential_has_revocation_and_suspension_entries_that_follow_its_status(
    client, certificate, registrar
):
    record = issuing.issue_credential(certificate)
    document = record.document
    dataintegrity.verify(document, keys.public_key(record.key))
    assert jose.decode(record.jwt, keys.public_key(record.key))["id"] == document["id"]
    revocation, suspension = document["credentialStatus"]
    assert (revocation["statusPurpose"], suspension["statusPurpose"]) == (
        "revocation",
        "suspension",
    )
    assert not _bit(client, revocation)
    assert not _bit(client, suspension)

    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Audit."
    )
    issuing.sync_status(Certificate.objects.get(pk=certificate.pk))
    assert _bit(client, suspension)
    assert not _bit(client, revocation)
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="reinstate", reason="Cleared."
    )
    issuing.sync_status(Certificate.objects.get(pk=certificate.pk))
    assert not _bit(client, suspension)
    services.change_certificate_status(
        certificate=certificate, actor=registrar, action="withdraw", reason="Misconduct."
    )
    issuing.sync_status(Certificate.objects.get(pk=certificate.pk))
    assert _bit(client, revocation)


@pytest.mark.skipif(not SCHEMA.exists(), reason="standards folder not present")
def test_the_issued_credential_is_valid_open_badges_with_each_status_entry(certificate):
    """The Open Badges 3.0 schema describes credentialStatus as one object, while VC 2.0 (and
    this credential, which needs both a revocation and a suspension entry) allows a list: the
    credential is checked with each of its entries in turn (docs/decisions/0003)."""
    document = issuing.issue_credential(certificate).document
    validator = jsonschema.Draft201909Validator(json.loads(SCHEMA.read_text()))
    for entry in document["credentialStatus"]:
        problems = [
            e.message for e in validator.iter_errors({**document, "credentialStatus": entry})
        ]
        assert problems == []


def test_an_index_already_given_is_never_given_again(monkeypatch, certificate, registrar):
    first = certificate.credential  # issued with the grant
    taken = (first.revocation_index, first.suspension_index)
    draws = iter([taken[0], taken[0], 42, taken[1], 8])
    monkeypatch.setattr(issuing.secrets, "randbelow", lambda n: next(draws))
    replacement = services.reissue_certificate(
        certificate=certificate, actor=registrar, reason="Lost."
    )
    second = replacement.credential
    assert (second.revocation_index, second.suspension_index) == (42, 8)


def test_unknown_lists_are_not_found(client):
    assert client.get("/credentials/status/revocation/9").status_code == 404
    assert client.get("/credentials/status/other/1").status_code == 404


def test_a_grant_issues_the_credential_and_a_suspension_reaches_the_list_on_commit(
    client, certificate, registrar, django_capture_on_commit_callbacks
):
    # The issuer key existed when the committee granted: the credential came with the grant.
    record = certificate.credential
    suspension = record.document["credentialStatus"][1]
    assert not _bit(client, suspension)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.change_certificate_status(
            certificate=certificate, actor=registrar, action="suspend", reason="Audit."
        )
    assert len(callbacks) == 1  # one task, enqueued once the decision is committed
    assert _bit(client, suspension)


def test_a_scope_reduction_signs_the_credential_again_with_the_new_limitation(
    certificate, registrar, django_capture_on_commit_callbacks
):
    before = certificate.credential.document
    with django_capture_on_commit_callbacks(execute=True):
        services.reduce_scope(
            certificate=certificate,
            actor=registrar,
            limitation="No pumping stations.",
            reason="Audit finding.",
        )
    certificate.credential.refresh_from_db()
    after = certificate.credential.document
    assert "No pumping stations." in after["credentialSubject"]["narrative"]
    assert after["id"] == before["id"]
    assert after["credentialStatus"] == before["credentialStatus"]
    dataintegrity.verify(after, keys.public_key(keys.active_key()))


def test_a_renewal_signs_the_credential_again_with_the_new_expiry(
    certificate, committee_member, django_capture_on_commit_callbacks
):
    from muhandis.certification.services.renewals import renew_certificate

    before = certificate.credential.document["validUntil"]
    with django_capture_on_commit_callbacks(execute=True):
        renew_certificate(certificate=certificate, actor=committee_member, reasons="CPD met.")
    certificate.refresh_from_db()
    certificate.credential.refresh_from_db()
    after = certificate.credential.document["validUntil"]
    assert after > before
    assert after.startswith(str(certificate.expiry_date.year))


def test_a_list_for_another_purpose_or_too_short_is_not_a_status(record):
    """Bitstring Status List v1.0, §3.2 Validate Algorithm: the list's statusPurpose must be the
    entry's (STATUS_VERIFICATION_ERROR); §2.1: a list holds at least 131,072 entries
    (STATUS_LIST_LENGTH_ERROR)."""
    import datetime

    from muhandis.credentials import selectors
    from muhandis.credentials.vc import verifier

    lists = {issuing.list_url(found): found for found in StatusList.objects.all()}
    revocation_url, suspension_url = (
        next(url for url, found in lists.items() if found.purpose == purpose)
        for purpose in ("revocation", "suspension")
    )
    # The suspension entry pointed at a (genuine, signed) revocation list.
    swapped = {suspension_url: issuing.signed_list(lists[revocation_url])}
    swapped[revocation_url] = issuing.signed_list(lists[revocation_url])
    result = verifier.verify(
        record.document, resolve_did=selectors.resolve_did, fetch_list=swapped.get
    )
    assert {c.name: c.code for c in result.checks if not c.passed} == {
        "suspension": "status_unavailable"
    }
    # A list signed by the issuer but shorter than the minimum.
    key, private_key = keys.signing_key()
    now = datetime.datetime.now(datetime.UTC)
    short = dataintegrity.sign(
        statuslist.list_credential(
            list_url=suspension_url,
            purpose="suspension",
            bits=bytes(16),
            issuer=keys.issuer_did(),
            valid_from=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            valid_until=(now + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
        private_key,
        verification_method=keys.verification_method(key),
        created=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    result = verifier.verify(
        record.document,
        resolve_did=selectors.resolve_did,
        fetch_list={**swapped, suspension_url: short}.get,
    )
    assert {c.name: c.code for c in result.checks if not c.passed} == {
        "suspension": "status_unavailable"
    }


def test_reading_a_list_checks_its_purpose_and_its_length():
    """Bitstring Status List v1.0, §3.2 (STATUS_VERIFICATION_ERROR, STATUS_LIST_LENGTH_ERROR)."""

    def listing(purpose, bits):
        return statuslist.list_credential(
            list_url="https://register.uzace.uz/credentials/status/revocation/1",
            purpose=purpose,
            bits=bits,
            issuer="did:web:register.uzace.uz",
            valid_from="2026-01-01T00:00:00Z",
            valid_until="2026-01-02T00:00:00Z",
        )

    full = statuslist.set_bit(bytes(StatusList.LENGTH // 8), 5, True)
    assert statuslist.status_of(listing("revocation", full), 5, "revocation") is True
    with pytest.raises(statuslist.StatusListError, match="not a suspension list"):
        statuslist.status_of(listing("revocation", full), 5, "suspension")
    with pytest.raises(statuslist.StatusListError, match="shorter"):
        statuslist.status_of(listing("revocation", bytes(16)), 5, "revocation")
