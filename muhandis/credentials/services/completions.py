"""Certificates of completion of courses: on ``training.signals.enrolment_completed`` the
participant receives a PDF (made once, signed like the certification PDFs) and an Open Badges
3.0 credential signed on the same path as certification credentials (the association's issuer
key, eddsa-rdfc-2022 and a VC-JWT), with revocation and suspension entries in the same status
lists. Issued once per enrolment; either part that cannot be made yet (no usable key) is made
later, at the next call."""

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from muhandis.core import audit
from muhandis.core.mail import send_in_language
from muhandis.training.models import Enrolment

from .. import completion_pdf, openbadges, pdfsign
from ..models import CompletionCredential, StatusList
from ..vc import jose, statuslist
from . import issuing, keys

logger = logging.getLogger(__name__)
P = StatusList.Purpose
LANGUAGES = ("uz", "ru", "en")


def issue_completion(*, enrolment: Enrolment) -> CompletionCredential | None:
    """The enrolment's certificate of completion, made (PDF and credential) if it is not yet;
    None for an enrolment that is not completed. The participant is told by email, in their
    language, when the certificate is first made."""
    if enrolment.status != Enrolment.Status.COMPLETED:
        return None
    language = enrolment.person.preferred_language
    with transaction.atomic():
        record, created = CompletionCredential.objects.select_for_update().get_or_create(
            enrolment=enrolment,
            defaults={"language": language if language in LANGUAGES else "uz"},
        )
    if record.document is None:
        sign_completion(record)
    if not record.file:
        try:
            make_completion_pdf(record)
        except pdfsign.SigningUnavailable as exc:
            logger.error("The certificate of completion %s waits: %s", record.public_id, exc)
            audit.record(
                "credentials.completion.held", target=enrolment, after={"problem": str(exc)}
            )
    if created:
        person = enrolment.person
        if person.email:
            send_in_language(
                person.email,
                "credentials/email/completion_ready",
                record.language,
                {
                    "person": person,
                    "course": enrolment.session.course,
                    "url": settings.SITE_URL.rstrip("/") + reverse("credentials:my_completions"),
                },
            )
    return record


def sign_completion(record: CompletionCredential) -> CompletionCredential:
    """Sign the record's credential with the current issuer key, with status entries; nothing
    (logged) while the association has no issuer key."""
    try:
        key, private_key = keys.signing_key()
    except keys.KeyMissing as exc:
        logger.warning("Certificate of completion %s has no credential: %s", record.pk, exc)
        return record
    with transaction.atomic():
        record = CompletionCredential.objects.select_for_update().get(pk=record.pk)
        if record.document is not None:
            return record
        revocation, revocation_index = issuing.allocate(P.REVOCATION, "revocation")
        suspension, suspension_index = issuing.allocate(P.SUSPENSION, "suspension")
        credential = openbadges.build_completion(record)
        credential["credentialStatus"] = [
            statuslist.entry(issuing.list_url(revocation), P.REVOCATION, revocation_index),
            statuslist.entry(issuing.list_url(suspension), P.SUSPENSION, suspension_index),
        ]
        method = keys.verification_method(key)
        record.document = openbadges.sign(credential, private_key, verification_method=method)
        record.jwt = jose.encode(credential, private_key, kid=method)
        record.key = key
        record.revocation_list, record.revocation_index = revocation, revocation_index
        record.suspension_list, record.suspension_index = suspension, suspension_index
        record.save()
        audit.record(
            "credentials.completion.issued",
            target=record.enrolment,
            after={
                "key": key.key_id,
                "revocation": revocation_index,
                "suspension": suspension_index,
            },
        )
    return record


def make_completion_pdf(record: CompletionCredential) -> CompletionCredential:
    """Draw and store the PDF once (signed when the association set up PDF signing). Raises
    ``pdfsign.SigningUnavailable``, storing nothing, while the signing key cannot be used."""
    if record.file:
        return record
    content = pdfsign.sign(completion_pdf.render_completion(record))
    with transaction.atomic():
        record.sha256 = hashlib.sha256(content).hexdigest()
        record.file.save(f"{record.public_id}.pdf", ContentFile(content), save=False)
        record.save(update_fields=["file", "sha256"])
        audit.record(
            "credentials.completion.document_created",
            target=record.enrolment,
            after={"sha256": record.sha256, "language": record.language},
        )
    return record


def title_of(record: CompletionCredential) -> str:
    return _("Certificate of completion: %(course)s") % {
        "course": record.enrolment.session.course.title
    }


def make_missing_completions() -> int:
    """Sign the completion credentials and make the PDFs that wait (no usable key when the
    course was completed); return how many records were touched. Raises
    ``pdfsign.SigningUnavailable`` while the PDF signing key still cannot be used."""
    waiting = CompletionCredential.objects.filter(
        Q(document__isnull=True) | Q(file="")
    ).select_related("enrolment__person", "enrolment__session__course")
    done = 0
    for record in waiting.iterator(chunk_size=100):
        if record.document is None and keys.active_key() is not None:
            record = sign_completion(record)
        if not record.file:
            make_completion_pdf(record)
        done += 1
    return done
