"""Write the verification counts this process holds (run by deployment scripts, or by hand)."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.certification.verification_counts import flush


class Command(BaseCommand):
    help = (
        "Write the verification counts gathered in memory by this process. Web workers write "
        "their own counts every VERIFICATION_COUNT_FLUSH_SECONDS and when they stop."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = flush()
        self.stdout.write(f"Verifications written: {written}")
