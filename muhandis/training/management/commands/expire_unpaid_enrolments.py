"""Run daily: cancel the seats not paid within the session's payment days and offer each
to the next on the waiting list."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.training import tasks


class Command(BaseCommand):
    help = "Free the seats not paid in time; offer each to the next in line."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Unpaid seats freed: {tasks.expire_unpaid_enrolments.call()}")
