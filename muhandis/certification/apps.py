from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "muhandis.certification"
    label = "certification"
    verbose_name = _("Certification")
