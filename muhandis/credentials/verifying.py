"""Verifying credentials on this site: our own DID document and status lists come from the
database (never the network); other issuers are unknown here."""

from django.conf import settings

from . import issuing, keys
from .models import StatusList
from .vc import verifier


def resolve_did(did: str) -> dict | None:
    try:
        return keys.did_document() if did == keys.issuer_did() else None
    except keys.KeyMissing:
        return None


def fetch_list(url: str) -> dict | None:
    prefix = settings.SITE_URL.rstrip("/") + "/credentials/status/"
    if not url.startswith(prefix):
        return None
    try:
        purpose, number = url.removeprefix(prefix).split("/")
        found = StatusList.objects.get(purpose=purpose, number=int(number))
    except (ValueError, StatusList.DoesNotExist):
        return None
    return issuing.signed_list(found)


def verify(given) -> verifier.Result:
    return verifier.verify(given, resolve_did=resolve_did, fetch_list=fetch_list)
