"""Run daily (cron or a scheduler): remind holders before their certificates expire, and
record the certificates whose validity has ended."""

from typing import Any

from django.core.management.base import BaseCommand

from muhandis.certification.services.certificates import record_expiries, send_expiry_reminders


class Command(BaseCommand):
    help = (
        "Email holders whose certificates expire within 90, 30 or 7 days (once each), and "
        "record and announce the certificates that expired."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_expiry_reminders()
        expired = record_expiries()
        self.stdout.write(f"Reminders sent: {sent}; certificates expired: {expired}")
