"""Evidence files attached to appeals and complaints: checked by their content, as for
applications (the same accepted types and size limit)."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from muhandis.certification.services.applications import MAX_EVIDENCE_BYTES, sniff_content_type


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    sha256: str


def check_evidence(upload: UploadedFile | None, *, field: str = "evidence") -> CheckedFile | None:
    """The upload with its recognised type and digest, or a ValidationError saying what to do."""
    if upload is None:
        return None
    if upload.size > MAX_EVIDENCE_BYTES:
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
    return CheckedFile(upload, upload.name[:255], content_type, digest.hexdigest())


def attach(instance, checked: CheckedFile | None) -> None:
    """Store a checked file on an appeal or complaint (before the row is saved)."""
    if checked is None:
        return
    instance.evidence.save("evidence", checked.upload, save=False)
    instance.evidence_name = checked.name
    instance.evidence_type = checked.content_type
    instance.evidence_sha256 = checked.sha256
