"""System checks of the credentials app (``manage.py check``, and at every start-up)."""

from django.core import checks

from . import pdfsign


def pdf_signing(app_configs, **kwargs) -> list[checks.CheckMessage]:
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
