"""Verify a Muhandis credential offline, without Django or a database:

    python -m muhandis.credentials.verify CREDENTIAL --did-document did.json \
        --status-list revocation-1.json --status-list suspension-1.json

CREDENTIAL is a JSON-LD credential (.json) or a VC-JWT; did.json is a saved copy of the issuer's
DID document (from /.well-known/did.json); each status list is a saved copy of a list the
credential names. Prints each check and exits 0 when every check passed, 1 otherwise."""

import argparse
import json
import sys
from pathlib import Path

from .vc import verifier


def _load_json(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m muhandis.credentials.verify", description=__doc__.splitlines()[0]
    )
    parser.add_argument("credential", help="the credential file (JSON-LD or VC-JWT)")
    parser.add_argument("--did-document", help="a saved copy of the issuer's DID document")
    parser.add_argument(
        "--status-list", action="append", default=[], help="a saved status list (repeatable)"
    )
    args = parser.parse_args(argv)
    try:
        given = Path(args.credential).read_bytes()
        did_document = _load_json(args.did_document) if args.did_document else None
        lists = [_load_json(path) for path in args.status_list]
    except (OSError, ValueError) as exc:
        print(f"cannot read the files: {exc}", file=sys.stderr)
        return 2
    by_url = {str(listing.get("id")): listing for listing in lists if isinstance(listing, dict)}

    def resolve(did: str) -> dict | None:
        return did_document if did_document and did_document.get("id") == did else None

    result = verifier.verify(given, resolve_did=resolve, fetch_list=by_url.get)
    for check in result.checks:
        mark = "PASS" if check.passed else "FAIL"
        print(f"{mark} {check.name}" + ("" if check.passed else f": {check.detail}"))
    print("VERIFIED" if result.verified else "NOT VERIFIED")
    return 0 if result.verified else 1


if __name__ == "__main__":
    sys.exit(main())
