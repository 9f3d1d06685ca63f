"""Demo data: the association's signing key, so demo certificates carry credentials."""


def load(write) -> None:
    from . import keys

    if keys.active_key() is None:
        key = keys.create_key(reason="demo data")
        write(f"Issuer key {key.key_id} created; issuer {keys.issuer_did()}.")
