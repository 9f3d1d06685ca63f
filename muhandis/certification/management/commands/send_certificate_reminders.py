"""Run daily (cron or a scheduler): remind holders before their certificates expire."""

from django.core.management.base import BaseCommand

from muhandis.certification.services.certificates import send_expiry_reminders


class Command(BaseCommand):
    help = "Email holders whose certificates expire within 90, 30 or 7 days (once each)."

    def handle(self, *args, **options) -> None:
        sent = send_expiry_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
