"""Forms of the needs surveys: building a survey, inviting people, and the respondent's
background page. The rating pages are read field by field in the view (their fields depend on
the survey's competencies)."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import EducationLevel, Gender, Region, SizeBand
from muhandis.accounts.roles import Role
from muhandis.competencies.models import Area, Framework, RoleProfile
from muhandis.core.forms import BLANK_CHOICE, DateInput, TranslatedBlankChoiceMixin

from .models import (
    AgeBand,
    Barrier,
    ExperienceBand,
    JobRole,
    RespondentKind,
    ScaleKind,
    Sector,
    Survey,
)

BOTH = "both"
WHO_CHOICES = [
    (RespondentKind.SELF.value, _("Engineers about themselves")),
    (RespondentKind.SUPERVISOR.value, _("Supervisors and employers about their staff")),
    (BOTH, _("Both: engineers about themselves and supervisors about their staff")),
]


def kinds_of(who: str) -> list[str]:
    if who == BOTH:
        return [RespondentKind.SELF, RespondentKind.SUPERVISOR]
    return [who]


def who_of(kinds: list[str]) -> str:
    return BOTH if len(kinds) > 1 else (kinds[0] if kinds else BOTH)


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.framework.code} v{obj.framework.version} — {obj.code}: {obj.title}"


class ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RoleProfile) -> str:
        return f"{obj.framework.code} v{obj.framework.version} — {obj.title}"


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Framework) -> str:
        return f"{obj.code} v{obj.version} — {obj.title}"


class SurveyForm(TranslatedBlankChoiceMixin, forms.Form):
    code = forms.SlugField(
        label=_("code"),
        max_length=50,
        help_text=_("Letters, digits and hyphens, e.g. needs-2026."),
    )
    title_uz = forms.CharField(label=_("title (Uzbek)"), max_length=200)
    title_ru = forms.CharField(label=_("title (Russian)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=200, required=False)
    introduction_uz = forms.CharField(
        label=_("introduction (Uzbek)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    introduction_ru = forms.CharField(
        label=_("introduction (Russian)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    introduction_en = forms.CharField(
        label=_("introduction (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    framework = FrameworkChoiceField(
        label=_("framework version"),
        queryset=Framework.objects.filter(status=Framework.Status.PUBLISHED).order_by(
            "code", "-version"
        ),
    )
    areas = AreaChoiceField(
        label=_("areas asked about"),
        queryset=Area.objects.filter(framework__status=Framework.Status.PUBLISHED)
        .select_related("framework")
        .order_by("framework__code", "framework__version", "sort_order", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to ask about the whole framework."),
    )
    scale = forms.ChoiceField(
        label=_("rating scale"), choices=ScaleKind.choices, widget=forms.RadioSelect
    )
    who = forms.ChoiceField(label=_("who answers"), choices=WHO_CHOICES, widget=forms.RadioSelect)
    role_profile = ProfileChoiceField(
        label=_("role profile for the required level"),
        queryset=RoleProfile.objects.filter(framework__status=Framework.Status.PUBLISHED)
        .select_related("framework")
        .order_by("framework__code", "title"),
        required=False,
    )
    opens_on = forms.DateField(label=_("opens on"), widget=DateInput(), required=False)
    closes_on = forms.DateField(label=_("closes on"), widget=DateInput(), required=False)
    public_link = forms.BooleanField(
        label=_("anonymous public link (for the website, social media and QR codes at events)"),
        required=False,
        initial=True,
    )
    suppression_threshold = forms.IntegerField(
        label=_("smallest group shown"),
        min_value=2,
        max_value=50,
        initial=5,
        help_text=_("Groups with fewer respondents are shown as suppressed in every breakdown."),
    )

    def __init__(self, *args: Any, survey: Survey | None = None, **kwargs: Any) -> None:
        if survey is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(survey)
        super().__init__(*args, **kwargs)
        if survey is not None:
            self.fields["code"].disabled = True
        elif not self.is_bound:
            self.fields["framework"].initial = (
                Framework.objects.filter(status=Framework.Status.PUBLISHED)
                .order_by("-published_at", "-pk")
                .values_list("pk", flat=True)
                .first()
            )
        self.fields["scale"].initial = self.fields["scale"].initial or ScaleKind.FRAMEWORK
        self.fields["who"].initial = self.fields["who"].initial or BOTH

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        framework = data.get("framework")
        if framework is not None:
            if any(area.framework_id != framework.pk for area in data.get("areas") or ()):
                self.add_error("areas", _("Tick only areas of the chosen framework version."))
            profile = data.get("role_profile")
            if profile is not None and profile.framework_id != framework.pk:
                self.add_error(
                    "role_profile", _("Choose a role profile of the chosen framework version.")
                )
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "titles": {lang: data[f"title_{lang}"] for lang in ("uz", "ru", "en")},
            "introductions": {lang: data[f"introduction_{lang}"] for lang in ("uz", "ru", "en")},
            "framework": data["framework"],
            "areas": list(data["areas"]),
            "scale": data["scale"],
            "kinds": kinds_of(data["who"]),
            "role_profile": data["role_profile"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "public_link": data["public_link"],
            "suppression_threshold": data["suppression_threshold"],
        }


def initial_of(survey: Survey) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "code": survey.code,
        "framework": survey.framework_id,
        "areas": [area.pk for area in survey.areas.all()],
        "scale": survey.scale,
        "who": who_of(list(survey.kinds)),
        "role_profile": survey.role_profile_id,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "public_link": survey.public_link,
        "suppression_threshold": survey.suppression_threshold,
    }
    for lang in ("uz", "ru", "en"):
        initial[f"title_{lang}"] = getattr(survey, f"title_{lang}", "") or ""
        initial[f"introduction_{lang}"] = getattr(survey, f"introduction_{lang}", "") or ""
    return initial


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason (optional)"), max_length=300, required=False)


# Distribution ---------------------------------------------------------------------------------

INVITABLE_ROLES = [
    (Role.ENGINEER.value, Role.ENGINEER.label),
    (Role.TRAINER.value, Role.TRAINER.label),
    (Role.EXAMINER.value, Role.EXAMINER.label),
    (Role.COMMITTEE.value, Role.COMMITTEE.label),
]


class _DistributionForm(TranslatedBlankChoiceMixin, forms.Form):
    distribution = forms.CharField(
        label=_("distribution list"),
        max_length=100,
        help_text=_("A name for the response rates, e.g. “Members, Tashkent”."),
    )


def region_choices() -> list[tuple[str, str]]:
    """The regions, read once for all the forms of a page."""
    return [("", ""), *((str(region.pk), region.name) for region in Region.objects.all())]


class _RegionForm(_DistributionForm):
    region = forms.TypedChoiceField(
        label=_("only in the region"), choices=(), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = [  # blank in the reader's language
            ("", BLANK_CHOICE) if value == "" else (value, label) for value, label in regions
        ]

    def chosen_region(self) -> Region | None:
        pk = self.cleaned_data.get("region")
        return Region.objects.filter(pk=pk).first() if pk else None


class RoleInviteForm(_RegionForm):
    role = forms.ChoiceField(label=_("everyone with the role"), choices=INVITABLE_ROLES)
    field_order = ["distribution", "role", "region"]


class SupervisorInviteForm(_RegionForm):
    pass


class EmailInviteForm(_DistributionForm):
    emails = forms.CharField(
        label=_("email addresses, one a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=200_000,
    )
    kind = forms.ChoiceField(label=_("they answer as"), choices=RespondentKind.choices)
    language = forms.ChoiceField(
        label=_("language for people not registered in Muhandis"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (value, label) for value, label in RespondentKind.choices if value in survey.kinds
        ]


# Answering -------------------------------------------------------------------------------------


START_CHOICES = [
    (RespondentKind.SELF.value, _("About myself: my own work and competencies")),
    (RespondentKind.SUPERVISOR.value, _("About my staff: the engineers I supervise")),
]


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("I answer"), choices=START_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["kind"])
        field.choices = [(v, label) for v, label in START_CHOICES if v in kinds]
        if len(kinds) == 1:
            field.initial = kinds[0]
            field.widget = forms.HiddenInput()


class BackgroundForm(TranslatedBlankChoiceMixin, forms.Form):
    gender = forms.ChoiceField(
        label=_("gender"),
        choices=Gender.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "We ask so that we can see whether training reaches women and men alike. "
            "You may prefer not to say."
        ),
    )
    age_band = forms.ChoiceField(
        label=_("age"), choices=[("", ""), *AgeBand.choices], required=False
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("region where you work"), queryset=Region.objects.all(), required=False
    )
    sector = forms.ChoiceField(
        label=_("sector"), choices=[("", ""), *Sector.choices], required=False
    )
    job_role = forms.ChoiceField(
        label=_("your role"), choices=[("", ""), *JobRole.choices], required=False
    )
    employer_size = forms.ChoiceField(
        label=_("size of your employer"), choices=[("", ""), *SizeBand.choices], required=False
    )
    experience = forms.ChoiceField(
        label=_("years of experience"),
        choices=[("", ""), *ExperienceBand.choices],
        required=False,
    )
    education = forms.ChoiceField(
        label=_("highest education"),
        choices=[("", ""), *EducationLevel.choices],
        required=False,
    )
    barriers = forms.MultipleChoiceField(
        label=_("What keeps you from training? (tick all that apply)"),
        choices=Barrier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    barriers_other = forms.CharField(
        label=_("Anything else that keeps you from training?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comments = forms.CharField(
        label=_("Which training would help you most? Any other comments"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, supervisor: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if supervisor:
            self.fields["barriers"].label = _(
                "What keeps your staff from training? (tick all that apply)"
            )
            self.fields["barriers_other"].label = _(
                "Anything else that keeps your staff from training?"
            )
            self.fields["comments"].label = _(
                "Which training would help your staff most? Any other comments"
            )
            self.fields["job_role"].label = _("your own role")
