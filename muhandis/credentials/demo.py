"""Demo data: the association's signing key, so demo certificates carry credentials."""

from collections.abc import Callable


def load(write: Callable[[str], object]) -> None:
    from . import pdfsign
    from .services import keys

    if keys.active_key() is None:
        key = keys.create_key(reason="namoyish maʼlumotlari")
        write(f"Issuer key {key.key_id} created; issuer {keys.issuer_did()}.")
    if pdfsign.certificate() is None:
        write(f"PDF signing certificate (self-signed): {pdfsign.create_self_signed()}")
