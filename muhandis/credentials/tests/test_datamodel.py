"""The rules of the W3C VC Data Model 2.0 (and 1.1) a credential must follow before it is signed
or accepted, each case taken from the specification's normative statements (section named in
each case)."""

import copy

import pytest

from muhandis.credentials.vc import datamodel

V2 = "https://www.w3.org/ns/credentials/v2"
V1 = "https://www.w3.org/2018/credentials/v1"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"

VALID = {
    "@context": [V2, EXAMPLES],
    "id": "http://university.example/credentials/1872",
    "type": ["VerifiableCredential", "ExampleAlumniCredential"],
    "issuer": "did:example:issuer",
    "validFrom": "2023-07-01T19:23:24Z",
    "credentialSubject": {"id": "did:example:subject", "alumniOf": "Example University"},
}


def _with(**changes) -> dict:
    credential = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is _DROP:
            credential.pop(key, None)
        else:
            credential[key] = value
    return credential


_DROP = object()


def _codes(credential) -> set[str]:
    return {problem.code for problem in datamodel.problems(credential)}


def test_a_conforming_credential_has_no_problem():
    assert datamodel.problems(VALID) == []
    # §4.6: names and descriptions as strings, language value objects, or several languages.
    assert _codes(_with(name="Alumni", description={"@value": "Ein", "@language": "de"})) == set()
    assert (
        _codes(
            _with(
                name=[
                    {"@value": "Alumni", "@language": "en", "@direction": "ltr"},
                    {"@value": "خريج", "@language": "ar", "@direction": "rtl"},
                ]
            )
        )
        == set()
    )
    # §4.7: the issuer may be an object with an id (and a name).
    assert _codes(_with(issuer={"id": "did:example:issuer", "name": "Example"})) == set()


CASES = [
    ("§4.3 Contexts: @context is required", {"@context": _DROP}, "bad_context"),
    ("§4.3 Contexts: the base context comes first", {"@context": [EXAMPLES, V2]}, "bad_context"),
    ("§4.3 Contexts: further items are URLs or objects", {"@context": [V2, 5]}, "bad_context"),
    (
        "§4.3 Contexts: a further URL must be a URL",
        {"@context": [V2, "https ://not-a-url/contexts/v1"]},
        "bad_context",
    ),
    ("§4.4 Identifiers: id is a URL", {"id": "not a url"}, "bad_id"),
    ("§4.4 Identifiers: id is single", {"id": ["urn:uuid:1", "urn:uuid:2"]}, "bad_id"),
    ("§4.5 Types: type is required", {"type": _DROP}, "bad_type"),
    (
        "§4.5 Types: VerifiableCredential is required",
        {"type": ["ExampleAlumniCredential"]},
        "bad_type",
    ),
    ("§4.7 Issuer: required", {"issuer": _DROP}, "bad_issuer"),
    ("§4.7 Issuer: not null", {"issuer": None}, "bad_issuer"),
    ("§4.7 Issuer: a URL", {"issuer": "issuer"}, "bad_issuer"),
    ("§4.7 Issuer: an object has an id", {"issuer": {"name": "Example"}}, "bad_issuer"),
    ("§4.8 Credential Subject: required", {"credentialSubject": _DROP}, "bad_subject"),
    ("§4.8 Credential Subject: not empty", {"credentialSubject": {}}, "bad_subject"),
    ("§4.8 Credential Subject: not an empty set", {"credentialSubject": []}, "bad_subject"),
    (
        "§4.6 Names: a language value object has only @value, @language, @direction",
        {"name": {"@value": "Alumni", "@language": "en", "extra": "x"}},
        "bad_language_value",
    ),
    (
        "§4.6 Descriptions: likewise",
        {"description": {"@value": "Alumni", "@direction": "ltr", "@foo": "x"}},
        "bad_language_value",
    ),
    (
        "§4.6 Names on the issuer: likewise",
        {"issuer": {"id": "did:example:issuer", "name": {"@value": "E", "extra": 1}}},
        "bad_language_value",
    ),
    (
        "§4.9 Validity Period: validFrom is a dateTimeStamp",
        {"validFrom": "2023-07-01"},
        "invalid_date",
    ),
    (
        "§4.9 Validity Period: a time zone is required",
        {"validUntil": "2030-07-01T19:23:24"},
        "invalid_date",
    ),
    ("§4.9 Validity Period: a real date", {"validFrom": "2023-13-01T00:00:00Z"}, "invalid_date"),
    (
        "§4.10 Status: credentialStatus has a type",
        {"credentialStatus": {"id": "https://example.com/status/1#3"}},
        "missing_type",
    ),
    (
        "§4.11 Data Schemas: credentialSchema has a type",
        {"credentialSchema": {"id": "https://example.org/schema.json"}},
        "missing_type",
    ),
    (
        "§5.4 Refreshing: refreshService has a type",
        {"refreshService": {"id": "https://example.edu/refresh/3732"}},
        "missing_type",
    ),
    (
        "§5.5 Terms of Use: termsOfUse has a type",
        {"termsOfUse": [{"type": "ExamplePolicy"}, {"id": "https://example.com/p/1"}]},
        "missing_type",
    ),
    (
        "§5.6 Evidence: evidence has a type",
        {"evidence": [{"id": "https://example.edu/evidence/1"}]},
        "missing_type",
    ),
    (
        "§5.3 Integrity of Related Resources: an id is required",
        {"relatedResource": [{"digestSRI": "sha384-abc"}]},
        "bad_related_resource",
    ),
    (
        "§5.3 Integrity of Related Resources: a digest is required",
        {"relatedResource": [{"id": "https://example.com/logo.png"}]},
        "bad_related_resource",
    ),
]


@pytest.mark.parametrize(("section", "changes", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_of_the_data_model_is_a_problem(section, changes, code):
    assert code in _codes(_with(**changes)), section


def test_a_type_or_property_that_does_not_expand_is_data_loss():
    """§4.5 Types: each type is a term defined by a context or an absolute URL; a term the
    contexts do not define would be dropped by JSON-LD processing (data loss), not signed."""
    unmapped = {**VALID, "@context": [V2], "type": ["VerifiableCredential", "ExampleCredential"]}
    unmapped["credentialSubject"] = {"id": "did:example:subject"}
    assert _codes(unmapped) == {"data_loss"}
    nonurl = {
        **unmapped,
        "@context": [V2, {"ExampleCredential": "https ://not-a-url#ExampleCredential"}],
    }
    assert _codes(nonurl) == {"data_loss"}
    undefined_property = {**unmapped, "type": ["VerifiableCredential"], "favouriteColour": "red"}
    assert _codes(undefined_property) == {"data_loss"}
    # A URL as a type needs no definition.
    assert _codes({**unmapped, "type": ["VerifiableCredential", "https://example.org/T"]}) == set()


def test_a_vocab_of_null_is_data_loss_not_an_exception():
    """An @vocab set to null removes the examples vocabulary: the terms it defined are lost."""
    credential = _with(**{"@context": [V2, EXAMPLES, {"@vocab": None}]})
    assert _codes(credential) == {"data_loss"}


def test_an_unknown_context_is_named_not_fetched():
    credential = _with(**{"@context": [V2, "https://example.org/contexts/unknown.jsonld"]})
    assert _codes(credential) == {"unknown_context"}


def test_a_vc_1_1_credential_needs_its_issuance_date():
    """VC Data Model 1.1, §4.6 Issuance Date: required, an RFC 3339 date-time."""
    credential = {
        "@context": [V1, "https://www.w3.org/2018/credentials/examples/v1"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:subject"},
    }
    problems = datamodel.problems({**credential, "@context": [V1]})
    assert [(p.code, p.path) for p in problems] == [("invalid_date", "issuanceDate")]
    dated = {**credential, "@context": [V1], "issuanceDate": "2010-01-01T19:23:24Z"}
    assert datamodel.problems(dated) == []


def test_each_problem_names_its_property_and_section():
    problems = datamodel.problems(_with(credentialStatus=[{"type": "X"}, {"id": "urn:x:1"}]))
    assert [(p.code, p.path) for p in problems] == [("missing_type", "credentialStatus[1]")]
    assert "§4.10" in problems[0].detail


def test_a_presentation_needs_its_context_and_type_but_no_credential():
    """§4.13 Verifiable Presentations: @context (§4.3) and type VerifiablePresentation (§4.5);
    verifiableCredential is optional."""
    presentation = {"@context": [V2], "type": ["VerifiablePresentation"]}
    assert datamodel.presentation_problems(presentation) == []
    codes = {p.code for p in datamodel.presentation_problems({**presentation, "type": []})}
    assert codes == {"bad_type"}
    codes = {p.code for p in datamodel.presentation_problems({"type": presentation["type"]})}
    assert codes == {"bad_context"}
