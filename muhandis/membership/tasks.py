"""Background work of membership: the daily command runs these, or a worker may."""

from django.tasks import task

from .services import memberships


@task(queue_name="default")
def recalculate_statuses() -> int:
    """Bring every paid membership's status in line with the dates."""
    return memberships.recalculate_statuses()


@task(queue_name="default")
def send_renewal_invoices() -> int:
    """Invoice the next period of memberships about to end and remind their members, once."""
    return memberships.send_renewal_invoices()
