"""Make the certificate PDFs that wait: issued in bulk, or held back while the PDF signing key
could not be used. Run it once the key is fixed (a scheduler may run it every hour)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from muhandis.credentials import pdfsign
from muhandis.credentials.services import completions, documents


class Command(BaseCommand):
    help = "Make and sign the PDFs of certificates that have none yet."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            made = documents.make_missing_documents()
        except pdfsign.SigningUnavailable as exc:
            raise CommandError(f"The PDFs still wait: {exc}") from exc
        self.stdout.write(f"Certificate PDFs made: {made}.")
        try:
            completed = completions.make_missing_completions()
        except pdfsign.SigningUnavailable as exc:
            raise CommandError(f"The certificates of completion still wait: {exc}") from exc
        self.stdout.write(f"Certificates of completion made or signed: {completed}.")
