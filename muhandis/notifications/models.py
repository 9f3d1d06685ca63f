"""Notices to a person: one centre per person, on the site and by email, in their language.

Every domain tells a person something through ``services.notify``; the person chooses, per
kind of notice, whether it shows on the site and whether it is emailed at once, in a daily
digest, or not at all (a kind may be marked required: its email cannot be switched off)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailChoice(models.TextChoices):
    NOW = "now", _("Email at once")
    DIGEST = "digest", _("In the daily digest")
    OFF = "off", _("No email")


class Notification(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    # Rendered once, in the person's language when the notice was made.
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    on_site = models.BooleanField(_("shown on the site"), default=True)
    # Waiting for the daily digest, or when it was emailed (at once or in a digest).
    awaiting_digest = models.BooleanField(_("waiting for the digest"), default=False)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["person", "on_site", "read_at"], name="notif_person_unread"),
            models.Index(
                fields=["awaiting_digest", "person"],
                name="notif_digest",
                condition=models.Q(awaiting_digest=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """A person's choice for one kind of notice; a kind without a row uses its defaults."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    on_site = models.BooleanField(_("show on the site"), default=True)
    email = models.CharField(
        _("email"), max_length=10, choices=EmailChoice.choices, default=EmailChoice.NOW
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notif_pref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind}"
