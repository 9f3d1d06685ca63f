"""Making and storing certificate documents."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from muhandis.core import audit

from . import pdf, pdfsign
from .models import CertificateDocument


def make_certificate_document(*, certificate, language: str | None = None) -> CertificateDocument:
    """Draw the PDF once, store it with its SHA-256. A certificate keeps its first document."""
    existing = CertificateDocument.objects.filter(certificate=certificate).first()
    if existing is not None:
        return existing
    language = language or certificate.language
    content = pdfsign.sign(pdf.render_certificate(certificate, language=language))
    with transaction.atomic():
        document = CertificateDocument(
            certificate=certificate, language=language, sha256=hashlib.sha256(content).hexdigest()
        )
        document.file.save(f"{certificate.public_id}.pdf", ContentFile(content), save=False)
        document.save()
        audit.record(
            "credentials.document.created",
            target=certificate,
            after={"sha256": document.sha256, "language": language},
        )
    return document
