"""Course evaluations (Kirkpatrick levels 1 and 3): the questions, the personal requests sent
to participants (and, for the follow-up, their supervisors) and the answers.

Answers are personal. They hang on a request, which knows its enrolment, but results are read
only as aggregates and comments without names (``selectors/evaluation.py``)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enrolment import Enrolment


class EvaluationLevel(models.IntegerChoices):
    REACTION = 1, _("Level 1: reaction, at the end of the course")
    BEHAVIOUR = 3, _("Level 3: applying what was learned, months later")


class EvaluationAudience(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SUPERVISOR = "supervisor", _("Supervisor")


class EvaluationQuestion(models.Model):
    """One question of the questionnaire; the text is translated (uz, ru, en)."""

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        NPS = "nps", _("Likelihood to recommend, 0 to 10")
        YES_NO = "yes_no", _("Yes or no")
        TEXT = "text", _("Free text")

    key = models.SlugField(_("key"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)  # translated
    level = models.PositiveSmallIntegerField(_("level"), choices=EvaluationLevel.choices)
    audience = models.CharField(
        _("asked of"),
        max_length=12,
        choices=EvaluationAudience.choices,
        default=EvaluationAudience.PARTICIPANT,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    required = models.BooleanField(_("an answer is needed"), default=True)
    # The yes/no question whose "yes" share is the level 3 "applied what was learned" figure.
    measures_application = models.BooleanField(
        _("counts as applying what was learned"), default=False
    )
    active = models.BooleanField(_("asked"), default=True)

    class Meta:
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")
        ordering = ["level", "audience", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class EvaluationRequest(models.Model):
    """A personal, single-use link to one questionnaire, for one enrolment."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="evaluation_requests"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=EvaluationLevel.choices)
    audience = models.CharField(
        _("asked of"),
        max_length=12,
        choices=EvaluationAudience.choices,
        default=EvaluationAudience.PARTICIPANT,
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The addressee when it is not the participant (a supervisor).
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Given by the participant on the level 1 form: the follow-up also goes to this address.
    supervisor_email = models.EmailField(_("supervisor's email address"), blank=True)

    class Meta:
        verbose_name = _("evaluation request")
        verbose_name_plural = _("evaluation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "level", "audience"], name="training_evaluation_once"
            )
        ]
        indexes = [models.Index(fields=["answered_at", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} L{self.level} {self.audience}"


class EvaluationAnswer(models.Model):
    """One answer: ``number`` for ratings (1–5), recommendation (0–10) and yes (1) / no (0);
    ``text`` for free text."""

    request = models.ForeignKey(EvaluationRequest, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        EvaluationQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    number = models.SmallIntegerField(_("answer"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        constraints = [
            models.UniqueConstraint(fields=["request", "question"], name="training_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.request_id}/{self.question_id}"
