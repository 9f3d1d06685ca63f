from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "muhandis.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from muhandis.core.audit import describe_actions

        from .audit_labels import LABELS

        describe_actions(LABELS)
