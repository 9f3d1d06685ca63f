from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "muhandis.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from muhandis.core.audit import describe_actions, describe_fields

        from . import audit_labels

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        self.register_notices()
        self.add_pages()

    def register_notices(self) -> None:
        from muhandis.notifications.services import register_kind

        group = _("Mentoring")
        register_kind(
            "mentoring.paired", _("You are paired with a mentor or a mentee"), group=group
        )
        register_kind("mentoring.ended", _("Your mentoring pair has ended"), group=group)
        register_kind(
            "mentoring.meeting",
            _("The other member of your pair logged a meeting"),
            group=group,
            email="digest",
        )

    def add_pages(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link

        from .permissions import STAFF

        add_menu_group("community", _("Community"), order=70)
        add_staff_link("mentoring:mine", _("My mentoring"), None, group="community")
        add_staff_link(
            "mentoring:staff_programmes", _("Mentoring programmes"), set(STAFF), group="community"
        )
        add_staff_link("mentoring:outcomes", _("Mentoring outcomes"), set(STAFF), group="community")
