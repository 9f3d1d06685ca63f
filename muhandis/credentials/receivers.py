from . import services


def make_pdf_on_issue(sender, certificate, **kwargs) -> None:
    services.make_certificate_document(certificate=certificate)
