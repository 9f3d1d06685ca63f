"""Recompute the directory's search keys after names changed elsewhere (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.directory.services.keys import refresh_search_keys


class Command(BaseCommand):
    help = "Recompute the directory's search keys of firms and engineers whose names changed."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = refresh_search_keys()
        self.stdout.write(
            f"Search keys recomputed: {changed['firms']} firms, {changed['engineers']} engineers."
        )
