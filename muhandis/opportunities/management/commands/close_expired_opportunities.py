"""Run daily: open opportunities whose deadline has passed expire (audited as the system's
action)."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.opportunities.services.opportunities import close_expired_opportunities


class Command(BaseCommand):
    help = "Close the open opportunities whose deadline has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_expired_opportunities()
        self.stdout.write(f"Opportunities expired: {len(closed)}")
