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
    # Proofs (VC Data Integrity 1.0) and presentations.
    "no_proof": _("It has no proof."),
    "proof_expired": _("Its proof has expired."),
    "bad_proof_purpose": _(
        "Its proof has no proofPurpose, or not the purpose this check needs "
        "(assertionMethod for a credential, authentication for a presentation)."
    ),
    "unauthorised_purpose": _("The key that signed it is not authorised for the proof's purpose."),
    "holder_mismatch": _("The presentation is not signed by its holder."),
    "bad_challenge": _("The presentation's proof does not carry the challenge asked for."),
    "bad_domain": _("The presentation's proof does not carry the domain asked for."),
    # Rules of the VC Data Model; the error's "path" names the property at fault.
    "bad_context": _(
        "The @context must begin with https://www.w3.org/ns/credentials/v2 (or the VC 1.1 "
        "context) and hold only URLs and objects."
    ),
    "bad_type": _(
        "The type is missing or does not include VerifiableCredential (VerifiablePresentation "
        "for a presentation)."
    ),
    "bad_id": _("An identifier must be a single URL."),
    "bad_subject": _("The credential needs at least one subject with at least one claim."),
    "bad_issuer": _("The issuer must be a URL or an object whose id is a URL."),
    "bad_holder": _("The holder must be a URL or an object whose id is a URL."),
    "credential_not_object": _(
        "Each credential in a presentation must be a JSON object, not a string or a number."
    ),
    "bad_language_value": _(
        "A name or description must be a string or a language value object with only @value, "
        "@language and @direction."
    ),
    "invalid_date": _(
        "A date is missing or is not an XML Schema date-time with a time zone "
        "(for example 2026-01-31T12:00:00Z)."
    ),
    "missing_type": _(
        "credentialStatus, credentialSchema, refreshService, termsOfUse and evidence objects "
        "must each have a type."
    ),
    "bad_related_resource": _(
        "A related resource must have an id and a digestSRI or digestMultibase."
    ),
    "data_loss": _(
        "A term is not defined by the contexts (or does not expand to a URL), so it would be "
        "lost when signed."
    ),
}


def reason(code: str, detail: str = "") -> str:
    """The translated reason for ``code`` (the English detail when the code is unknown)."""
    return str(REASONS[code]) if code in REASONS else detail
