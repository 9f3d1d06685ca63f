from django.core.management.base import BaseCommand

from muhandis.notifications.services import send_digests


class Command(BaseCommand):
    help = "Email each person the digest of their notices waiting for it (run daily)."

    def handle(self, *args: object, **options: object) -> None:
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent")
