from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "muhandis.forum"
    label = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group
        from muhandis.core.audit import describe_actions, describe_fields

        from . import audit_labels
        from .services import notices

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        add_menu_group("community", _("Community"), order=70)
        notices.register_kinds()
        self.add_sections()
        self.add_pages()

    def add_sections(self) -> None:
        """The moderators' dashboard shows the review queue."""
        from muhandis.accounts.dashboard import add_section

        from .permissions import MODERATORS
        from .selectors import moderation

        for role in MODERATORS:
            add_section(role, moderation.dashboard_review_queue)

    def add_pages(self) -> None:
        """Menu links of the forum's pages: asking for everyone signed in, the review queue for
        moderators."""
        from muhandis.accounts.menu import add_staff_link

        from .permissions import MODERATORS

        add_staff_link("forum:index", _("Questions and answers"), None, group="community")
        add_staff_link("forum:ask", _("Ask a question"), None, group="community")
        add_staff_link("forum:review", _("Forum review queue"), MODERATORS, group="community")
