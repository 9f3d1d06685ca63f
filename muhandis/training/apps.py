from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "muhandis.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from muhandis.core.audit import describe_actions, describe_fields

        from .audit_labels import FIELDS, LABELS, SENTENCES

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS)
