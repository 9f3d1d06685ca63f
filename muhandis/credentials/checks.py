"""System checks of the credentials app (``manage.py check``, and at every start-up)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db import DatabaseError

from . import pdfsign
from .services import keys


def pdf_signing(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Warn when PDF signing is set up but its certificate or key cannot be used: certificate
    PDFs then wait instead of being made."""
    problem = pdfsign.problem()
    if problem is None:
        return []
    return [
        checks.Warning(
            f"Certificate PDFs cannot be signed, so they are not made: {problem}",
            hint=(
                "Replace the certificate and key (CREDENTIALS_PDF_CERT_FILE and "
                "CREDENTIALS_PDF_KEY_FILE, or `manage.py credentials_keys create` for a "
                "self-signed pair), then run `manage.py make_missing_documents`."
            ),
            id="credentials.W001",
        )
    ]


def credential_signing(
    app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Warn when an issuer key is published but its private half cannot be used: verifiable
    credentials of new certificates are then not signed."""
    if not databases:
        return []
    try:
        if keys.active_key() is None:
            return []
        keys.signing_key()
    except keys.KeyMissing as exc:
        return [
            checks.Warning(
                f"Verifiable credentials cannot be signed: {exc}",
                hint=(
                    "Put the private key back (CREDENTIALS_KEY_DIR or CREDENTIALS_SIGNING_KEY), "
                    "or make a new one with `manage.py credentials_keys create`, then run "
                    "`manage.py make_missing_documents`."
                ),
                id="credentials.W002",
            )
        ]
    except DatabaseError:
        return []  # not migrated yet: nothing is issued either
    return []
