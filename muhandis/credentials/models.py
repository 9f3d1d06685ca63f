"""Documents that prove a certificate: the PDF made once at issue, with its SHA-256."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from muhandis.certification.models import Certificate
from muhandis.training.models import Enrolment


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


class IssuerKey(models.Model):
    """An Ed25519 key the association signs credentials with. Only the public half is stored
    here; the private key lives in a file (CREDENTIALS_KEY_DIR) or in the environment
    (CREDENTIALS_SIGNING_KEY). Retired keys no longer sign but stay published, so credentials
    signed with them keep verifying."""

    key_id = models.CharField(_("key id"), max_length=40, unique=True)
    public_key_multibase = models.CharField(_("public key"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")

    def __str__(self) -> str:
        return self.key_id


STATUS_LIST_LENGTH = 131_072  # entries; the minimum the specification asks for (herd privacy)


def empty_bits() -> bytes:
    return bytes(STATUS_LIST_LENGTH // 8)


class StatusList(models.Model):
    """A W3C Bitstring Status List: one bit per credential, for revocation or suspension."""

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("revocation")
        SUSPENSION = "suspension", _("suspension")

    LENGTH = STATUS_LIST_LENGTH

    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    number = models.PositiveIntegerField(_("number"))
    bits = models.BinaryField(default=empty_bits)
    allocated = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["purpose", "number"], name="credentials_list_once")
        ]

    def __str__(self) -> str:
        return f"{self.purpose}/{self.number}"


class IssuedCredential(models.Model):
    """The verifiable credential of a certificate: the signed JSON-LD document and its VC-JWT,
    with its places in the revocation and suspension lists."""

    certificate = models.OneToOneField(
        Certificate, on_delete=models.PROTECT, related_name="credential"
    )
    document = models.JSONField()
    jwt = models.TextField()
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="+")
    revocation_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    revocation_index = models.PositiveIntegerField()
    suspension_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    suspension_index = models.PositiveIntegerField()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("verifiable credential")
        verbose_name_plural = _("verifiable credentials")
        constraints = [
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"], name="credentials_revocation_slot"
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"], name="credentials_suspension_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate.number} credential"


class ApiCredential(models.Model):
    """A credential signed through the VC API with status entries (when the request asked for
    them), so that an authorised caller can revoke or suspend it later. Only its id and its
    places in the lists are kept: its claims belong to the system that sent it."""

    credential_id = models.CharField(_("credential id"), max_length=500, unique=True)
    revocation_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    revocation_index = models.PositiveIntegerField()
    suspension_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    suspension_index = models.PositiveIntegerField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("credential issued through the VC API")
        verbose_name_plural = _("credentials issued through the VC API")
        constraints = [
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"],
                name="credentials_api_revocation_slot",
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"],
                name="credentials_api_suspension_slot",
            ),
        ]

    def __str__(self) -> str:
        return self.credential_id


def completion_path(instance: "CompletionCredential", filename: str) -> str:
    return f"completions/{instance.public_id}.pdf"


class CompletionCredential(models.Model):
    """What a participant receives on completing a course with the association: a certificate
    of completion (PDF, made once) and its Open Badges 3.0 credential, signed by the same key
    and with the same status lists as the certification credentials."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="completion_credential"
    )
    language = models.CharField(_("language"), max_length=5)
    # The PDF; empty while the PDF signing key cannot be used (made later, see services).
    file = models.FileField(upload_to=completion_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    # The signed credential; empty while the association has no issuer key.
    document = models.JSONField(null=True, blank=True)
    jwt = models.TextField(blank=True)
    key = models.ForeignKey(
        IssuerKey, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_index = models.PositiveIntegerField(null=True, blank=True)
    suspension_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    suspension_index = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate of completion")
        verbose_name_plural = _("certificates of completion")
        constraints = [
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"],
                name="credentials_completion_revocation_slot",
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"],
                name="credentials_completion_suspension_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} completion"
