from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "muhandis.opportunities"
    label = "opportunities"
    verbose_name = _("Business opportunities")

    def ready(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role
        from muhandis.core.audit import describe_actions, describe_fields
        from muhandis.notifications.services import register_kind

        from . import audit_labels
        from .permissions import STAFF
        from .selectors import dashboard

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        register_kind(
            "opportunities.digest",
            _("New business opportunities for your firm (weekly)"),
            group=_("Business opportunities"),
            email="now",
        )
        register_kind(
            "opportunities.withdrawn",
            _("A moderator withdrew your opportunity"),
            group=_("Business opportunities"),
            email="now",
        )
        add_menu_group("community", _("Community"), order=70)
        add_staff_link(
            "opportunities:matches", _("Opportunities for my firm"), None, group="community"
        )
        add_staff_link(
            "opportunities:manage", _("Opportunities board"), set(STAFF), group="community"
        )
        add_staff_link("opportunities:import", _("Import tenders"), set(STAFF), group="community")
        add_section(Role.EMPLOYER, dashboard.dashboard_matches)
