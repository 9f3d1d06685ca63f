"""Run daily: remind invited people who have not answered an open needs survey, every
NEEDS_REMINDER_DAYS days, at most NEEDS_MAX_REMINDERS times."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.needs.services.distribution import send_reminders


class Command(BaseCommand):
    help = "Send the needs survey reminders that are due (each invitation at most a few times)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        self.stdout.write(f"Needs survey reminders sent: {sent}")
