"""Run weekly: each member firm's representatives hear of the open opportunities that match
the firm and that no digest has carried to it yet. Expired opportunities are closed first, so
that a digest never carries one whose deadline has passed."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.opportunities.services.digest import send_digests
from muhandis.opportunities.services.opportunities import close_expired_opportunities


class Command(BaseCommand):
    help = "Send each member firm the new opportunities that match it (weekly)."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_expired_opportunities()
        run = send_digests()
        self.stdout.write(
            f"Opportunities expired: {len(closed)}; digests: {run.firms} firms, "
            f"{run.notices} notices, {run.opportunities} opportunities"
        )
