"""What the W3C Verifiable Credentials Data Model requires of a credential or a presentation,
checked before anything is signed or accepted.

Plain Python (no Django): each broken rule is a ``Problem`` with a stable ``code`` (pages and
the VC API translate it), the ``path`` of the offending property and an English ``detail``
naming the specification section. Rules of VC Data Model 2.0 apply to credentials whose first
context is ``https://www.w3.org/ns/credentials/v2``; a credential whose first context is
``https://www.w3.org/2018/credentials/v1`` is held to VC Data Model 1.1 (``issuanceDate``).

Data loss: the credential is expanded as JSON-LD with the packaged contexts; a property that
does not expand to an absolute IRI (it would be silently dropped when signing), a type that is
not an absolute IRI, or a context that cannot be processed is a problem, never a 500."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pyld import jsonld

from .contexts import DocumentLoader, default_loader

V2 = "https://www.w3.org/ns/credentials/v2"
V1 = "https://www.w3.org/2018/credentials/v1"

# A URL in the sense of the data model: an absolute URI (a scheme, then no white space).
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
# XML Schema 1.1 dateTimeStamp: a dateTime whose time zone is required.
_DATE_TIME_STAMP = re.compile(
    r"^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
    r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$"
)
_LANGUAGE_KEYS = {"@value", "@language", "@direction"}
# Objects that MUST have a type (VC Data Model 2.0, §4.5 Types, the table of objects).
TYPED = {
    "credentialStatus": "§4.10 Status",
    "credentialSchema": "§4.11 Data Schemas",
    "refreshService": "§5.4 Refreshing",
    "termsOfUse": "§5.5 Terms of Use",
    "evidence": "§5.6 Evidence",
}


@dataclass(frozen=True)
class Problem:
    code: str  # a stable code; reasons.py gives each its translated message
    path: str  # the property at fault, e.g. "credentialStatus[1]"
    detail: str  # in English, with the section of the specification


def _items(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def is_date_time_stamp(value: Any) -> bool:
    return isinstance(value, str) and bool(_DATE_TIME_STAMP.match(value))


def types_of(document: dict) -> list:
    found = document.get("type")
    return found if isinstance(found, list) else [found] if found is not None else []


def context_problems(document: dict, *, versions: tuple[str, ...] = (V2, V1)) -> list[Problem]:
    """§4.3 Contexts: an ordered set whose first item is the base context URL, then URLs or
    objects."""
    if "@context" not in document:
        return [Problem("bad_context", "@context", "@context is required (§4.3 Contexts)")]
    contexts = _items(document["@context"])
    if not contexts or contexts[0] not in versions:
        return [
            Problem(
                "bad_context",
                "@context",
                f"the first @context must be {' or '.join(versions)} (§4.3 Contexts)",
            )
        ]
    return [
        Problem(
            "bad_context",
            f"@context[{index}]",
            "each further @context must be a URL or an object (§4.3 Contexts)",
        )
        for index, item in enumerate(contexts[1:], start=1)
        if not (is_url(item) or isinstance(item, dict))
    ]


def _type_problems(document: dict, required: str) -> list[Problem]:
    """§4.5 Types: type is present, holds ``required``, and only strings."""
    found = types_of(document)
    if required not in found or not all(isinstance(item, str) and item for item in found):
        return [Problem("bad_type", "type", f"type must include {required} (§4.5 Types)")]
    return []


def _identifier_problems(value: Any, path: str) -> list[Problem]:
    """§4.4 Identifiers: an id, when present, is a single URL."""
    if isinstance(value, dict) and "id" in value and not is_url(value["id"]):
        return [Problem("bad_id", f"{path}id", "id must be a single URL (§4.4 Identifiers)")]
    return []


def _subject_problems(credential: dict) -> list[Problem]:
    """§4.8 Credential Subject: one or more objects, each with at least one claim."""
    subjects = credential.get("credentialSubject")
    items = _items(subjects)
    if subjects is None or not items or not all(isinstance(s, dict) and s for s in items):
        return [
            Problem(
                "bad_subject",
                "credentialSubject",
                "credentialSubject must hold one or more objects with claims "
                "(§4.8 Credential Subject)",
            )
        ]
    found: list[Problem] = []
    for index, subject in enumerate(items):
        found += _identifier_problems(subject, f"credentialSubject[{index}].")
    return found


def _issuer_problems(credential: dict) -> list[Problem]:
    """§4.7 Issuer: a URL, or an object whose id is a URL."""
    issuer = credential.get("issuer")
    if is_url(issuer) or (isinstance(issuer, dict) and is_url(issuer.get("id"))):
        return []
    return [
        Problem("bad_issuer", "issuer", "issuer must be a URL or an object with one (§4.7 Issuer)")
    ]


def _language_value_ok(value: Any) -> bool:
    """A string, a language value object (§11.1 Language and Base Direction), or a list."""
    if isinstance(value, list):
        return bool(value) and all(_language_value_ok(item) for item in value)
    if isinstance(value, str):
        return True
    return (
        isinstance(value, dict)
        and isinstance(value.get("@value"), str)
        and set(value) <= _LANGUAGE_KEYS
        and isinstance(value.get("@language", ""), str)
        and value.get("@direction", "ltr") in ("ltr", "rtl")
    )


def _name_problems(document: Any, path: str) -> list[Problem]:
    """§4.6 Names and Descriptions, on the credential and on its issuer."""
    if not isinstance(document, dict):
        return []
    return [
        Problem(
            "bad_language_value",
            f"{path}{key}",
            f"{key} must be a string or a language value object with only @value, @language "
            "and @direction (§4.6 Names and Descriptions, §11.1)",
        )
        for key in ("name", "description")
        if key in document and not _language_value_ok(document[key])
    ]


def _date_problems(credential: dict) -> list[Problem]:
    """§4.9 Validity Period (2.0): dateTimeStamp values. VC Data Model 1.1 §4.6 and §4.8:
    issuanceDate is required; both dates are date-times with a time zone."""
    if _items(credential.get("@context"))[0] == V1:
        keys, required = ("issuanceDate", "expirationDate"), "issuanceDate"
    else:
        keys, required = ("validFrom", "validUntil"), ""
    found = [
        Problem("invalid_date", key, f"{key} must be an XML Schema dateTimeStamp (§4.9)")
        for key in keys
        if key in credential and not is_date_time_stamp(credential[key])
    ]
    if required and required not in credential:
        found.append(Problem("invalid_date", required, f"{required} is required (VCDM 1.1 §4.6)"))
    return found


def _typed_problems(credential: dict) -> list[Problem]:
    """§4.5 Types: credentialStatus, credentialSchema, refreshService, termsOfUse and evidence
    objects have a type (and a schema its id, §4.11)."""
    found: list[Problem] = []
    for key, section in TYPED.items():
        if key not in credential:
            continue
        for index, item in enumerate(_items(credential[key])):
            path = f"{key}[{index}]"
            if not isinstance(item, dict) or not types_of(item):
                found.append(Problem("missing_type", path, f"{key} needs a type ({section})"))
                continue
            found += _identifier_problems(item, f"{path}.")
            if key == "credentialSchema" and "id" not in item:
                found.append(Problem("bad_id", f"{path}.id", f"{key} needs an id ({section})"))
    return found


def _related_resource_problems(credential: dict) -> list[Problem]:
    """§5.3 Integrity of Related Resources: each has an id and a digestSRI or digestMultibase."""
    if "relatedResource" not in credential:
        return []
    found = []
    for index, item in enumerate(_items(credential["relatedResource"])):
        ok = (
            isinstance(item, dict)
            and is_url(item.get("id"))
            and ("digestSRI" in item or "digestMultibase" in item)
        )
        if not ok:
            found.append(
                Problem(
                    "bad_related_resource",
                    f"relatedResource[{index}]",
                    "a related resource needs an id and a digestSRI or digestMultibase "
                    "(§5.3 Integrity of Related Resources)",
                )
            )
    return found


def _expanded_iris(node: Any) -> Iterator[tuple[str, str]]:
    """(keyword or property, IRI) for every @type, @id and property of an expanded document."""
    if isinstance(node, list):
        for item in node:
            yield from _expanded_iris(item)
    elif isinstance(node, dict):
        if "@value" in node:
            if "@type" in node and node["@type"] != "@json":
                yield "@type", str(node["@type"])
            return
        for key, value in node.items():
            if key == "@type":
                for item in _items(value):
                    yield "@type", str(item)
            elif key == "@id":
                yield "@id", str(value)
            elif not key.startswith("@"):
                yield "property", key
            if key not in ("@type", "@id"):
                yield from _expanded_iris(value)


def _is_iri(value: str) -> bool:
    return value.startswith("_:") or is_url(value)


def data_loss_problems(document: dict, loader: DocumentLoader | None = None) -> list[Problem]:
    """Every term expands under the document's contexts (nothing would be dropped when it is
    signed), and every type and property is an absolute IRI."""
    dropped: list[str | None] = []
    try:
        expanded = jsonld.expand(
            document,
            # No base: pyld would otherwise resolve a relative IRI against an example base
            # (http://example.org/base/) and hide that it does not expand.
            {"documentLoader": loader or default_loader(), "base": None},
            on_property_dropped=dropped.append,
        )
    except jsonld.JsonLdError as exc:
        url = _failed_url(exc)
        if url:
            return [Problem("unknown_context", "@context", f"unknown JSON-LD context {url}")]
        return [Problem("data_loss", "@context", f"not valid JSON-LD: {exc.args[0]}")]
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        return [Problem("data_loss", "@context", f"not valid JSON-LD: {exc}")]
    found = [
        Problem("data_loss", str(term), f"the term {term} is not defined by the contexts")
        for term in dict.fromkeys(dropped)
    ]
    for kind, iri in dict.fromkeys(_expanded_iris(expanded)):
        if not _is_iri(iri):
            found.append(
                Problem("data_loss", iri, f"{iri} ({kind}) does not expand to an absolute URL")
            )
    return found


def _failed_url(error: BaseException) -> str:
    """The context URL a JSON-LD error is about, if it is a loading failure."""
    seen: BaseException | None = error
    while seen is not None:
        url = (getattr(seen, "details", None) or {}).get("url")
        if url:
            return str(url)
        seen = getattr(seen, "cause", None) or seen.__cause__ or seen.__context__
    return ""


def problems(credential: Any, loader: DocumentLoader | None = None) -> list[Problem]:
    """Every rule of the data model the (unsecured) credential breaks; [] when it conforms."""
    if not isinstance(credential, dict):
        return [Problem("malformed", "", "a credential is a JSON object (§4.2)")]
    found = context_problems(credential)
    if found:
        return found  # nothing else can be read without its contexts
    found += _type_problems(credential, "VerifiableCredential")
    found += _identifier_problems(credential, "")
    found += _subject_problems(credential)
    found += _issuer_problems(credential)
    found += _name_problems(credential, "")
    found += _name_problems(credential.get("issuer"), "issuer.")
    found += _date_problems(credential)
    found += _typed_problems(credential)
    found += _related_resource_problems(credential)
    if not found:
        found = data_loss_problems(credential, loader)
    return found


def presentation_problems(presentation: Any, loader: DocumentLoader | None = None) -> list[Problem]:
    """§4.13 Verifiable Presentations: contexts, type, a URL id and holder when present; its
    terms expand."""
    if not isinstance(presentation, dict):
        return [Problem("malformed", "", "a presentation is a JSON object (§4.13)")]
    found = context_problems(presentation)
    if found:
        return found
    found += _type_problems(presentation, "VerifiablePresentation")
    found += _identifier_problems(presentation, "")
    holder = presentation.get("holder")
    if "holder" in presentation and not (
        is_url(holder) or (isinstance(holder, dict) and is_url(holder.get("id")))
    ):
        found.append(Problem("bad_holder", "holder", "holder must be a URL (§4.13)"))
    held = presentation.get("verifiableCredential")
    for index, item in enumerate([] if held is None else _items(held)):
        if not isinstance(item, dict):
            found.append(
                Problem(
                    "credential_not_object",
                    f"verifiableCredential[{index}]",
                    "each credential in a presentation is an object, not a string (§4.13)",
                )
            )
    if not found:
        found = data_loss_problems(presentation, loader)
    return found
