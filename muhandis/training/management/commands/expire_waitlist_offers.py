"""Run hourly (or daily): withdraw the waiting-list offers not accepted in time and offer
each seat to the next in line."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.training import tasks


class Command(BaseCommand):
    help = "Withdraw the offers not accepted in time; offer each to the next."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Offers withdrawn: {tasks.expire_waitlist_offers.call()}")
