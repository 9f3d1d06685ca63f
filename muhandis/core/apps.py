from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "muhandis.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .validators import install_form_check

        install_form_check()
