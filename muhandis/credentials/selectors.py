"""Reads of the credentials app."""

from django.db.models import QuerySet

from muhandis.certification.models import Certificate


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
