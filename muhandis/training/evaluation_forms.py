"""The evaluation questionnaire as a form: one field per active question, by its key."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EvaluationAudience, EvaluationLevel, EvaluationQuestion, EvaluationRequest

RATING_CHOICES = [
    (1, _("1 — very poor")),
    (2, _("2 — poor")),
    (3, _("3 — fair")),
    (4, _("4 — good")),
    (5, _("5 — excellent")),
]
NPS_CHOICES = [
    (0, _("0 — not at all likely")),
    *[(n, str(n)) for n in range(1, 10)],
    (10, _("10 — extremely likely")),
]
YES_NO_CHOICES = [(1, _("Yes")), (0, _("No"))]


def _field(question: EvaluationQuestion) -> forms.Field:
    kind = EvaluationQuestion.Kind
    common = {"label": question.text, "required": question.required}
    if question.kind == kind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)
    choices = {kind.RATING: RATING_CHOICES, kind.NPS: NPS_CHOICES, kind.YES_NO: YES_NO_CHOICES}
    return forms.TypedChoiceField(
        choices=choices[question.kind],
        coerce=int,
        widget=forms.RadioSelect,
        empty_value=None,
        **common,
    )


class EvaluationForm(forms.Form):
    def __init__(
        self,
        *args: object,
        request: EvaluationRequest,
        questions: list[EvaluationQuestion],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for question in questions:
            self.fields[question.key] = _field(question)
        if (
            request.level == EvaluationLevel.REACTION
            and request.audience == EvaluationAudience.PARTICIPANT
        ):
            self.fields["supervisor_email"] = forms.EmailField(
                label=_("Your supervisor's email address (optional)"),
                required=False,
                help_text=_(
                    "In about three months we ask you, and if you give the address also your "
                    "supervisor, whether the course changed your work. Your answers here are "
                    "never shown to them."
                ),
            )
