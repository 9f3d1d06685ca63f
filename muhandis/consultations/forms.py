"""Forms of consultations. They only parse; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muhandis.core.forms import DateInput, TranslatedBlankChoiceMixin

from .models import Clause, Consultation, Position
from .services.clauses import FIELDS as CLAUSE_FIELDS
from .services.comments import MAX_TEXT
from .services.consultations import FIELDS as CONSULTATION_FIELDS


def _rows(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CommentForm(forms.Form):
    position = forms.ChoiceField(
        label=_("your position"), choices=Position.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("your comment"), max_length=MAX_TEXT, widget=_rows(4), strip=False
    )
    proposed_wording = forms.CharField(
        label=_("the wording you propose"),
        required=False,
        max_length=MAX_TEXT,
        widget=_rows(3),
        help_text=_("Needed when you suggest a change."),
    )
    anonymous = forms.BooleanField(
        label=_("do not name me or my organisation in the export sent to the ministry"),
        required=False,
    )


class ConsultationForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = list(CONSULTATION_FIELDS)
        labels = {
            "title_uz": _("title in Uzbek"),
            "title_ru": _("title in Russian"),
            "title_en": _("title in English"),
            "summary_uz": _("summary in Uzbek"),
            "summary_ru": _("summary in Russian"),
            "summary_en": _("summary in English"),
            "addressee_uz": _("sent to (in Uzbek)"),
            "addressee_ru": _("sent to (in Russian)"),
            "addressee_en": _("sent to (in English)"),
        }
        widgets = {
            "summary_uz": _rows(3),
            "summary_ru": _rows(3),
            "summary_en": _rows(3),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressee_uz"].required = True

    def _post_clean(self) -> None:
        # The service checks the consultation as a whole and names the field at fault.
        pass

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = list(CLAUSE_FIELDS)
        labels = {
            "heading_uz": _("heading in Uzbek"),
            "heading_ru": _("heading in Russian"),
            "heading_en": _("heading in English"),
            "text_uz": _("text in Uzbek"),
            "text_ru": _("text in Russian"),
            "text_en": _("text in English"),
        }
        widgets = {"text_uz": _rows(5), "text_ru": _rows(5), "text_en": _rows(5)}
        help_texts = {"order": _("Clauses are shown by this number, smallest first.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False

    def _post_clean(self) -> None:
        pass

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class PasteForm(forms.Form):
    pasted = forms.CharField(
        label=_("the draft's text"),
        max_length=400_000,
        widget=_rows(16),
        strip=False,
        help_text=_(
            "Paste the whole draft in its own language. Each clause starts on its own line with "
            "its number (3, 3.2, “Article 3”, “3-modda”); the rest of that line is its heading."
        ),
    )


class SummaryForm(forms.Form):
    summary_uz = forms.CharField(label=_("summary in Uzbek"), required=False, widget=_rows(3))
    summary_ru = forms.CharField(label=_("summary in Russian"), required=False, widget=_rows(3))
    summary_en = forms.CharField(label=_("summary in English"), required=False, widget=_rows(3))


class ResponseForm(forms.Form):
    response_uz = forms.CharField(label=_("response in Uzbek"), required=False, widget=_rows(8))
    response_ru = forms.CharField(label=_("response in Russian"), required=False, widget=_rows(8))
    response_en = forms.CharField(label=_("response in English"), required=False, widget=_rows(8))
