"""Run every minute: submit the attempts whose deadline has passed, with what was saved."""

from django.core.management.base import BaseCommand

from muhandis.exams.attempts.services import submit_overdue


class Command(BaseCommand):
    help = "Submit every exam attempt whose deadline has passed."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Attempts submitted: {submit_overdue()}")
