"""Background work of course evaluations (``django.tasks``)."""

from django.tasks import task

from .models import Enrolment
from .services import evaluation


@task(queue_name="default")
def send_evaluation_requests() -> dict[str, int]:
    """The daily run of ``manage.py send_evaluation_requests``, as a task."""
    return evaluation.send_evaluation_requests()


@task(queue_name="default")
def request_course_evaluation(enrolment_id: int) -> bool:
    """Ask one participant for the course evaluation (e.g. when their enrolment is completed);
    True if a request was sent."""
    enrolment = (
        Enrolment.objects.select_related("person", "session__course")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return False
    return evaluation.request_course_evaluation(enrolment=enrolment) is not None
