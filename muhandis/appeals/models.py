"""Appeals against certification decisions, and complaints about certified people.

Personal data: everything in an appeal (grounds, evidence) and in a complaint (the
complainant's name, email and description, the evidence and the investigation notes). None of
it is shown in the public register; the holder of a certificate never learns who complained.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.certification.models import Application, Certificate, CertificateStatusChange
from muhandis.core.models import PublicIdModel, TimeStampedModel


def appeal_evidence_path(instance: "Appeal", filename: str) -> str:
    # A random stored name: the original name is personal data and is kept in the row.
    return f"appeals/{instance.public_id}/{uuid.uuid4().hex}"


def complaint_evidence_path(instance: "Complaint", filename: str) -> str:
    return f"complaints/{instance.public_id}/{uuid.uuid4().hex}"


class Appeal(PublicIdModel, TimeStampedModel):
    """A person's appeal against one decision that affected them.

    ``decision_key`` names the appealed decision (``eligibility:<application>``,
    ``decision:<decision>`` or ``status_change:<change>``), so that a decision has at most one
    open appeal. An upheld appeal does not change anything by itself: it records that the
    original decision is to be reviewed, and staff act on it."""

    class Kind(models.TextChoices):
        ELIGIBILITY = "eligibility", _("Rejection of eligibility")
        DECISION = "decision", _("Certification committee decision")
        STATUS_CHANGE = "status_change", _("Change of certificate status")

    class Status(models.TextChoices):
        LODGED = "lodged", _("Lodged, waiting for the registrar")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged, panel being formed")
        UNDER_REVIEW = "under_review", _("Under review by the appeal panel")
        UPHELD = "upheld", _("Upheld: the decision is to be reviewed")
        DISMISSED = "dismissed", _("Dismissed")

    OPEN = (Status.LODGED, Status.ACKNOWLEDGED, Status.UNDER_REVIEW)

    appellant = models.ForeignKey(
        "accounts.User",
        verbose_name=_("appellant"),
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    kind = models.CharField(_("decision appealed"), max_length=20, choices=Kind.choices)
    decision_key = models.CharField(max_length=60, editable=False)
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status_change = models.ForeignKey(
        CertificateStatusChange,
        verbose_name=_("status change"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_on = models.DateTimeField(_("decision taken"))
    grounds = models.TextField(_("grounds of appeal"))
    evidence = models.FileField(_("evidence"), upload_to=appeal_evidence_path, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(max_length=50, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.LODGED
    )
    respond_by = models.DateField(_("respond by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    outcome_reasons = models.TextField(_("reasons of the panel"), blank=True)

    class Meta:
        ordering = ["respond_by", "created_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(
                fields=["decision_key"],
                condition=Q(status__in=["lodged", "acknowledged", "under_review"]),
                name="appeals_one_open_appeal_per_decision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.appellant} – {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class PanelMember(models.Model):
    """A committee member on an appeal's panel, and their vote once cast."""

    class Vote(models.TextChoices):
        UPHOLD = "uphold", _("Uphold the appeal")
        DISMISS = "dismiss", _("Dismiss the appeal")

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="panel")
    member = models.ForeignKey(
        "accounts.User", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    appointed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("appointed by"), on_delete=models.PROTECT, related_name="+"
    )
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    voted_at = models.DateTimeField(_("voted"), null=True, blank=True)

    class Meta:
        ordering = ["appointed_at", "id"]
        verbose_name = _("appeal panel member")
        verbose_name_plural = _("appeal panel members")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "member"], name="appeals_panel_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.appeal}: {self.member}"


class Complaint(PublicIdModel, TimeStampedModel):
    """A complaint by anyone about the holder of a certificate.

    The complainant's identity stays with staff: the holder is told only that a complaint was
    opened. A substantiated complaint changes no certificate by itself."""

    class Relation(models.TextChoices):
        CLIENT = "client", _("Client of the engineer")
        EMPLOYER = "employer", _("Employer")
        COLLEAGUE = "colleague", _("Colleague")
        PUBLIC = "public", _("Member of the public")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, waiting for acknowledgement")
        INVESTIGATING = "investigating", _("Under investigation")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        SUBSTANTIATED = "substantiated", _("Substantiated")
        NOT_SUBSTANTIATED = "not_substantiated", _("Not substantiated")
        WITHDRAWN = "withdrawn", _("Withdrawn by the complainant")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("your email"))
    relation = models.CharField(
        _("how you know the engineer"), max_length=20, choices=Relation.choices
    )
    description = models.TextField(_("what happened"))
    language = models.CharField(_("language"), max_length=10)
    evidence = models.FileField(_("evidence"), upload_to=complaint_evidence_path, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(max_length=50, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    acknowledge_by = models.DateField(_("acknowledge by"))
    resolve_by = models.DateField(_("resolve by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    investigator = models.ForeignKey(
        "accounts.User",
        verbose_name=_("investigator"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField(_("reasons"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["resolve_by", "created_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.reference


class ComplaintNote(models.Model):
    """A note of the investigation, seen by staff only."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        "accounts.User", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("investigation note")
        verbose_name_plural = _("investigation notes")

    def __str__(self) -> str:
        return f"{self.complaint}: {self.created_at:%Y-%m-%d}"
