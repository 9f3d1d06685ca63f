"""Run daily: ask participants for the course evaluation when their session has ended, send the
follow-up months later (to them and their supervisor), and remind once after a week."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.training.services.evaluation import send_evaluation_requests


class Command(BaseCommand):
    help = "Send course evaluation requests, follow-ups and reminders that are due (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_evaluation_requests()
        self.stdout.write(
            "Evaluation requests sent: {level_1} end of course, {level_3} follow-up, "
            "{supervisors} to supervisors, {reminders} reminders".format(**sent)
        )
