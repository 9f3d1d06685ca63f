"""Evidence files attached to appeals and complaints: checked by their content, as for
applications (the same accepted types and size limit)."""

from django.core.files.uploadedfile import UploadedFile

from muhandis.core.uploads import CheckedFile, check_upload

from ..models import Appeal, Complaint


def check_evidence(upload: UploadedFile | None, *, field: str = "evidence") -> CheckedFile | None:
    """The upload with its recognised type and digest, or a ValidationError saying what to do."""
    return None if upload is None else check_upload(upload, field=field)


def attach(instance: Appeal | Complaint, checked: CheckedFile | None) -> None:
    """Store a checked file on an appeal or complaint (before the row is saved)."""
    if checked is None:
        return
    instance.evidence.save("evidence", checked.upload, save=False)
    instance.evidence_name = checked.name
    instance.evidence_type = checked.content_type
    instance.evidence_sha256 = checked.sha256
