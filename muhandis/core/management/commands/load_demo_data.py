"""Load the demo data of every app (settings.DEMO_DATA_LOADERS), in one transaction.

Running it twice changes nothing.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Create demo people (one per role), organisations and the other apps' demo data."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        for path in settings.DEMO_DATA_LOADERS:
            import_string(path)(self.stdout.write)
