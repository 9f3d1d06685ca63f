"""Certificates as issued, their public status, the changes of their status, reminders and
verification counts."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muhandis.core.models import PublicIdModel, TimeStampedModel
from muhandis.core.transliteration import search_key

from .decisions import Decision
from .schemes import CertificateLanguage, Scheme


class CertificateCounter(models.Model):
    """The last certificate serial number issued in a year (a row lock serialises issuing)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class PublicStatus(models.TextChoices):
    """A certificate's status as everyone outside sees it (register, verification page, exports,
    API): the stored status, with a valid certificate past its last day shown as expired. The
    one list of these statuses, their labels and how to find them."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", pgettext_lazy("certificate status", "Withdrawn")
    REPLACED = "replaced", _("Replaced")

    @classmethod
    def of(cls, status: str, expiry_date: datetime.date, today: datetime.date) -> "PublicStatus":
        """The public status of a certificate stored with ``status`` and ``expiry_date``."""
        if status != cls.VALID:
            return cls(status)
        return cls.EXPIRED if today > expiry_date else cls.VALID

    def lookup(self, today: datetime.date) -> Q:
        """The certificates showing this status on ``today``."""
        if self == PublicStatus.VALID:
            return Q(status=PublicStatus.VALID, expiry_date__gte=today)
        if self == PublicStatus.EXPIRED:
            return Q(status=PublicStatus.VALID, expiry_date__lt=today)
        return Q(status=self.value)


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def showing(self, status: str, today: datetime.date) -> "CertificateQuerySet":
        """The certificates whose public status (see ``PublicStatus``) is ``status`` on
        ``today``: the register's filter, the export's, the reminders' and the expiries'."""
        return self.filter(PublicStatus(status).lookup(today))

    def named(self, text: str) -> "CertificateQuerySet":
        """The certificates whose holder's name, in either script, contains ``text`` (matched
        on the key ``Certificate.search_name_for`` stores)."""
        key = search_key(text)
        return self.filter(search_name__contains=key) if key else self.none()


class Certificate(PublicIdModel, TimeStampedModel):
    """A certificate, as issued. Holder's names and scope are copied at issue, so later edits
    of a profile or scheme never change it. The public register may show: number, holder's
    names, scheme and version, scope and limitation, dates and status."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", pgettext_lazy("certificate status", "Withdrawn")
        REPLACED = "replaced", _("Replaced")

    class Source(models.TextChoices):
        DECISION = "decision", _("Committee decision")
        IMPORT = "import", _("Imported record")
        REISSUE = "reissue", _("Re-issue")

    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    holder = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="certificates"
    )
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="certificates")
    # The granting decision; empty only for records imported from before Muhandis (source
    # "import", with the registrar and file recorded in the audit trail) and re-issues (which
    # name the certificate they replace, whose decision stands).
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="certificate", null=True, blank=True
    )
    source = models.CharField(
        _("issued by"), max_length=10, choices=Source.choices, default=Source.DECISION
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        related_name="replaced_by",
        null=True,
        blank=True,
        verbose_name=_("replaces"),
    )
    language = models.CharField(
        _("language of the certificate"),
        max_length=5,
        choices=CertificateLanguage.choices,
        default=CertificateLanguage.UZ,
    )
    holder_name_latin = models.CharField(_("name (Latin)"), max_length=200)
    holder_name_cyrillic = models.CharField(_("name (Cyrillic)"), max_length=200, blank=True)
    # Both spellings reduced to one Latin form, so that either finds the holder.
    search_name = models.CharField(max_length=400, blank=True, db_index=True, editable=False)
    limitation = models.TextField(_("limitation of scope"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    status_changed_at = models.DateTimeField(_("status since"), null=True, blank=True)
    effective_date = models.DateField(_("valid from"))
    expiry_date = models.DateField(_("valid until"))

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-number"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number

    @staticmethod
    def search_name_for(name_latin: str, name_cyrillic: str) -> str:
        """The ``search_name`` of a holder with these two spellings: the one key the register's
        name search matches, made the same way wherever a certificate is created."""
        return search_key(f"{name_latin} {name_cyrillic}")

    @property
    def status_history(self) -> models.QuerySet["CertificateStatusChange"]:
        """The suspensions, reinstatements, withdrawals and other changes, oldest first."""
        return self.status_changes.all()

    def public_status(self, today: datetime.date) -> PublicStatus:
        """The status as the register, the verification page and the API show it (the same
        rule as ``Certificate.objects.showing``)."""
        return PublicStatus.of(self.status, self.expiry_date, today)


class CertificateStatusChange(models.Model):
    """A suspension, reinstatement or withdrawal, with who decided and why.

    The register shows the dates and statuses; the reason stays with staff."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="status_changes"
    )

    class Action(models.TextChoices):
        SUSPEND = "suspend", _("Suspended")
        REINSTATE = "reinstate", _("Reinstated")
        WITHDRAW = "withdraw", pgettext_lazy("certificate action", "Withdrawn")
        REDUCE_SCOPE = "reduce_scope", _("Scope reduced")
        RENEW = "renew", _("Renewed")
        REPLACE = "replace", _("Replaced by a new certificate")

    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Certificate.Status.choices)
    to_status = models.CharField(max_length=10, choices=Certificate.Status.choices)
    # Scope reduction: the limitation before and after. Renewal: the expiry before and after.
    old_limitation = models.TextField(blank=True)
    new_limitation = models.TextField(_("limitation of scope"), blank=True)
    old_expiry_date = models.DateField(null=True, blank=True)
    new_expiry_date = models.DateField(_("valid until"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("certificate status change")
        verbose_name_plural = _("certificate status changes")

    def __str__(self) -> str:
        return f"{self.certificate}: {self.from_status} → {self.to_status}"


class ExpiryReminder(models.Model):
    """A reminder sent to a holder before expiry (90, 30 and 7 days); never sent twice."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="certification_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.days_before}"


class VerificationCount(models.Model):
    """How often a certificate was looked up on a day (page, API or QR code).

    Counts are gathered in memory and written in batches, so a verification stays one query."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="verification_counts"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "day"], name="certification_verification_count_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate} {self.day}: {self.count}"
