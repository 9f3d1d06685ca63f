"""Run daily: remind each participant, once and in their language, of a session that
starts within two days."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.training import tasks


class Command(BaseCommand):
    help = "Remind participants, once, of a session starting within two days."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Participants reminded: {tasks.send_session_reminders.call()}")
