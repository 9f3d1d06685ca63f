"""Checking the documents people upload: evidence for applications, CPD, appeals, complaints."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


@dataclass(frozen=True)
class CheckedFile:
    """An uploaded document whose content was recognised, with its digest."""

    upload: UploadedFile
    name: str
    content_type: str
    size: int
    sha256: str


def sniff_content_type(head: bytes) -> str | None:
    """The content type the first bytes of a file announce, if it is one we accept."""
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def check_upload(upload: UploadedFile, *, field: str) -> CheckedFile:
    """A PDF, JPEG or PNG by its content (whatever its name), at most 10 MB, with its SHA-256;
    otherwise a ValidationError on ``field`` saying what to do. Used for every document
    people upload: application evidence, CPD evidence, appeals and complaints."""
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({field: _("The file is larger than 10 MB.")})
    upload.seek(0)
    content_type = sniff_content_type(upload.read(16))
    if content_type is None:
        raise ValidationError(
            {
                field: _(
                    "This file is not a PDF, JPEG or PNG document, whatever its name says. "
                    "Scan or save it as PDF, JPEG or PNG."
                )
            }
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = (upload.name or "")[:255]
    return CheckedFile(upload, name, content_type, upload.size, digest.hexdigest())
