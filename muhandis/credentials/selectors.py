"""Reads of the credentials app, and verifying a credential on this site: our own DID document
and status lists come from the database (never the network); other issuers are unknown here."""

from django.conf import settings
from django.db.models import QuerySet

from muhandis.certification.models import Certificate

from .models import StatusList
from .services import issuing, keys
from .vc import verifier


def certificates_without_document() -> QuerySet[Certificate]:
    """Certificates whose PDF has not been made yet: issued in bulk and waiting for their task,
    or held back while the PDF signing key could not be used."""
    return (
        Certificate.objects.filter(document__isnull=True)
        .select_related("holder", "scheme")
        .order_by("pk")
    )


def certificates_without_credential() -> QuerySet[Certificate]:
    """Certificates whose verifiable credential has not been signed: issued while the
    association had no usable issuer key."""
    return (
        Certificate.objects.filter(credential__isnull=True)
        .select_related("holder", "scheme")
        .order_by("pk")
    )


def resolve_did(did: str) -> dict | None:
    """This association's DID document when ``did`` is its DID, otherwise None."""
    try:
        return keys.did_document() if did == keys.issuer_did() else None
    except keys.KeyMissing:
        return None


def fetch_list(url: str) -> dict | None:
    """The signed status list at ``url`` when it is one of ours, otherwise None."""
    prefix = settings.SITE_URL.rstrip("/") + "/credentials/status/"
    if not url.startswith(prefix):
        return None
    try:
        purpose, number = url.removeprefix(prefix).split("/")
        found = StatusList.objects.get(purpose=purpose, number=int(number))
    except (ValueError, StatusList.DoesNotExist):
        return None
    return issuing.signed_list(found)


def verify_credential(given: dict | str | bytes) -> verifier.Result:
    """Verify a credential (JSON-LD document, its text, or a VC-JWT) as the check page and the
    VC API do: with the ``vc`` verifier, fed from this site's own keys and status lists."""
    return verifier.verify(given, resolve_did=resolve_did, fetch_list=fetch_list)


def verify_presentation(
    presentation: dict, *, challenge: str | None = None, domain: str | None = None
) -> verifier.PresentationResult:
    """Verify a presentation and the credentials it holds as the VC API does, fed from this
    site's own keys and status lists (a holder's did:key resolves by itself)."""
    return verifier.verify_presentation(
        presentation,
        resolve_did=resolve_did,
        fetch_list=fetch_list,
        challenge=challenge,
        domain=domain,
    )
