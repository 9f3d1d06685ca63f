"""Making and storing certificate documents.

A PDF is stored only as it should be: signed once the association has set up PDF signing. While
its signing key cannot be used, the certificate waits without a document (audited, and the
association's administrators are told); ``make_missing_documents`` makes the waiting PDFs once
the key is fixed (``manage.py make_missing_documents``, or the task of the same name)."""

import hashlib
import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import search_people
from muhandis.certification.models import Certificate, Scheme
from muhandis.core import audit
from muhandis.core.mail import send_in_language

from .. import pdf, pdfsign, selectors
from ..models import CertificateDocument
from . import issuing, keys

logger = logging.getLogger(__name__)
# Administrators are told of a signing problem at most this often (seconds).
TELL_EVERY = 3600


def make_certificate_document(
    *, certificate: Certificate, language: str | None = None
) -> CertificateDocument:
    """Draw the PDF once, store it with its SHA-256. A certificate keeps its first document.
    Raises ``pdfsign.SigningUnavailable`` (storing nothing) while the signing key cannot be
    used."""
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


def hold_documents(*, certificates: Iterable[Certificate], problem: str) -> None:
    """The PDFs of ``certificates`` could not be signed: they wait, the audit trail says why,
    and once this is committed the association's administrators are told."""
    logger.error("Certificate PDFs wait for a usable signing key: %s", problem)
    for certificate in certificates:
        audit.record("credentials.document.held", target=certificate, after={"problem": problem})
    transaction.on_commit(lambda: tell_administrators(problem=problem))


def tell_administrators(*, problem: str) -> int:
    """Email each association administrator, in their language, that certificate PDFs wait
    for the signing key to be fixed (at most once an hour for the same problem); return how
    many were told."""
    key = "credentials:pdf-signing-told:" + hashlib.sha256(problem.encode()).hexdigest()
    if not cache.add(key, True, timeout=TELL_EVERY):
        return 0
    waiting = selectors.certificates_without_document().count()
    administrators = list(search_people(role=Role.ADMIN).exclude(email=""))
    for person in administrators:
        send_in_language(
            person.email,
            "credentials/email/pdf_signing_problem",
            person.preferred_language,
            {"person": person, "problem": problem, "waiting": waiting},
        )
    return len(administrators)


def make_missing_documents() -> int:
    """Make the PDF of every certificate that has none yet, and sign the verifiable
    credentials not signed yet (while there was no usable issuer key); return how many PDFs
    were made. While the PDF signing key still cannot be used, the administrators are told and
    ``pdfsign.SigningUnavailable`` is raised, the PDFs still waiting."""
    if keys.active_key() is not None:
        for certificate in selectors.certificates_without_credential().iterator(chunk_size=100):
            issuing.issue_credential(certificate)
    made = 0
    for certificate in selectors.certificates_without_document().iterator(chunk_size=100):
        try:
            make_certificate_document(certificate=certificate)
        except pdfsign.SigningUnavailable as exc:
            tell_administrators(problem=str(exc))
            raise
        made += 1
    return made


def documents_of_scheme(
    *, code: str, actor: User, request: HttpRequest | None = None
) -> QuerySet[Certificate] | None:
    """The certificates of every version of scheme ``code``, with their documents, in number
    order, for a registrar to download as one archive (audited as
    ``credentials.documents.exported``); None when there is no such scheme."""
    if not Scheme.objects.filter(code=code).exists():
        return None
    audit.record(
        "credentials.documents.exported", actor=actor, after={"scheme": code}, request=request
    )
    return (
        Certificate.objects.filter(scheme__code=code).select_related("document").order_by("number")
    )
