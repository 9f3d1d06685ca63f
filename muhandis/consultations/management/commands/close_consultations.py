"""Run daily: close the consultations whose closing date has passed (audited). Commenting is
refused from the day after the closing date whether or not this has run: the dates decide."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.consultations.services import consultations


class Command(BaseCommand):
    help = "Close the open consultations whose closing date has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Consultations closed: {consultations.close_due_consultations()}")
