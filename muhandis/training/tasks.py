"""Background work of enrolment: the daily commands run these, or a worker may."""

from django.tasks import task

from .services import enrolment, enrolment_notices


@task(queue_name="default")
def expire_unpaid_enrolments() -> int:
    """Free the seats not paid within the session's payment days; the next in line is offered
    each one."""
    return enrolment.expire_unpaid()


@task(queue_name="default")
def expire_waitlist_offers() -> int:
    """Withdraw the waiting-list offers not accepted in time; the next in line is offered each."""
    return enrolment.expire_offers()


@task(queue_name="default")
def send_session_reminders() -> int:
    """Remind participants, once, two days before their session starts."""
    return enrolment_notices.send_reminders()
