"""Multibase (base58-btc, prefix "z") and Multikey encodings of Ed25519 keys."""

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: index for index, char in enumerate(ALPHABET)}
ED25519_PUBLIC = b"\xed\x01"  # multicodec ed25519-pub
ED25519_PRIVATE = b"\x80\x26"  # multicodec ed25519-priv


class MultibaseError(ValueError):
    pass


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = ALPHABET[remainder] + encoded
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + encoded


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise MultibaseError(f"{char!r} is not a base58 character")
        number = number * 58 + _INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode(data: bytes) -> str:
    """Multibase base58-btc: "z" followed by the base58 text."""
    return "z" + b58encode(data)


def decode(text: str) -> bytes:
    if not text.startswith("z"):
        raise MultibaseError("only base58-btc multibase values (starting with z) are supported")
    return b58decode(text[1:])


def public_key_multibase(raw: bytes) -> str:
    return encode(ED25519_PUBLIC + raw)


def private_key_multibase(raw: bytes) -> str:
    return encode(ED25519_PRIVATE + raw)


def decode_key(text: str, header: bytes) -> bytes:
    data = decode(text)
    if not data.startswith(header) or len(data) != len(header) + 32:
        raise MultibaseError("not an Ed25519 key in Multikey form")
    return data[len(header) :]
