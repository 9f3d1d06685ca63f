"""Import the pilot's certified engineers from a spreadsheet (see certification/bulk.py)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from muhandis.accounts.models import User
from muhandis.certification import bulk


class Command(BaseCommand):
    help = "Import certificates from an XLSX or CSV file: all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--actor", required=True, help="Email of the registrar importing.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and write nothing."
        )

    def handle(self, *args: Any, file: Path, actor: str, dry_run: bool, **options: Any) -> None:
        person = User.objects.filter(email=actor.strip().lower()).first()
        if person is None:
            raise CommandError(f"Nobody has the email address {actor}.")
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            if dry_run:
                self._report(bulk.plan_import(content=content, filename=file.name, actor=person))
                return
            result = bulk.import_certificates(content=content, filename=file.name, actor=person)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except bulk.ImportRefused as refused:
            self._problems(refused.problems)
            raise CommandError("Nothing was imported.") from refused
        self.stdout.write(
            f"Imported {len(result.certificates)} certificates; "
            f"{result.people_created} accounts created."
        )

    def _report(self, plan: bulk.ImportPlan) -> None:
        if plan.problems:
            self._problems(plan.problems)
            raise CommandError("The file cannot be imported as it is.")
        self.stdout.write(
            f"Dry run: {len(plan.certificates)} certificates would be imported, for "
            f"{plan.existing_people} people already known and {plan.new_people} new accounts. "
            "Nothing was written."
        )

    def _problems(self, problems: list[bulk.Problem]) -> None:
        for problem in problems:
            self.stderr.write(str(problem))
