"""People, their roles and organisations.

Personal data (never shown publicly): every profile field of ``User``, ``Employment`` rows,
``DeletionRequest`` reasons. Gender is used only for anonymous, aggregated statistics.
The public register (a later app) may show a certified person's name in Latin and Cyrillic,
their certificates and their employer, nothing else.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel
from muhandis.core.transliteration import search_key

from .roles import Role
from .validators import validate_phone, validate_pinfl


class Country(models.TextChoices):
    UZBEKISTAN = "UZ", _("Uzbekistan")
    KAZAKHSTAN = "KZ", _("Kazakhstan")


class Region(models.Model):
    """A first-level administrative region (ISO 3166-2); reference data with a translated name."""

    code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["country", "sort_order", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class EducationLevel(models.TextChoices):
    SECONDARY_SPECIALISED = "secondary_specialised", _("Secondary specialised (college, technikum)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree or specialist diploma")
    CANDIDATE = "candidate", _("Candidate of sciences or PhD")
    DOCTOR = "doctor", _("Doctor of sciences (DSc)")
    OTHER = "other", _("Other")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(PublicIdModel, AbstractBaseUser, PermissionsMixin):
    """A person: their account and their profile. All profile fields are personal data."""

    email = models.EmailField(_("email address"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    name_latin = models.CharField(
        _("full name in Latin script"),
        max_length=200,
        blank=True,
        help_text=_("As in your passport, e.g. Dilnoza Karimova."),
    )
    name_cyrillic = models.CharField(
        _("full name in Cyrillic script"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Дилноза Каримова."),
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    pinfl = models.CharField(
        _("PINFL (personal identification number)"),
        max_length=14,
        blank=True,
        validators=[validate_pinfl],
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    employer_name = models.CharField(
        _("employer"),
        max_length=200,
        blank=True,
        help_text=_("If your organisation is not registered in Muhandis yet."),
    )
    education_level = models.CharField(
        _("highest education"), max_length=30, choices=EducationLevel.choices, blank=True
    )
    education_institution = models.CharField(_("institution"), max_length=200, blank=True)
    education_field = models.CharField(_("field of study"), max_length=200, blank=True)
    graduation_year = models.PositiveSmallIntegerField(
        _("year of graduation"), null=True, blank=True
    )
    preferred_language = models.CharField(
        _("language for messages"), max_length=5, choices=settings.LANGUAGES, default="uz"
    )
    contact_in_register = models.BooleanField(
        _("show my email and phone in the public register"),
        default=False,
        help_text=_("Clients and employers can then contact you about your certificates."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # Every spelling of the person's name reduced to one Latin key (core.transliteration), so
    # that a search typed in either script is answered by the database.
    search_name = models.CharField(max_length=800, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["pinfl"], condition=~Q(pinfl=""), name="accounts_user_pinfl_unique"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    NAME_FIELDS = frozenset(
        {"given_name", "family_name", "patronymic", "name_latin", "name_cyrillic"}
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        parts = (getattr(self, name) for name in sorted(self.NAME_FIELDS))
        self.search_name = search_key(" ".join(p for p in parts if p))[:800]
        fields = kwargs.get("update_fields")
        if fields is not None and self.NAME_FIELDS & set(fields):
            kwargs["update_fields"] = {*fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        full = " ".join(p for p in (self.given_name, self.family_name) if p)
        return full or self.name_latin or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.given_name or self.email


class RoleAssignment(models.Model):
    """A role an administrator gave a person. Revoking keeps the row, with its end."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(revoked_at__isnull=True),
                name="accounts_one_active_assignment_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class OrganisationKind(models.TextChoices):
    ENGINEERING_FIRM = "engineering_firm", _("Engineering or consulting firm")
    CONTRACTOR = "contractor", _("Construction contractor")
    UTILITY = "utility", _("Water or sanitation utility")
    UNIVERSITY = "university", _("University or training institution")
    GOVERNMENT = "government", _("Government body")
    OTHER = "other", _("Other")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("Micro (1–9 people)")
    SMALL = "small", _("Small (10–49 people)")
    MEDIUM = "medium", _("Medium (50–249 people)")
    LARGE = "large", _("Large (250 people or more)")


class Organisation(PublicIdModel, TimeStampedModel):
    """An engineering firm, utility, university or other body. Not personal data."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.UZBEKISTAN
    )
    tax_number = models.CharField(
        _("tax number"),
        max_length=12,
        help_text=_("STIR (9 digits) in Uzbekistan, BIN (12 digits) in Kazakhstan."),
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The name in either script reduced to one Latin key (core.transliteration).
    search_name = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "tax_number"], name="accounts_organisation_tax_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = search_key(self.name)[:400]
        fields = kwargs.get("update_fields")
        if fields is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "search_name"}
        super().save(*args, **kwargs)


class EmploymentRelation(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    REPRESENTATIVE = "representative", _("Representative")


class Employment(TimeStampedModel):
    """A person's link to an organisation, as employee or as its representative."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="employments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="employments"
    )
    relation = models.CharField(_("relation"), max_length=20, choices=EmploymentRelation.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "relation"],
                condition=Q(end_date__isnull=True),
                name="accounts_one_current_link_per_relation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation} ({self.get_relation_display()})"


class DeletionRequest(TimeStampedModel):
    """A person's request to delete their data, decided by a registrar."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a registrar")
        CONFIRMED = "confirmed", _("Confirmed: personal data anonymised")
        REJECTED = "rejected", _("Rejected")

    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="deletion_requests")
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="accounts_one_pending_deletion",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class TokenRule(models.Model):
    """Which personal access tokens the holders of a role may have, set by an administrator.

    A person's tokens are limited by the strictest rule among the roles they hold; a role
    without a rule allows read and read-write tokens, and a person holding no role may have
    none. The rule is checked when a token is created and every time it is used."""

    class Allowed(models.TextChoices):
        NONE = "none", _("No tokens")
        READ = "read", _("Read-only tokens")
        WRITE = "write", _("Read-only and read-write tokens")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, unique=True)
    allowed = models.CharField(_("tokens allowed"), max_length=5, choices=Allowed.choices)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        User,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["role"]
        verbose_name = _("token rule")
        verbose_name_plural = _("token rules")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_allowed_display()}"

    @property
    def scopes(self) -> frozenset[str]:
        return SCOPES_ALLOWED[self.allowed]


SCOPES_ALLOWED: dict[str, frozenset[str]] = {
    TokenRule.Allowed.NONE: frozenset(),
    TokenRule.Allowed.READ: frozenset({TokenScope.READ}),
    TokenRule.Allowed.WRITE: frozenset({TokenScope.READ, TokenScope.WRITE}),
}


class ApiToken(models.Model):
    """A personal access token for machine clients. Only a SHA-256 of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_id = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    scope = models.CharField(_("scope"), max_length=5, choices=TokenScope.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
