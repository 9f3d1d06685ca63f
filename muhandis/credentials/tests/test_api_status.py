"""Status on credentials issued through the VC API (W3C Bitstring Status List v1.0 and the VC
API's credentialStatus option and status endpoint)."""

import json

import pytest

from muhandis.accounts.services import create_api_token
from muhandis.core.models import AuditEntry
from muhandis.credentials import selectors
from muhandis.credentials.models import ApiCredential
from muhandis.credentials.services import keys

pytestmark = pytest.mark.django_db

CREDENTIAL = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ],
    "type": ["VerifiableCredential", "ExampleAlumniCredential"],
    "credentialSubject": {"id": "did:example:abc", "alumniOf": "Example University"},
}


def _post(client, path, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def api(settings, client, registrar):
    settings.SITE_URL = "https://register.uzace.uz"
    keys.create_key()
    _token, secret = create_api_token(user=registrar, name="status", scope="write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}", "HTTP_ACCEPT_LANGUAGE": "en"}

    def post(path, body, **headers):
        return _post(client, path, body, **{**auth, **headers})

    return post


def _issue(api, **credential):
    response = api(
        "/credentials/issue",
        {
            "credential": {**CREDENTIAL, **credential},
            "options": {"credentialStatus": {"type": "BitstringStatusListEntry"}},
        },
    )
    assert response.status_code == 201, response.content
    return response.json()["verifiableCredential"]


def _failed(credential):
    result = selectors.verify_credential(credential)
    return {check.name: check.code for check in result.checks if not check.passed}


def test_issuing_with_the_credential_status_option_adds_revocation_and_suspension_entries(api):
    """VC API, Issue Credential, options.credentialStatus; BSL §2.1 BitstringStatusListEntry:
    statusPurpose, statusListIndex, statusListCredential."""
    credential = _issue(api)
    entries = credential["credentialStatus"]
    assert {entry["statusPurpose"] for entry in entries} == {"revocation", "suspension"}
    for entry in entries:
        assert entry["type"] == "BitstringStatusListEntry"
        assert entry["statusListCredential"].startswith("https://register.uzace.uz/credentials/")
        assert int(entry["statusListIndex"]) >= 0
    assert credential["id"].startswith("urn:uuid:")  # given one, so that its status can change
    assert ApiCredential.objects.get().credential_id == credential["id"]
    assert _failed(credential) == {}
    # Without the option, nothing is added.
    plain = api("/credentials/issue", {"credential": CREDENTIAL}).json()["verifiableCredential"]
    assert "credentialStatus" not in plain


def test_an_unsupported_status_type_is_refused(api):
    response = api(
        "/credentials/issue",
        {"credential": CREDENTIAL, "options": {"credentialStatus": {"type": "StatusList2021"}}},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "unsupported_status"


def test_an_authorised_caller_suspends_reinstates_and_revokes_an_api_credential(api):
    """BSL §2.1: suspension is reversible, revocation is not; the list credential validates and
    the credential verifies as suspended or revoked."""
    credential = _issue(api, id="urn:uuid:2f0a7a4c-4c1e-4a3e-9a55-6a1b7c1d0e01")

    def change(purpose, status):
        return api(
            "/credentials/status",
            {
                "credentialId": credential["id"],
                "credentialStatus": [
                    {"type": "BitstringStatusListEntry", "statusPurpose": purpose, "status": status}
                ],
            },
        )

    assert change("suspension", True).status_code == 200
    assert _failed(credential) == {"suspension": "suspended"}
    assert change("suspension", False).status_code == 200
    assert _failed(credential) == {}
    assert change("revocation", True).status_code == 200
    assert _failed(credential) == {"revocation": "revoked"}
    final = change("revocation", False)
    assert final.status_code == 400
    assert final.json()["errors"][0]["code"] == "revocation_is_final"
    assert (
        AuditEntry.objects.filter(action="credentials.api_credential.status_changed").count() == 3
    )


def test_only_a_registrar_write_token_changes_a_status(api, client, engineer):
    credential = _issue(api)
    body = {
        "credentialId": credential["id"],
        "credentialStatus": [{"statusPurpose": "revocation", "status": True}],
    }
    assert _post(client, "/credentials/status", body).status_code == 401
    _t, secret = create_api_token(user=engineer, name="x", scope="write")
    refused = _post(client, "/credentials/status", body, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 403
    assert _failed(credential) == {}
    unknown = api("/credentials/status", {**body, "credentialId": "urn:uuid:unknown"})
    assert unknown.status_code == 404
    assert api("/credentials/status", {**body, "credentialStatus": []}).status_code == 400


def test_the_status_list_credential_conforms_and_verifies(api):
    """BSL §2.2 BitstringStatusListCredential: a VC 2.0 credential whose subject is a
    BitstringStatusList with statusPurpose and encodedList; it passes the data model rules and
    verifies like any credential."""
    from muhandis.credentials.models import StatusList
    from muhandis.credentials.services import issuing
    from muhandis.credentials.vc import datamodel

    _issue(api)
    for status_list in StatusList.objects.all():
        document = issuing.signed_list(status_list)
        assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        assert document["credentialSubject"]["type"] == "BitstringStatusList"
        assert datamodel.problems(document) == []
        assert selectors.verify_credential(document).verified
