"""What each verification check and each reason code means, in the reader's language."""

from django.utils.translation import gettext_lazy as _

from .vc import verifier

CHECK_NAMES = {
    verifier.FORMAT: _("File format"),
    verifier.SIGNATURE: _("Signature"),
    verifier.ISSUER: _("Issuer"),
    verifier.DATES: _("Dates of validity"),
    verifier.REVOCATION: _("Not withdrawn"),
    verifier.SUSPENSION: _("Not suspended"),
}
REASONS = {
    "ok": _("Passed."),
    "malformed": _("This is not a credential: upload the .json file or the VC-JWT."),
    "unknown_key": _("The key that signed it is not one this association publishes."),
    "bad_signature": _("The signature does not match: the credential was changed after signing."),
    "unknown_context": _("It uses a JSON-LD context this verifier does not know."),
    "issuer_mismatch": _("The issuer named in it is not the one who signed it."),
    "untrusted_issuer": _("The issuer is not trusted here."),
    "bad_dates": _("Its dates cannot be read."),
    "not_yet_valid": _("It is not valid yet."),
    "expired": _("Its validity has ended."),
    "revoked": _("The certificate was withdrawn or replaced."),
    "suspended": _("The certificate is suspended."),
    "status_unavailable": _("Its status list could not be checked."),
    "unsupported_cryptosuite": _(
        "Its proof uses a cryptosuite this verifier does not accept (only eddsa-rdfc-2022)."
    ),
    "stale_status_list": _("The status list given is out of date: fetch it again."),
}


def reason(code: str, detail: str = "") -> str:
    """The translated reason for ``code`` (the English detail when the code is unknown)."""
    return str(REASONS[code]) if code in REASONS else detail
