import threading
from typing import Any

from django.db import transaction

from muhandis.certification.models import Certificate
from muhandis.training.models import Enrolment

from . import pdfsign, tasks
from .services import documents, issuing

# Certificates issued in bulk whose PDFs wait for their transaction to commit.
_waiting = threading.local()


def make_pdf_on_issue(
    sender: object, certificate: Certificate, bulk: bool = False, **kwargs: Any
) -> None:
    if bulk:
        # Many certificates at once (an import): their PDFs are drawn by background tasks
        # once the certificates are committed, so the import itself stays fast.
        _waiting.__dict__.setdefault("ids", []).append(certificate.pk)
        transaction.on_commit(_enqueue_waiting)
        return
    try:
        documents.make_certificate_document(certificate=certificate)
    except pdfsign.SigningUnavailable as exc:
        # The certificate stands (the committee decided); its PDF waits for a usable key and
        # is made by make_missing_documents, never stored unsigned.
        documents.hold_documents(certificates=[certificate], problem=str(exc))
    issuing.issue_credential(certificate)


def update_status_lists(sender: object, certificate: Certificate, **kwargs: Any) -> None:
    """Once the decision is committed, a task sets the certificate's bits in the published
    status lists (verifiers see the change within the lists' one-minute cache time)."""
    pk = certificate.pk
    transaction.on_commit(lambda: tasks.sync_credential_status.enqueue(pk))


def refresh_on_change(sender: object, certificate: Certificate, **kwargs: Any) -> None:
    """A renewal or scope reduction: the credential is signed again once it is committed."""
    pk = certificate.pk
    transaction.on_commit(lambda: tasks.refresh_credential.enqueue(pk))


def _enqueue_waiting() -> None:
    """Queue the waiting certificates, a hundred to a task. Registered once per certificate;
    the first call after a commit takes them all and the others find nothing left. Ids left
    by a rolled-back import are harmless: the task skips certificates that do not exist, and
    primary keys are not reused."""
    ids, _waiting.ids = getattr(_waiting, "ids", []), []
    size = tasks.DOCUMENTS_PER_TASK
    for start in range(0, len(ids), size):
        tasks.make_documents.enqueue(ids[start : start + size])


def issue_completion_on_complete(sender: object, enrolment: Enrolment, **kwargs: Any) -> None:
    """A course completed (the news arrives once it is committed): its certificate of
    completion and credential are made by a background task."""
    tasks.issue_completion.enqueue(enrolment.pk)
