"""Run once a year: draw the random sample of CPD activities the registrar audits."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from muhandis.cpd.services import draw_audit_sample


class Command(BaseCommand):
    help = (
        "Draw a reproducible random sample of a year's CPD activities not yet verified "
        "(the seed is printed and recorded in the audit trail)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, default=None, help="Year of the activities (default: last year)."
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--fraction", type=float, help="Share to draw, e.g. 0.1 for 10%%.")
        group.add_argument("--size", type=int, help="Number of activities to draw.")
        parser.add_argument("--seed", type=int, default=None, help="Repeat an earlier draw.")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year - 1
        fraction = options["fraction"]
        if fraction is None and options["size"] is None:
            fraction = 0.1
        try:
            sample = draw_audit_sample(
                year=year, fraction=fraction, size=options["size"], seed=options["seed"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Drew {len(sample.chosen)} of {len(sample.population)} activities of {year} "
            f"(seed {sample.seed}): {', '.join(str(pk) for pk in sample.chosen)}"
        )
