"""Forms of the exam staff pages: sittings, registrations, incidents, marks."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.exams.models import Blueprint, Registration, Sitting

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=LOCAL_INPUT, **kwargs)


class SittingForm(forms.Form):
    blueprint = forms.ModelChoiceField(
        label=_("Exam"),
        queryset=Blueprint.objects.filter(scheme__isnull=False).select_related("scheme"),
    )
    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=DateTimeInput(), input_formats=[LOCAL_INPUT]
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=DateTimeInput(), input_formats=[LOCAL_INPUT]
    )
    room = forms.CharField(
        label=_("Room"), required=False, max_length=200, help_text=_("Leave empty for online.")
    )
    invigilators = forms.ModelMultipleChoiceField(
        label=_("Invigilators"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invigilators"].queryset = User.objects.filter(
            role_assignments__role=Role.EXAMINER, role_assignments__revoked_at__isnull=True
        ).distinct()
        self.fields["invigilators"].label_from_instance = lambda p: p.display_name


class RegistrationForm(forms.Form):
    language = forms.ChoiceField(label=_("Exam language"), choices=settings.LANGUAGES)
    extra_minutes = forms.IntegerField(
        label=_("Extra time (minutes)"), min_value=0, max_value=240, initial=0
    )
    reason = forms.CharField(
        label=_("Accommodation"),
        required=False,
        max_length=500,
        help_text=_("Required with extra time, e.g. the assessment it rests on."),
    )


class IncidentForm(forms.Form):
    registration = forms.ModelChoiceField(
        label=_("Candidate"),
        queryset=Registration.objects.none(),
        required=False,
        empty_label=_("The whole sitting"),
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, sitting: Sitting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sitting is not None:
            self.fields["registration"].queryset = sitting.registrations.select_related("candidate")
        self.fields["registration"].label_from_instance = lambda r: r.candidate.display_name


class CourseTestForm(forms.Form):
    """Opening a course session's pre-test or post-test: its window."""

    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=DateTimeInput(), input_formats=[LOCAL_INPUT]
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=DateTimeInput(), input_formats=[LOCAL_INPUT]
    )
