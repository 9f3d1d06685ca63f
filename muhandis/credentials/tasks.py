"""Background work of the credentials app."""

from django.tasks import task

from muhandis.certification.models import Certificate

from . import pdfsign
from .services import documents, issuing

# Certificates per task: a PDF takes about 40 ms, so a task runs for a few seconds.
DOCUMENTS_PER_TASK = 100


@task(queue_name="default")
def make_documents(certificate_ids: list[int]) -> int:
    """Draw and store the PDFs (and sign the credentials) of certificates issued in bulk;
    return how many were made.

    Safe to run again (a certificate keeps its first document); ids of certificates that no
    longer exist are skipped. While the PDF signing key cannot be used, the credentials are
    still signed, the PDFs wait (``make_missing_documents``) and the task fails, saying why."""
    made, held, problem = 0, [], ""
    for certificate in Certificate.objects.filter(pk__in=certificate_ids).order_by("pk"):
        try:
            documents.make_certificate_document(certificate=certificate)
            made += 1
        except pdfsign.SigningUnavailable as exc:
            held.append(certificate)
            problem = str(exc)
        issuing.issue_credential(certificate)
    if held:
        documents.hold_documents(certificates=held, problem=problem)
        raise pdfsign.SigningUnavailable(problem)
    return made


@task(queue_name="default")
def make_missing_documents() -> int:
    """Make the PDFs that wait (see ``services.documents.make_missing_documents``)."""
    return documents.make_missing_documents()


@task(queue_name="default")
def sync_credential_status(certificate_id: int) -> bool:
    """Set a certificate's revocation and suspension bits from its current status."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    return certificate is not None and issuing.sync_status(certificate)


@task(queue_name="default")
def refresh_credential(certificate_id: int) -> bool:
    """Sign a certificate's credential again after it was renewed or its scope reduced."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    return certificate is not None and issuing.refresh_credential(certificate) is not None


@task(queue_name="default")
def issue_completion(enrolment_id: int) -> bool:
    """Make the certificate of completion of a completed enrolment (see
    ``services.completions``); safe to run again. False when there is no such enrolment."""
    from muhandis.training.models import Enrolment

    from .services import completions

    enrolment = (
        Enrolment.objects.select_related("person", "session__course")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return False
    return completions.issue_completion(enrolment=enrolment) is not None
