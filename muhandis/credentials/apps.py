from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "muhandis.credentials"
    label = "credentials"
    verbose_name = _("Credentials")

    def ready(self) -> None:
        from django.core import checks

        from muhandis.certification.panels import add_panel
        from muhandis.certification.signals import (
            certificate_changed,
            certificate_issued,
            certificate_status_changed,
        )
        from muhandis.core.audit import describe_actions, describe_fields

        from .audit_labels import FIELDS, LABELS, SENTENCES
        from .checks import credential_signing, pdf_signing
        from .receivers import make_pdf_on_issue, refresh_on_change, update_status_lists

        checks.register(pdf_signing, "credentials")
        checks.register(credential_signing, checks.Tags.database)
        certificate_issued.connect(make_pdf_on_issue, dispatch_uid="credentials.pdf_on_issue")
        add_panel("scheme_actions", "credentials/_scheme_documents.html")
        add_panel("certificate", "credentials/_document_waiting.html")
        add_panel("certificate", "credentials/_credential_downloads.html")
        add_panel("verify", "credentials/_verify_links.html")
        certificate_changed.connect(refresh_on_change, dispatch_uid="credentials.refresh")
        certificate_status_changed.connect(
            update_status_lists, dispatch_uid="credentials.status_lists"
        )
        from muhandis.training.signals import enrolment_completed

        from .receivers import issue_completion_on_complete

        enrolment_completed.connect(
            issue_completion_on_complete, dispatch_uid="credentials.completion_on_complete"
        )
        from muhandis.accounts.menu import add_staff_link
        from muhandis.accounts.roles import Role

        add_staff_link(
            "credentials:my_completions",
            _("My course certificates"),
            {Role.ENGINEER},
            group="training",
        )
        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS)
