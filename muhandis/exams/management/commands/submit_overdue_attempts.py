"""Run every minute: submit the attempts whose deadline has passed, with what was saved."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.exams.attempts.services import submit_overdue


class Command(BaseCommand):
    help = "Submit every exam attempt whose deadline has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Attempts submitted: {submit_overdue()}")
