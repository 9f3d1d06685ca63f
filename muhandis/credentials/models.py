"""Documents that prove a certificate: the PDF made once at issue, with its SHA-256."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from muhandis.certification.models import Certificate


def document_path(instance: "CertificateDocument", filename: str) -> str:
    return f"certificates/{instance.certificate.public_id}.pdf"


class CertificateDocument(models.Model):
    """The PDF of a certificate as issued; later edits of a profile never change it."""

    certificate = models.OneToOneField(
        Certificate, on_delete=models.PROTECT, related_name="document"
    )
    file = models.FileField(upload_to=document_path)
    language = models.CharField(_("language"), max_length=5)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate document")
        verbose_name_plural = _("certificate documents")

    def __str__(self) -> str:
        return f"{self.certificate.number}.pdf"
