"""Run daily: bring membership statuses in line with the dates, then invoice the renewals of
memberships about to end and remind their members."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.membership import tasks


class Command(BaseCommand):
    help = "Recalculate membership statuses, then send renewal invoices and reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Membership statuses changed: {tasks.recalculate_statuses.call()}")
        self.stdout.write(f"Renewal invoices sent: {tasks.send_renewal_invoices.call()}")
