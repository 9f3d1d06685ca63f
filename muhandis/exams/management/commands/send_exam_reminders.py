"""Run daily: remind candidates, in their language, of a sitting that opens within two days."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.exams.sittings.services import send_reminders


class Command(BaseCommand):
    help = "Remind candidates of an exam sitting that opens within two days (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Candidates reminded: {send_reminders()}")
