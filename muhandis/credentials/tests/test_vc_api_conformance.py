"""The VC API as a general-purpose issuer and verifier, tested from the specifications: VC Data
Model 2.0 (issuing refuses what does not conform), VC Data Integrity 1.0 (proof purposes, proof
sets and chains), the VC API (credentials as objects, presentations) and VC-JOSE-COSE (checked
with an independent JOSE implementation, PyJWT)."""

import base64
import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from muhandis.accounts.services import create_api_token
from muhandis.credentials import selectors
from muhandis.credentials.services import keys
from muhandis.credentials.vc import dataintegrity, multibase, verifier

pytestmark = pytest.mark.django_db

V2 = "https://www.w3.org/ns/credentials/v2"
V1 = "https://www.w3.org/2018/credentials/v1"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"
DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2"
ISSUER = "did:web:register.uzace.uz"

ALUMNI = {
    "@context": [V2, EXAMPLES],
    "id": "http://university.example/credentials/1872",
    "type": ["VerifiableCredential", "ExampleAlumniCredential"],
    "validFrom": "2023-07-01T19:23:24Z",
    "credentialSubject": {
        "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
        "alumniOf": {"name": "Example University"},
    },
}


def _post(client, path, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def issue(settings, client, registrar):
    settings.SITE_URL = "https://register.uzace.uz"
    keys.create_key()
    _token, secret = create_api_token(user=registrar, name="conformance", scope="write")

    def post(credential, **options):
        return _post(
            client,
            "/credentials/issue",
            {"credential": credential, "options": options},
            HTTP_AUTHORIZATION=f"Bearer {secret}",
            HTTP_ACCEPT_LANGUAGE="en",
        )

    return post


def _verify(client, credential):
    return _post(client, "/credentials/verify", {"verifiableCredential": credential})


class _Holder:
    """A holder (or another signer) with a did:key."""

    def __init__(self) -> None:
        self.private_key = Ed25519PrivateKey.generate()
        fingerprint = multibase.public_key_multibase(
            self.private_key.public_key().public_bytes_raw()
        )
        self.did = f"did:key:{fingerprint}"
        self.method = f"{self.did}#{fingerprint}"

    def sign(self, document, purpose="authentication", **options):
        return dataintegrity.sign(
            document,
            self.private_key,
            verification_method=self.method,
            created="2026-01-01T00:00:00Z",
            purpose=purpose,
            options=options,
        )


# VC Data Model 2.0: issuing validates the data model before signing ----------------------------


REFUSED = [
    ("§4.5 Types: type required", {**ALUMNI, "type": None}, "bad_type"),
    ("§4.5 Types", {**ALUMNI, "type": ["ExampleAlumniCredential"]}, "bad_type"),
    ("§4.8 Credential Subject", {**ALUMNI, "credentialSubject": {}}, "bad_subject"),
    ("§4.7 Issuer: not null", {**ALUMNI, "issuer": None}, "bad_issuer"),
    ("§4.7 Issuer: an object with an id", {**ALUMNI, "issuer": {"name": "U"}}, "bad_issuer"),
    (
        "§4.10 Status: a type",
        {**ALUMNI, "credentialStatus": {"id": "https://example.com/s#1"}},
        "missing_type",
    ),
    ("§5.5 Terms of Use: a type", {**ALUMNI, "termsOfUse": {"id": "urn:x:1"}}, "missing_type"),
    ("§5.6 Evidence: a type", {**ALUMNI, "evidence": [{"id": "urn:x:1"}]}, "missing_type"),
    ("§5.4 Refreshing: a type", {**ALUMNI, "refreshService": {"id": "urn:x:1"}}, "missing_type"),
    (
        "§4.11 Data Schemas: a type",
        {**ALUMNI, "credentialSchema": {"id": "https://example.org/s.json"}},
        "missing_type",
    ),
    (
        "§4.6 Names and Descriptions: no extra keys",
        {**ALUMNI, "name": {"@value": "Alumni", "@language": "en", "extra": "x"}},
        "bad_language_value",
    ),
    (
        "§4.6 on the issuer",
        {**ALUMNI, "issuer": {"id": ISSUER, "description": {"@value": "U", "x": 1}}},
        "bad_language_value",
    ),
    ("§4.9 Validity Period", {**ALUMNI, "validFrom": "2023-07-01"}, "invalid_date"),
    ("§4.9 Validity Period", {**ALUMNI, "validUntil": "2030-07-01T00:00:00"}, "invalid_date"),
    (
        "§5.3 Integrity of Related Resources",
        {**ALUMNI, "relatedResource": [{"id": "https://example.com/logo.png"}]},
        "bad_related_resource",
    ),
    (
        "§4.5 Types: an undefined type is data loss",
        {**ALUMNI, "@context": [V2], "type": ["VerifiableCredential", "InvalidType"]},
        "data_loss",
    ),
    (
        "@vocab null: the examples terms no longer expand",
        {**ALUMNI, "@context": [V2, EXAMPLES, {"@vocab": None}]},
        "data_loss",
    ),
    ("§4.3 Contexts", {**ALUMNI, "@context": [EXAMPLES, V2]}, "bad_context"),
]


@pytest.mark.parametrize(("rule", "credential", "code"), REFUSED, ids=[c[0] for c in REFUSED])
def test_issuing_refuses_a_nonconforming_credential_with_the_rule_broken(
    issue, rule, credential, code
):
    response = issue(credential)
    assert response.status_code == 400, (rule, response.content)
    errors = response.json()["errors"]
    assert code in {error["code"] for error in errors}, (rule, errors)
    assert all(error["message"] for error in errors)


def test_refusals_list_every_rule_with_its_path_and_a_translated_message(issue):
    broken = {**ALUMNI, "credentialSubject": [], "validFrom": "yesterday"}
    english = issue(broken).json()["errors"]
    assert {(e["code"], e["path"]) for e in english} == {
        ("bad_subject", "credentialSubject"),
        ("invalid_date", "validFrom"),
    }
    assert "subject" in english[0]["message"]


def test_the_w3c_examples_context_is_accepted_from_the_packaged_copy(issue, client):
    """VC Data Model 2.0 examples use https://www.w3.org/ns/credentials/examples/v2."""
    response = issue(ALUMNI)
    assert response.status_code == 201, response.content
    credential = response.json()["verifiableCredential"]
    assert credential["@context"] == [V2, EXAMPLES]
    assert credential["issuer"] == ISSUER
    verified = _verify(client, credential)
    assert verified.status_code == 200, verified.content


def test_a_vc_1_1_credential_gets_the_data_integrity_context_for_its_proof(issue, client):
    """VC Data Integrity 1.0, §2.4 Contexts and Vocabularies: the VC 1.1 context does not define
    DataIntegrityProof; the Data Integrity context is added so that the proof's terms expand."""
    credential = {
        "@context": [V1],
        "type": ["VerifiableCredential"],
        "issuanceDate": "2010-01-01T19:23:24Z",
        "credentialSubject": {"id": "did:example:ebfeb1f712ebc6f1c276e12ec21"},
    }
    response = issue(credential)
    assert response.status_code == 201, response.content
    signed = response.json()["verifiableCredential"]
    assert signed["@context"] == [V1, DATA_INTEGRITY]
    assert signed["proof"]["type"] == "DataIntegrityProof"
    assert _verify(client, signed).status_code == 200
    # Without the Data Integrity context, the proof's terms would not expand: refused.
    stripped = {**signed, "@context": [V1]}
    refused = _verify(client, stripped)
    assert refused.status_code == 400
    assert {error["code"] for error in refused.json()["errors"]} == {"data_loss"}
    # A VC 1.1 credential needs its issuanceDate (VC Data Model 1.1, §4.6).
    missing = issue({k: v for k, v in credential.items() if k != "issuanceDate"})
    assert missing.status_code == 400


# Verifying ------------------------------------------------------------------------------------


def test_a_credential_sent_as_a_json_string_is_refused(issue, client):
    """VC API, Verify Credential: verifiableCredential is a JSON object (a string is only read
    as a VC-JWT)."""
    credential = issue(ALUMNI).json()["verifiableCredential"]
    response = _verify(client, json.dumps(credential))
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "malformed"


def test_a_term_added_after_signing_that_does_not_expand_is_refused(issue, client):
    """VC Data Model 2.0 §4.3 and VC Data Integrity 1.0: a property the contexts do not define
    would be silently dropped by canonicalisation, so the signature would still match."""
    plain = {**ALUMNI, "@context": [V2], "type": ["VerifiableCredential"]}
    plain["credentialSubject"] = {"id": "did:example:ebfeb1f712ebc6f1c276e12ec21"}
    credential = issue(plain).json()["verifiableCredential"]
    assert _verify(client, credential).status_code == 200
    credential["credentialSubject"]["undefinedTerm"] = "added later"
    response = _verify(client, credential)
    assert response.status_code == 400
    assert {error["code"] for error in response.json()["errors"]} == {"data_loss"}


def test_a_proof_without_a_purpose_or_with_another_purpose_is_refused(issue, client):
    """VC Data Integrity 1.0, §4.4 Verify Proof: the proof's proofPurpose must be the one
    expected (assertionMethod for a credential)."""
    credential = issue(ALUMNI).json()["verifiableCredential"]
    no_purpose = copy.deepcopy(credential)
    del no_purpose["proof"]["proofPurpose"]
    response = _verify(client, no_purpose)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "bad_proof_purpose"
    key, private_key = keys.signing_key()
    other_purpose = dataintegrity.sign(
        {k: v for k, v in credential.items() if k != "proof"},
        private_key,
        verification_method=keys.verification_method(key),
        created="2026-01-01T00:00:00Z",
        purpose="authentication",
    )
    response = _verify(client, other_purpose)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "bad_proof_purpose"


def test_a_proof_with_malformed_or_past_dates_is_refused(issue, client):
    """VC Data Integrity 1.0, §2.1 Proofs: created and expires are dateTimeStamp values; a proof
    whose expires has passed is no longer valid."""
    issue(ALUMNI)  # creates the association's key
    key, private_key = keys.signing_key()

    def signed(**options):
        return dataintegrity.sign(
            {**ALUMNI, "issuer": ISSUER},
            private_key,
            verification_method=keys.verification_method(key),
            created="2026-01-01T00:00:00Z",
            options=options,
        )

    assert _verify(client, signed(expires="2999-01-01T00:00:00Z")).status_code == 200
    expired = _verify(client, signed(expires="2020-01-01T00:00:00Z"))
    assert expired.status_code == 400
    assert expired.json()["errors"][0]["code"] == "proof_expired"
    malformed = _verify(client, signed(created="1 January 2026"))
    assert malformed.status_code == 400
    assert malformed.json()["errors"][0]["code"] == "invalid_date"


def test_a_key_not_authorised_for_assertions_is_refused():
    """VC Data Integrity 1.0, §4.4 Verify Proof: the verification method must be authorised for
    the proof's purpose by its controller document."""
    signer = Ed25519PrivateKey.generate()
    did = "did:web:issuer.example"
    method = f"{did}#key-1"
    document = {
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": multibase.public_key_multibase(
                    signer.public_key().public_bytes_raw()
                ),
            }
        ],
        "authentication": [method],
        "assertionMethod": [],
    }
    credential = dataintegrity.sign(
        {**ALUMNI, "issuer": did},
        signer,
        verification_method=method,
        created="2026-01-01T00:00:00Z",
    )
    result = verifier.verify(
        credential, resolve_did={did: document}.get, fetch_list=lambda url: None
    )
    assert {c.name: c.code for c in result.checks if not c.passed} == {
        "signature": "unauthorised_purpose"
    }
    document["assertionMethod"] = ["#key-1"]  # a relative reference names the same method
    result = verifier.verify(
        credential, resolve_did={did: document}.get, fetch_list=lambda url: None
    )
    assert result.verified, result.as_dict()


def test_several_proofs_and_a_proof_chain_are_each_verified(issue):
    """VC Data Integrity 1.0, §2.1.1 Proof Sets and §2.1.2 Proof Chains; §4.5 Verify Proof Sets
    and Chains: each proof verifies, a chained one over the proofs it names."""
    unsigned = {**ALUMNI, "issuer": ISSUER}
    issue(ALUMNI)  # creates the association's key
    key, private_key = keys.signing_key()
    first = dataintegrity.sign(
        unsigned,
        private_key,
        verification_method=keys.verification_method(key),
        created="2026-01-01T00:00:00Z",
        options={"id": "urn:uuid:7e5c0ae4-1d6e-4a53-9a4f-a3d1e1c4c001"},
    )
    witness = _Holder()
    in_set = witness.sign(first, purpose="assertionMethod")
    assert len(in_set["proof"]) == 2
    assert selectors.verify_credential(in_set).verified
    chained = witness.sign(
        first,
        purpose="assertionMethod",
        previousProof="urn:uuid:7e5c0ae4-1d6e-4a53-9a4f-a3d1e1c4c001",
    )
    assert selectors.verify_credential(chained).verified

    def failed(document):
        result = selectors.verify_credential(document)
        return {c.name: c.code for c in result.checks if not c.passed}

    broken = copy.deepcopy(in_set)
    broken["proof"][1]["proofValue"] = in_set["proof"][0]["proofValue"]
    assert failed(broken) == {"signature": "bad_signature"}
    # The chained proof covers the proof it names: replacing that proof by another valid proof
    # with the same id breaks the chain.
    again = dataintegrity.sign(
        unsigned,
        private_key,
        verification_method=keys.verification_method(key),
        created="2026-02-01T00:00:00Z",
        options={"id": "urn:uuid:7e5c0ae4-1d6e-4a53-9a4f-a3d1e1c4c001"},
    )
    assert selectors.verify_credential(again).verified
    swapped = copy.deepcopy(chained)
    swapped["proof"][0] = again["proof"]
    assert failed(swapped) == {"signature": "bad_signature"}
    dangling = copy.deepcopy(chained)
    dangling["proof"][1]["previousProof"] = "urn:uuid:missing"
    assert failed(dangling) == {"signature": "bad_signature"}
    # A credential signed only by someone else is not the issuer's.
    alone = witness.sign(unsigned, purpose="assertionMethod")
    assert failed(alone) == {"issuer": "issuer_mismatch"}


# Presentations --------------------------------------------------------------------------------

PRESENTATION = {"@context": [V2], "type": ["VerifiablePresentation"]}


def _verify_presentation(client, presentation, **options):
    return _post(
        client,
        "/presentations/verify",
        {"verifiablePresentation": presentation, "options": options},
    )


def test_a_presentation_with_no_credential_is_accepted(client):
    """VC Data Model 2.0 §4.13: verifiableCredential is optional."""
    response = _verify_presentation(client, PRESENTATION)
    assert response.status_code == 200, response.content


def test_a_presentation_must_have_its_context_and_type(client):
    """VC Data Model 2.0 §4.3 and §4.5, for presentations."""
    response = _verify_presentation(client, {**PRESENTATION, "type": ["Other"]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "bad_type"
    response = _verify_presentation(client, {**PRESENTATION, "@context": [EXAMPLES]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "bad_context"
    # §4.13: each credential in it is an object, never a string.
    as_string = {**PRESENTATION, "verifiableCredential": ["eyJhbGciOiJFZERTQSJ9.e30.sig"]}
    response = _verify_presentation(client, as_string)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "credential_not_object"


def test_the_presentations_own_proof_binds_holder_challenge_and_domain(client, record):
    """VC API, Verify Presentation, and VC Data Integrity 1.0 §4.4: an authentication proof by
    the holder, with the challenge and domain the verifier asked for."""
    holder = _Holder()
    presentation = {
        **PRESENTATION,
        "holder": holder.did,
        "verifiableCredential": [record.document],
    }
    signed = holder.sign(presentation, challenge="c-123", domain="verifier.example")
    assert (
        _verify_presentation(
            client, signed, challenge="c-123", domain="verifier.example"
        ).status_code
        == 200
    )
    assert _verify_presentation(client, signed).status_code == 200

    def codes(document, **options):
        response = _verify_presentation(client, document, **options)
        assert response.status_code == 400
        return {error["code"] for error in response.json()["errors"]}

    assert codes(signed, challenge="another") == {"bad_challenge"}
    assert codes(signed, domain="elsewhere.example") == {"bad_domain"}
    changed = copy.deepcopy(signed)
    changed["holder"] = _Holder().did
    assert codes(changed) == {"bad_signature"}
    someone_else = _Holder().sign(presentation, challenge="c-123")
    assert codes(someone_else, challenge="c-123") == {"holder_mismatch"}
    asserted = holder.sign(presentation, purpose="assertionMethod", challenge="c-123")
    assert codes(asserted, challenge="c-123") == {"bad_proof_purpose"}
    assert codes(presentation, challenge="c-123") == {"no_proof"}


# VC-JWT and the DID document ------------------------------------------------------------------


def test_the_vc_jwt_verifies_with_an_independent_jose_implementation(record, client):
    """VC-JOSE-COSE §3.1.1 (a JWS whose payload is the credential, typ vc+jwt), checked with
    PyJWT against the published JWKS rather than with the library that signed it."""
    import jwt

    header = jwt.get_unverified_header(record.jwt)
    assert header["alg"] == "EdDSA"
    assert header["typ"] == "vc+jwt"
    published = {k["kid"]: k for k in client.get("/.well-known/jwks.json").json()["keys"]}
    key = jwt.PyJWK(published[header["kid"]])
    decoded = jwt.PyJWS().decode_complete(record.jwt, key=key.key, algorithms=["EdDSA"])
    payload = json.loads(decoded["payload"])
    assert payload["id"] == record.document["id"]
    assert payload["credentialSubject"] == record.document["credentialSubject"]
    stranger = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    x = base64.urlsafe_b64encode(stranger).rstrip(b"=").decode()
    other = jwt.PyJWK({**published[header["kid"]], "x": x})
    with pytest.raises(jwt.exceptions.InvalidSignatureError):
        jwt.PyJWS().decode_complete(record.jwt, key=other.key, algorithms=["EdDSA"])


def test_an_enveloped_vc_jwt_verifies_alone_and_in_a_presentation(record, client):
    """VC Data Model 2.0, §4.13.1 Enveloped Verifiable Credentials: an object of type
    EnvelopedVerifiableCredential whose id is a data: URL holding the secured credential (here
    application/vc+jwt, VC-JOSE-COSE)."""
    envelope = {
        "@context": [V2],
        "id": f"data:application/vc+jwt,{record.jwt}",
        "type": "EnvelopedVerifiableCredential",
    }
    assert _verify(client, envelope).status_code == 200
    presentation = {**PRESENTATION, "verifiableCredential": [envelope]}
    assert _verify_presentation(client, presentation).status_code == 200
    head, payload, signature = record.jwt.split(".")
    changed = {**envelope, "id": f"data:application/vc+jwt,{head}.{payload}x.{signature}"}
    assert _verify(client, changed).status_code == 400
    other_media = {**envelope, "id": f"data:application/vc+sd-jwt,{record.jwt}"}
    refused = _verify(client, other_media)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "malformed"


def test_a_did_key_document_holds_only_its_own_key(settings, client):
    """did:key method, §3.1.1 Document Creation: a did:key document is generated from the one
    key; after a rotation, the local issuer's document does not list the retired key."""
    settings.SITE_URL = "http://127.0.0.1:8000"
    old = keys.create_key()
    new = keys.create_key()
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == f"did:key:{new.public_key_multibase}"
    assert [m["publicKeyMultibase"] for m in document["verificationMethod"]] == [
        new.public_key_multibase
    ]
    assert all(m["id"].startswith(document["id"] + "#") for m in document["verificationMethod"])
    assert all(m["controller"] == document["id"] for m in document["verificationMethod"])
    assert old.public_key_multibase not in json.dumps(document)
