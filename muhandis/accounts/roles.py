"""The roles a person can hold in the association, and what each requires."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ENGINEER = "engineer", _("Engineer / candidate")
    EMPLOYER = "employer", _("Employer representative")
    TRAINER = "trainer", _("Trainer")
    EXAMINER = "examiner", _("Examiner / assessor")
    COMMITTEE = "committee", _("Certification committee member")
    REGISTRAR = "registrar", _("Registrar")
    TRAINING_MANAGER = "training_manager", _("Training manager")
    ADMIN = "admin", _("Association administrator")
    REPORT_VIEWER = "report_viewer", _("Report viewer")
    MODERATOR = "moderator", _("Community moderator")


# Roles whose pages stay closed until the person has turned on two-factor authentication.
TWO_FACTOR_ROLES = frozenset(
    {
        Role.EXAMINER,
        Role.COMMITTEE,
        Role.REGISTRAR,
        Role.TRAINING_MANAGER,
        Role.ADMIN,
        Role.MODERATOR,
    }
)
# Roles that work in the Django admin on reference data.
STAFF_ROLES = frozenset({Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN})


def requires_two_factor(role: str) -> bool:
    return role in TWO_FACTOR_ROLES
