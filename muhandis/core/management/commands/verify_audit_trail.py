from typing import Any

from django.core.management.base import BaseCommand, CommandError

from muhandis.core.audit import verify_chain


class Command(BaseCommand):
    help = "Check that no audit-trail entry was altered or removed since it was recorded."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problem = verify_chain()
        if problem is not None:
            raise CommandError(
                f"Audit trail broken at entry #{problem.sequence}: {problem.message}. "
                f"{checked} entries before it are intact."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {checked} entries verified."))
