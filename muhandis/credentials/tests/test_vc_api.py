"""The VC API: request and response shapes, who may issue, and verification outcomes."""

import json

import pytest

from muhandis.accounts.services import create_api_token
from muhandis.credentials.services import keys

pytestmark = pytest.mark.django_db

UNSIGNED = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "credentialSubject": {"id": "did:example:engineer"},
}


def _post(client, path, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


def test_a_registrar_token_issues_and_anyone_verifies(settings, client, registrar):
    settings.SITE_URL = "https://register.uzace.uz"
    keys.create_key()
    _token, secret = create_api_token(user=registrar, name="integration", scope="write")
    issued = _post(
        client,
        "/credentials/issue",
        {"credential": UNSIGNED, "options": {}},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert issued.status_code == 201, issued.content
    credential = issued.json()["verifiableCredential"]
    assert credential["issuer"] == "did:web:register.uzace.uz"
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    verified = _post(client, "/credentials/verify", {"verifiableCredential": credential})
    assert verified.status_code == 200
    assert verified.json()["errors"] == []
    assert "signature" in verified.json()["checks"]
    credential["credentialSubject"]["id"] = "did:example:someone-else"
    refused = _post(client, "/credentials/verify", {"verifiableCredential": credential})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["check"] == "signature"


def test_only_a_registrar_write_token_may_issue(settings, client, engineer, registrar):
    keys.create_key()
    body = {"credential": UNSIGNED}
    assert _post(client, "/credentials/issue", body).status_code == 401
    _t, engineer_secret = create_api_token(user=engineer, name="x", scope="write")
    assert (
        _post(
            client, "/credentials/issue", body, HTTP_AUTHORIZATION=f"Bearer {engineer_secret}"
        ).status_code
        == 403
    )
    _t, read_secret = create_api_token(user=registrar, name="x", scope="read")
    assert (
        _post(
            client, "/credentials/issue", body, HTTP_AUTHORIZATION=f"Bearer {read_secret}"
        ).status_code
        == 403
    )
    client.force_login(registrar)  # a browser session is not enough either
    assert _post(client, "/credentials/issue", body).status_code == 401


def test_bad_requests_get_a_clear_400(client, settings, registrar):
    keys.create_key()
    _t, secret = create_api_token(user=registrar, name="x", scope="write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert (
        client.post("/credentials/verify", "{oops", content_type="application/json").status_code
        == 400
    )
    assert _post(client, "/credentials/verify", {"verifiableCredential": 5}).status_code == 400
    assert _post(client, "/credentials/issue", {"credential": "x"}, **auth).status_code == 400
    foreign = {**UNSIGNED, "issuer": "did:web:elsewhere.example"}
    response = _post(
        client,
        "/credentials/issue",
        {"credential": foreign},
        HTTP_ACCEPT_LANGUAGE="en",
        **auth,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "wrong_issuer"
    assert "issuer must be" in response.json()["errors"][0]["message"]
    assert client.get("/credentials/verify").status_code == 405


def test_a_presentation_verifies_when_every_credential_does(client, record):
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [record.document],
    }
    response = _post(client, "/presentations/verify", {"verifiablePresentation": presentation})
    assert response.status_code == 200, response.content
    tampered = json.loads(json.dumps(record.document))
    tampered["credentialSubject"]["licenseNumber"] = "X"
    presentation["verifiableCredential"].append(tampered)
    response = _post(client, "/presentations/verify", {"verifiablePresentation": presentation})
    assert response.status_code == 400
    assert response.json()["errors"][0]["credential"] == 1


def test_public_verification_is_rate_limited(client, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        _post(client, "/credentials/verify", {"verifiableCredential": {}})
    limited = _post(client, "/credentials/verify", {"verifiableCredential": {}})
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0


def test_each_kind_of_bad_credential_gets_a_400_with_a_code_and_a_translated_message(
    client, record
):
    def errors(credential, language="ru"):
        response = _post(
            client,
            "/credentials/verify",
            {"verifiableCredential": credential},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code == 400
        return {error["code"]: error["message"] for error in response.json()["errors"]}

    wrong_suite = json.loads(json.dumps(record.document))
    wrong_suite["proof"]["cryptosuite"] = "ecdsa-rdfc-2019"
    found = errors(wrong_suite)
    assert "unsupported_cryptosuite" in found
    assert found["unsupported_cryptosuite"] != errors(wrong_suite, "en")["unsupported_cryptosuite"]

    unknown_context = json.loads(json.dumps(record.document))
    unknown_context["@context"].append("https://example.org/contexts/unknown.jsonld")
    assert "unknown_context" in errors(unknown_context)

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from muhandis.credentials.vc import dataintegrity

    other_issuer = {k: v for k, v in record.document.items() if k != "proof"}
    other_issuer["issuer"] = {"id": "did:web:elsewhere.example", "type": ["Profile"]}
    forged = dataintegrity.sign(
        other_issuer,
        Ed25519PrivateKey.generate(),
        verification_method="did:web:elsewhere.example#key-1",
        created="2026-01-01T00:00:00Z",
    )
    assert "unknown_key" in errors(forged)

    big = {"verifiableCredential": {"padding": "x" * (300 * 1024)}}
    response = _post(client, "/credentials/verify", big)
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "too_large"


def test_a_replayed_or_altered_status_list_is_refused_offline(record):
    import datetime

    from muhandis.credentials import selectors
    from muhandis.credentials.models import StatusList
    from muhandis.credentials.services import issuing
    from muhandis.credentials.vc import verifier

    lists = {
        issuing.list_url(found): issuing.signed_list(found) for found in StatusList.objects.all()
    }
    # A copy kept from before a suspension, shown two days later, is stale.
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    replayed = verifier.verify(
        record.document, resolve_did=selectors.resolve_did, fetch_list=lists.get, now=later
    )
    assert {c.name: c.code for c in replayed.checks if not c.passed}["suspension"] == (
        "stale_status_list"
    )
    # A list whose bits were changed no longer carries a valid signature.
    altered = {url: json.loads(json.dumps(doc)) for url, doc in lists.items()}
    for document in altered.values():
        document["credentialSubject"]["encodedList"] = (
            lists[next(iter(lists))]["credentialSubject"]["encodedList"][:-4] + "AAAA"
        )
    result = verifier.verify(
        record.document, resolve_did=selectors.resolve_did, fetch_list=altered.get
    )
    assert {c.code for c in result.checks if not c.passed} == {"status_unavailable"}
