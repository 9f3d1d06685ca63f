from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import selectors
from .roles import STAFF_ROLES, Role

# (url name, label, roles that see it; empty for everyone signed in)
_STAFF_LINKS = (
    ("accounts:people", _("People and roles"), {Role.ADMIN}),
    ("accounts:audit", _("Audit trail"), {Role.REGISTRAR, Role.ADMIN}),
    ("accounts:deletion_requests", _("Deletion requests"), {Role.REGISTRAR}),
    ("certification:registrar_queue", _("Applications"), {Role.REGISTRAR}),
    ("certification:bulk_import", _("Import certificates"), {Role.REGISTRAR}),
    ("certification:my_assessments", _("My assessments"), {Role.EXAMINER}),
    ("certification:committee_queue", _("Committee decisions"), {Role.COMMITTEE}),
    ("cpd:verification_queue", _("CPD verification"), {Role.REGISTRAR}),
    ("cpd:committee_renewals", _("Renewals"), {Role.COMMITTEE}),
    ("appeals:appeals_queue", _("Appeals"), {Role.REGISTRAR}),
    ("appeals:complaints_queue", _("Complaints"), {Role.REGISTRAR}),
    ("appeals:panels", _("Appeal panels"), {Role.COMMITTEE}),
    ("exams:bank_list", _("Item bank"), {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:staff_sittings", _("Exam sittings"), {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:staff_marking", _("Essays to mark"), {Role.EXAMINER}),
    ("exams:analysis_index", _("Item analysis"), {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:staff_blueprints", _("Exam blueprints"), {Role.REGISTRAR}),
    (
        "exams:angoff_studies",
        _("Standard setting"),
        {Role.REGISTRAR, Role.EXAMINER, Role.COMMITTEE},
    ),
    ("accounts:outbox", _("Outbox"), {Role.REGISTRAR, Role.ADMIN}),
)


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    usable = selectors.usable_roles(user)
    role_links = [
        (reverse("accounts:role_dashboard", args=[role.value]), role.label)
        for role in Role
        if role in usable
    ]
    staff_links = [(reverse(name), label) for name, label, roles in _STAFF_LINKS if usable & roles]
    return {
        "nav_role_links": role_links,
        "nav_staff_links": staff_links,
        "nav_admin_site": bool(usable & STAFF_ROLES),
        "nav_needs_two_factor": selectors.roles_of(user) != usable,
    }
