from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "muhandis.credentials"
    label = "credentials"
    verbose_name = _("Credentials")

    def ready(self) -> None:
        from muhandis.certification.signals import certificate_issued
        from muhandis.core.audit import describe_actions

        from .receivers import make_pdf_on_issue

        certificate_issued.connect(make_pdf_on_issue, dispatch_uid="credentials.pdf_on_issue")
        describe_actions({"credentials.document.created": _("PDF certificate made")})
