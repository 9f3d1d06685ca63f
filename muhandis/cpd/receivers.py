"""What the CPD ledger does when other apps announce news."""

from typing import Any

from muhandis.training.models import Enrolment

from .services.training import record_completed_course


def credit_completed_course(sender: object, enrolment: Enrolment, **kwargs: Any) -> None:
    """A course completed with the association: its CPD hours enter the ledger, once."""
    record_completed_course(enrolment=enrolment)
