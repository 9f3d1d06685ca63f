"""What the audit trail's credential actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS = {
    "credentials.document.created": _("PDF certificate made"),
    "credentials.document.held": _("PDF certificate waiting: the signing key cannot be used"),
    "credentials.documents.exported": _("Certificate PDFs of a scheme downloaded"),
    "credentials.credential.issued": _("Verifiable credential issued"),
    "credentials.credential.refreshed": _("Verifiable credential signed again"),
    "credentials.credential.signed_by_api": _("Credential signed through the VC API"),
    "credentials.api_credential.status_changed": _(
        "Status of a credential signed through the VC API changed"
    ),
    "credentials.key.created": _("Signing key created"),
    "credentials.completion.issued": _("Credential of a completed course issued"),
    "credentials.completion.document_created": _("Certificate of completion made"),
    "credentials.completion.held": _(
        "Certificate of completion waiting: the signing key cannot be used"
    ),
}

SENTENCES = {
    "credentials.document.created": _("The PDF of certificate %(target)s was made"),
    "credentials.document.held": _(
        "The PDF of certificate %(target)s waits: the signing key cannot be used"
    ),
    "credentials.documents.exported": _("%(actor)s downloaded the certificate PDFs of a scheme"),
    "credentials.credential.issued": _(
        "The verifiable credential of certificate %(target)s was issued"
    ),
    "credentials.credential.refreshed": _(
        "The verifiable credential of certificate %(target)s was signed again"
    ),
    "credentials.credential.signed_by_api": _("%(actor)s had a credential signed by the VC API"),
    "credentials.api_credential.status_changed": _(
        "%(actor)s changed the status of the credential %(target)s signed through the VC API"
    ),
    "credentials.key.created": _("%(actor)s created the signing key %(target)s"),
    "credentials.completion.issued": _(
        "The credential of the completed course %(target)s was issued"
    ),
    "credentials.completion.document_created": _(
        "The certificate of completion of %(target)s was made"
    ),
    "credentials.completion.held": _(
        "The certificate of completion of %(target)s waits: the signing key cannot be used"
    ),
}

FIELDS = {
    "key": _("signing key"),
    "key_id": _("signing key"),
    "retired": _("keys retired"),
    "revocation": _("revocation list position"),
    "revoked": pgettext_lazy("credential status", "revoked"),
    "suspended": pgettext_lazy("credential status", "suspended"),
    "suspension": _("suspension list position"),
}
