"""What the audit trail's accounts actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

from .models import EmploymentRelation, TokenScope, User
from .roles import Role

LABELS = {
    "accounts.person.registered": _("Person registered"),
    "accounts.profile.updated": _("Profile changed"),
    "accounts.role.granted": _("Role granted"),
    "accounts.role.revoked": _("Role taken away"),
    "accounts.session.signed_in": _("Signed in"),
    "accounts.session.signed_out": _("Signed out"),
    "accounts.session.sign_in_failed": _("Sign-in failed"),
    "accounts.two_factor.added": _("Two-factor authentication added"),
    "accounts.two_factor.removed": _("Two-factor authentication removed"),
    "accounts.two_factor.reset": _("Recovery codes renewed"),
    "accounts.data.exported": _("Personal data downloaded"),
    "accounts.deletion.requested": _("Deletion of personal data requested"),
    "accounts.deletion.confirmed": _("Deletion of personal data confirmed"),
    "accounts.deletion.rejected": _("Deletion of personal data refused"),
    "accounts.person.anonymised": _("Personal data removed"),
    "accounts.person.disabled": _("Account closed"),
    "accounts.person.enabled": _("Account opened again"),
    "accounts.organisation.created": _("Organisation registered"),
    "accounts.employment.linked": _("Link to an organisation added"),
    "accounts.employment.ended": _("Link to an organisation ended"),
    "accounts.token.created": _("Access token created"),
    "accounts.token.revoked": _("Access token revoked"),
    "accounts.token_rule.changed": _("Token rule of a role changed"),
}

SENTENCES = {
    "accounts.person.registered": _("%(actor)s registered"),
    "accounts.profile.updated": _("%(actor)s changed the profile of %(target)s"),
    "accounts.role.granted": _("%(actor)s gave %(target)s a role"),
    "accounts.role.revoked": _("%(actor)s took a role away from %(target)s"),
    "accounts.session.signed_in": _("%(actor)s signed in"),
    "accounts.session.signed_out": _("%(actor)s signed out"),
    "accounts.session.sign_in_failed": _("A sign-in failed"),
    "accounts.two_factor.added": _("%(actor)s turned on two-factor authentication"),
    "accounts.two_factor.removed": _("%(actor)s removed a two-factor authentication method"),
    "accounts.two_factor.reset": _("%(actor)s made new recovery codes"),
    "accounts.data.exported": _("%(actor)s downloaded their personal data"),
    "accounts.deletion.requested": _("%(actor)s asked for their personal data to be deleted"),
    "accounts.deletion.confirmed": _(
        "%(actor)s confirmed the deletion of the personal data of %(target)s"
    ),
    "accounts.deletion.rejected": _(
        "%(actor)s refused the deletion of the personal data of %(target)s"
    ),
    "accounts.person.anonymised": _("%(actor)s removed the personal data of %(target)s"),
    "accounts.person.disabled": _("%(actor)s closed the account of %(target)s"),
    "accounts.person.enabled": _("%(actor)s opened the account of %(target)s again"),
    "accounts.organisation.created": _("%(actor)s registered the organisation “%(target)s”"),
    "accounts.employment.linked": _("%(actor)s linked %(target)s to an organisation"),
    "accounts.employment.ended": _("%(actor)s ended the link of %(target)s to an organisation"),
    "accounts.token.created": _("%(actor)s created an access token"),
    "accounts.token.revoked": _("%(actor)s revoked an access token"),
    "accounts.token_rule.changed": _("%(actor)s changed which access tokens a role may hold"),
}

FIELDS = {
    "roles": _("roles"),
    "role": _("role"),
    "fields": _("changed fields"),
    "organisation": _("organisation"),
    "relation": _("relation"),
    "token": _("token"),
    "scope": _("scope"),
    "tax_number": _("tax number (STIR)"),
    "type": _("method"),
}


def values() -> dict[str, dict]:
    return {
        "roles": dict(Role.choices),
        "role": dict(Role.choices),
        "relation": dict(EmploymentRelation.choices),
        "scope": dict(TokenScope.choices),
        "type": {"totp": _("authenticator app"), "recovery_codes": _("recovery codes")},
        "fields": {f.name: f.verbose_name for f in User._meta.get_fields() if f.concrete},
    }
