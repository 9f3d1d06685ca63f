"""Certification schemes, in the spirit of ISO/IEC 17024.

A scheme row is one version: a certificate records the version it was granted under, so an
active scheme is never edited; a change makes a new draft version with the same code. Nothing
here is personal data; titles and texts are translated content.
"""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muhandis.accounts.models import EducationLevel
from muhandis.competencies.models import Competency, Framework, code_validator
from muhandis.core.models import PublicIdModel, TimeStampedModel
from muhandis.core.transliteration import search_key


class PublicField(models.TextChoices):
    """Optional facts a scheme may publish in the register, beside the number, the holder's
    names, the scheme and the status (always public)."""

    REGION = "region", _("Region")
    SCOPE = "scope", _("Scope")
    LIMITATION = "limitation", _("Limitation of scope")
    VALID_FROM = "valid_from", _("Valid from")
    VALID_UNTIL = "valid_until", _("Valid until")
    EMPLOYER = "employer", _("Employer")


def default_public_fields() -> list[str]:
    return [
        PublicField.REGION,
        PublicField.SCOPE,
        PublicField.LIMITATION,
        PublicField.VALID_FROM,
        PublicField.VALID_UNTIL,
    ]


class CertificateLanguage(models.TextChoices):
    """The language of a certificate's PDF."""

    UZ = "uz", "Oʻzbekcha"
    RU = "ru", "Русский"
    EN = "en", "English"
    UZ_RU = "uz-ru", "Oʻzbekcha / Русский"


class Scheme(PublicIdModel, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Open for applications")
        RETIRED = "retired", _("Retired")

    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=255)
    level = models.CharField(
        _("level"), max_length=10, blank=True, help_text=_("For example I, II or III.")
    )
    scope = models.TextField(_("scope"), help_text=_("What a holder is certified to do."))
    framework = models.ForeignKey(
        Framework, verbose_name=_("competency framework"), on_delete=models.PROTECT
    )
    # Prerequisites
    education_level = models.CharField(
        _("minimum education"), max_length=30, choices=EducationLevel.choices, blank=True
    )
    experience_years = models.PositiveSmallIntegerField(
        _("years of relevant experience"), default=0
    )
    required_training = models.TextField(_("required training"), blank=True)
    referees_required = models.PositiveSmallIntegerField(
        _("referees required"), default=2, validators=[MaxValueValidator(5)]
    )
    # Validity and recertification
    validity_years = models.PositiveSmallIntegerField(
        _("validity (years)"), default=3, validators=[MinValueValidator(1)]
    )
    cpd_hours = models.PositiveSmallIntegerField(
        _("CPD hours to recertify"),
        default=150,
        help_text=_("Continuing professional development hours over the validity period."),
    )
    code_of_conduct = models.TextField(_("code of conduct"))
    fee = models.DecimalField(
        _("fee"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    fee_currency = models.CharField(_("currency"), max_length=3, default="UZS")
    public_fields = models.JSONField(
        _("fields shown in the public register"),
        default=default_public_fields,
        blank=True,
        help_text=_("Besides the number, the holder's name, the scheme and the status."),
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("days to appeal"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("How long after a decision an appeal may be lodged."),
    )
    activated_at = models.DateTimeField(_("opened"), null=True, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("certification scheme")
        verbose_name_plural = _("certification schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="certification_scheme_version"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(status="active"),
                name="certification_one_active_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class SchemeCompetency(models.Model):
    """A competency the scheme covers, and the proficiency a holder must show in it."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("required level"))

    class Meta:
        ordering = ["scheme", "competency__area__sort_order", "competency__sort_order"]
        verbose_name = _("scheme competency")
        verbose_name_plural = _("scheme competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "competency"], name="certification_competency_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}: {self.level}"


class AssessmentMethod(models.Model):
    class Kind(models.TextChoices):
        WRITTEN_EXAM = "written_exam", _("Written examination")
        PORTFOLIO = "portfolio", _("Portfolio review")
        INTERVIEW = "interview", _("Interview")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="methods")
    kind = models.CharField(_("method"), max_length=20, choices=Kind.choices)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    assessors = models.TextField(
        _("who may assess"),
        blank=True,
        help_text=_("For example: two assessors certified at level III in the same field."),
    )

    class Meta:
        ordering = ["scheme", "id"]
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="certification_method_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class CpdRequirement(models.Model):
    """The minimum CPD hours in one category over the validity period."""

    class Category(models.TextChoices):
        TECHNICAL = "technical", _("Technical and technological")
        MANAGEMENT = "management", _("Management, finance and economics")
        REGULATORY = "regulatory", _("Regulatory, legal and environmental")
        PROFESSIONAL = "professional", _("Ethics and professional practice")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="cpd_minimums")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    hours = models.PositiveSmallIntegerField(_("minimum hours"))

    class Meta:
        ordering = ["scheme", "category"]
        verbose_name = _("CPD minimum")
        verbose_name_plural = _("CPD minimums")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "category"], name="certification_cpd_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.hours}"


class Application(PublicIdModel, TimeStampedModel):
    """A candidate's application for certification under one scheme version.

    Personal data: everything in the application, its entries, referees and evidence.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, waiting for the registrar")
        INFO_REQUESTED = "info_requested", _("More information requested")
        ACCEPTED = "accepted", _("Accepted for assessment")
        REJECTED = "rejected", _("Not eligible")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        GRANTED = "granted", _("Certified")
        REFUSED = "refused", _("Certification refused")

    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.INFO_REQUESTED, Status.ACCEPTED)
    EDITABLE = (Status.DRAFT, Status.INFO_REQUESTED)

    candidate = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="applications"
    )
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    code_of_conduct_accepted_at = models.DateTimeField(null=True, blank=True)
    data_processing_accepted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    info_request = models.TextField(_("information requested"), blank=True)
    candidate_answer = models.TextField(_("your answer"), blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    certificate_language = models.CharField(
        _("language of the certificate"),
        max_length=5,
        choices=CertificateLanguage.choices,
        blank=True,
        help_text=_("Empty: the language you chose for this site."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "scheme"],
                condition=Q(status__in=["draft", "submitted", "info_requested", "accepted"]),
                name="certification_one_open_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.scheme.code}"

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE


class EducationEntry(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="education")
    level = models.CharField(_("level"), max_length=30, choices=EducationLevel.choices)
    institution = models.CharField(_("institution"), max_length=200)
    field = models.CharField(_("field of study"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year of graduation"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self) -> str:
        return f"{self.get_level_display()}, {self.institution}"


class ExperienceEntry(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="experience"
    )
    employer = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty if current."))
    duties = models.TextField(_("main duties"), blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("experience")
        verbose_name_plural = _("experience")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="certification_experience_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}, {self.employer}"


class Referee(models.Model):
    """Someone who confirms the candidate's experience through a single-use link."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referees")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    relation = models.CharField(
        _("how they know your work"),
        max_length=200,
        help_text=_("For example: my manager at Suvloyiha, 2019–2024."),
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed"), null=True, blank=True)
    confirmed_years = models.PositiveSmallIntegerField(_("years confirmed"), null=True, blank=True)
    statement = models.TextField(_("statement"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("referee")
        verbose_name_plural = _("referees")

    def __str__(self) -> str:
        return self.name


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is random: the original name is personal data and is kept in the row.
    import uuid

    return f"evidence/{instance.application.public_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        DIPLOMA = "diploma", _("Diploma")
        EMPLOYMENT = "employment", _("Employment record")
        TRAINING = "training", _("Training certificate")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class Outcome(models.TextChoices):
    GRANT = "grant", pgettext_lazy("certification decision", "Grant")
    LIMITED = "limited", _("Grant with limited scope")
    REFUSE = "refuse", _("Refuse")


class Assessment(TimeStampedModel):
    """An assessor's work on one accepted application. The assessor sees the file only after
    declaring that they have no conflict of interest."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Waiting for the conflict-of-interest declaration")
        CONFLICT = "conflict", _("Declined: conflict of interest")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="assessments"
    )
    assessor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED
    )
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Outcome.choices, blank=True
    )
    recommendation_note = models.TextField(_("reasons"), blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="certification_assessor_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.assessor}"


class Finding(models.Model):
    """What the assessor found for one competency of the scheme, and on what evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level shown"))
    evidence = models.TextField(pgettext_lazy("finding", "evidence"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["competency__area__sort_order", "competency__sort_order"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency"], name="certification_finding_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}: {self.level}"


class ExamResult(models.Model):
    """A written-examination score entered by an examiner (until online exams feed it)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="exam_results"
    )
    method = models.ForeignKey(AssessmentMethod, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score (%)"), validators=[MaxValueValidator(100)])
    passed = models.BooleanField(_("passed"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")

    def __str__(self) -> str:
        return f"{self.application}: {self.score}%"


class Vote(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("vote"), max_length=10, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    limitation = models.TextField(_("limitation of scope"), blank=True)
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        ordering = ["cast_at"]
        verbose_name = _("committee vote")
        verbose_name_plural = _("committee votes")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="certification_vote_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_outcome_display()}"


class Decision(models.Model):
    """The committee's decision on an application, taken by majority of at least two votes."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    limitation = models.TextField(_("limitation of scope"), blank=True)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("certification decision")
        verbose_name_plural = _("certification decisions")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"


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
