from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "muhandis.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from muhandis.core.audit import describe_actions, describe_fields

        from .providers import admin  # noqa: F401  (registers the providers' tables)
        from .providers.audit_labels import FIELDS, LABELS, SENTENCES

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS)
