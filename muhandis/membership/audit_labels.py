"""What the audit trail's membership actions mean, for the pages staff read."""

LABELS: dict = {}
SENTENCES: dict = {}
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
