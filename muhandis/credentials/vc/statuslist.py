"""W3C Bitstring Status List v1.0: the bitstring, its encoding, and the documents that carry it.

Index 0 is the most significant bit of the first byte. The published list is the GZIP of the
bitstring, base64url-encoded without padding, with the multibase prefix "u"."""

import base64
import gzip

CONTEXT = "https://www.w3.org/ns/credentials/v2"


class StatusListError(ValueError):
    pass


def get_bit(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index} is outside the list")
    return bool(bits[index // 8] >> (7 - index % 8) & 1)


def set_bit(bits: bytes, index: int, value: bool) -> bytes:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index} is outside the list")
    changed = bytearray(bits)
    mask = 1 << (7 - index % 8)
    changed[index // 8] = changed[index // 8] | mask if value else changed[index // 8] & ~mask
    return bytes(changed)


def encode(bits: bytes) -> str:
    compressed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise StatusListError("the encoded list is not base64url multibase (prefix u)")
    text = encoded[1:]
    try:
        return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, OSError) as exc:
        raise StatusListError("the encoded list cannot be read") from exc


def entry(list_url: str, purpose: str, index: int) -> dict:
    """A credential's BitstringStatusListEntry."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def list_credential(
    *, list_url: str, purpose: str, bits: bytes, issuer: str, valid_from: str, valid_until: str
) -> dict:
    """The (unsigned) BitstringStatusListCredential that publishes ``bits``. Its short validity
    lets a verifier refuse an old copy replayed in place of the current list."""
    return {
        "@context": [CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "validUntil": valid_until,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(bits),
        },
    }


# Bitstring Status List v1.0, §2.1: a list holds at least 131,072 entries (16 KB), for privacy.
MINIMUM_ENTRIES = 131_072


def status_of(list_document: dict, index: int, purpose: str | None = None) -> bool:
    """Whether the bit at ``index`` is set in a status list credential's list. With ``purpose``,
    the list must be one for that purpose (§3.2 Validate Algorithm: STATUS_VERIFICATION_ERROR),
    and any list must be long enough (STATUS_LIST_LENGTH_ERROR)."""
    subject = list_document.get("credentialSubject") or {}
    subject = subject if isinstance(subject, dict) else {}
    if purpose is not None and subject.get("statusPurpose") != purpose:
        raise StatusListError(f"the status list is not a {purpose} list")
    bits = decode(str(subject.get("encodedList", "")))
    if len(bits) * 8 < MINIMUM_ENTRIES:
        raise StatusListError("the status list is shorter than 131,072 entries")
    return get_bit(bits, index)
