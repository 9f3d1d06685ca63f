"""Manage the association's credential signing keys: create (or rotate), list."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from muhandis.credentials import pdfsign
from muhandis.credentials.models import IssuerKey
from muhandis.credentials.services import keys


class Command(BaseCommand):
    help = (
        "create: make a new Ed25519 signing key (the previous one is retired but stays "
        "published); list: show the published keys. Private keys are written to "
        "CREDENTIALS_KEY_DIR with mode 600 and never printed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["create", "list"])
        parser.add_argument("--reason", default="", help="why a new key is made (rotation)")

    def handle(self, *args: Any, action: str, reason: str, **options: Any) -> None:
        if action == "create":
            key = keys.create_key(reason=reason)
            self.stdout.write(f"Created {key.key_id} ({key.public_key_multibase}).")
            self.stdout.write(f"Issuer: {keys.issuer_did()}")
            if pdfsign.certificate() is None:
                path = pdfsign.create_self_signed()
                self.stdout.write(f"Self-signed PDF signing certificate: {path}")
            return
        published = IssuerKey.objects.all()
        if not published:
            raise CommandError("No keys yet: run `manage.py credentials_keys create`.")
        for key in published:
            state = f"retired {key.retired_at:%Y-%m-%d}" if key.retired_at else "signing"
            self.stdout.write(f"{key.key_id}  {key.public_key_multibase}  {state}")
