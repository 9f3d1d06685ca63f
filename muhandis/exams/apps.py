from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "muhandis.exams"
    label = "exams"
    verbose_name = _("Examinations")

    def ready(self) -> None:
        from muhandis.certification.panels import add_panel
        from muhandis.core.audit import describe_actions

        from .audit_labels import LABELS

        add_panel("application", "exams/_application_exam.html")
        describe_actions(LABELS)
