"""Run daily: give each person the forum trust level their reading and posting earned."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.forum.services import trust


class Command(BaseCommand):
    help = "Promote forum members whose reading and posting earned a trust level."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = trust.update_trust_levels()
        self.stdout.write(
            f"Forum trust levels raised: {counts['promoted']}, lowered: {counts['demoted']}"
        )
