from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CpdConfig(AppConfig):
    name = "muhandis.cpd"
    label = "cpd"
    verbose_name = _("Continuing professional development")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role
        from muhandis.certification.panels import add_panel
        from muhandis.core.audit import describe_actions

        add_panel("certificate", "cpd/_progress.html")

        describe_actions(
            {
                "cpd.activity.recorded": _("CPD activity recorded"),
                "cpd.activity.updated": _("CPD activity changed"),
                "cpd.activity.deleted": _("CPD activity deleted"),
                "cpd.activity.verified": _("CPD activity verified"),
                "cpd.activity.rejected": _("CPD activity not accepted"),
                "cpd.audit.sample_drawn": _("CPD audit sample drawn"),
                "cpd.renewal.applied": _("Renewal applied for"),
                "cpd.renewal.voted": _("Committee vote on a renewal"),
                "cpd.renewal.decided": _("Renewal decided"),
            }
        )
        add_menu_group("cpd", _("Professional development"), order=50)
        add_staff_link("cpd:ledger", _("My CPD"), None, group="cpd")
        add_staff_link(
            "cpd:verification_queue", _("CPD verification"), {Role.REGISTRAR}, group="cpd"
        )
        add_staff_link("cpd:committee_renewals", _("Renewals"), {Role.COMMITTEE}, group="cpd")
