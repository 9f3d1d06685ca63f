from typing import Any

from django.core.management.base import BaseCommand

from muhandis.events.services import send_reminders


class Command(BaseCommand):
    help = "Remind everyone with a seat at an event that starts tomorrow (once per person)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_reminders()
        self.stdout.write(f"{count} event reminder(s) sent.")
