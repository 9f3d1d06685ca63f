"""What the audit trail's membership actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "membership.membership.applied": _("Applied for membership"),
    "membership.membership.approved": _("Membership approved"),
    "membership.membership.refused": _("Membership application refused"),
    "membership.membership.cancelled": _("Membership cancelled"),
    "membership.membership.status_changed": _("Membership status changed with the dates"),
    "membership.period.paid": _("Membership period paid"),
    "membership.period.cancelled": _("Membership invoice cancelled"),
    "membership.period.refunded": _("Membership period refunded"),
    "membership.period.renewal_invoiced": _("Membership renewal invoiced"),
}
SENTENCES: dict = {
    "membership.membership.applied": _("%(actor)s applied for the membership of %(target)s"),
    "membership.membership.approved": _("%(actor)s approved the membership of %(target)s"),
    "membership.membership.refused": _("%(actor)s refused the membership of %(target)s"),
    "membership.membership.cancelled": _("%(actor)s cancelled the membership of %(target)s"),
    "membership.membership.status_changed": _(
        "The status of the membership of %(target)s changed with the dates"
    ),
    "membership.period.paid": _("A period of the membership of %(target)s was paid"),
    "membership.period.cancelled": _(
        "The invoice of a period of the membership of %(target)s was cancelled"
    ),
    "membership.period.refunded": _("A period of the membership of %(target)s was refunded"),
    "membership.period.renewal_invoiced": _(
        "The renewal of the membership of %(target)s was invoiced"
    ),
}
FIELDS: dict = {}


def values() -> dict:
    return {}


def _pages_labels() -> None:
    """The actions of the membership types and the register."""
    from django.utils.translation import gettext_lazy

    LABELS.update(
        {
            "membership.type.created": gettext_lazy("Membership type created"),
            "membership.type.updated": gettext_lazy("Membership type changed"),
            "membership.register.exported": gettext_lazy("Membership register exported"),
        }
    )
    SENTENCES.update(
        {
            "membership.type.created": gettext_lazy(
                "%(actor)s created the membership type %(target)s"
            ),
            "membership.type.updated": gettext_lazy(
                "%(actor)s changed the membership type %(target)s"
            ),
            "membership.register.exported": gettext_lazy(
                "%(actor)s exported the membership register"
            ),
        }
    )


_pages_labels()
