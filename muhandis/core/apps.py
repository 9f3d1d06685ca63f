from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "muhandis.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .audit import describe_fields
        from .audit_labels import FIELDS, VALUES
        from .validators import install_form_check

        describe_fields(FIELDS, values=VALUES)
        install_form_check()
