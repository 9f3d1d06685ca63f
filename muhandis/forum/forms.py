"""Forms of the forum's pages. They only parse what a person typed; the services decide
(trust levels, rate limits, links, suspensions) and their refusals go back on the form."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muhandis.core.forms import BLANK_CHOICE, DateInput

from .models import (
    BODY_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    FlagReason,
)

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, `code`, a blank line between paragraphs, lines starting "
    "with - for a list, [text](https://…) for a link. Mention someone with @their-forum-name."
)
TAGS_MAX = 5
SEARCH_MAX_LENGTH = 200


def _body_field(label: Any, rows: int = 8) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": rows}),
        # The service measures the text as typed; the form keeps spaces as they were.
        strip=False,
    )


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("your question in one sentence"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("Say what you want to know, e.g. “Which pipe class for 10 bar?”."),
    )
    category = forms.ModelChoiceField(label=_("category"), queryset=Category.objects.all())
    body = _body_field(_("details"), rows=10)
    tags = forms.CharField(
        label=_("tags"),
        required=False,
        max_length=250,
        help_text=_("Up to five words, separated by commas or spaces, e.g. pumps, water-supply."),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "Top › Sub" names from ``topics.category_choices``, without a query per option.
        self.fields["category"].choices = [("", BLANK_CHOICE), *choices]

    def clean_tags(self) -> list[str]:
        text = self.cleaned_data.get("tags") or ""
        names: list[str] = []
        for word in text.replace(",", " ").split():
            name = word.strip().lower().lstrip("#")
            if name and name not in names:
                names.append(name)
        if len(names) > TAGS_MAX:
            raise forms.ValidationError(
                _("At most %(count)d tags, please: keep the ones that say most."),
                params={"count": TAGS_MAX},
            )
        return names


class EditForm(forms.Form):
    """A post's new text (and the question's title), with why it was changed."""

    title = forms.CharField(label=_("title"), max_length=TITLE_MAX_LENGTH)
    body = _body_field(_("text"), rows=10)
    reason = forms.CharField(
        label=_("what you changed and why"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("Shown in the post's history."),
    )

    def __init__(self, *args: Any, with_title: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]


class AnswerForm(forms.Form):
    body = _body_field(_("your answer"))


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("your comment"),
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("A short remark or question about this post; plain text."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VoteForm(forms.Form):
    value = forms.TypedChoiceField(
        label=_("vote"), coerce=int, choices=[(1, _("Useful")), (-1, _("Not useful"))]
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("why this post should be looked at"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("a note for the moderators"),
        required=False,
        max_length=REASON_MAX_LENGTH,
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("note on the decision"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("Kept in the moderation history."),
    )


class SuspendForm(forms.Form):
    until = forms.DateField(
        label=_("suspended until"),
        widget=DateInput(),
        help_text=_("The person may post again from this day."),
    )
    reason = forms.CharField(
        label=_("reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("The person is told this reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_until(self) -> datetime.datetime:
        day: datetime.date = self.cleaned_data["until"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("search the forum"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Words in Latin or Cyrillic letters."),
    )
