"""Forms of the catalogue: the public filters and the training manager's course, price,
competency, venue, room and session forms. They only parse; the services decide."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Region, User
from muhandis.accounts.roles import Role
from muhandis.billing.models import Currency
from muhandis.competencies.models import CpdCategory
from muhandis.core.forms import BLANK_CHOICE, DateInput, TranslatedBlankChoiceMixin

from ..models import Course, CourseFormat, CourseLevel, CourseSession, PayerKind, Room, Venue
from ..selectors import CatalogueFilters, FilterChoices

LANGUAGE_NAMES = {
    "uz": _("Uzbek"),
    "ru": _("Russian"),
    "en": _("English"),
}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code, _name in settings.LANGUAGES]
SORT_CHOICES = [
    ("title", _("title")),
    ("date", _("next session")),
    ("price", _("price, lowest first")),
    ("cpd", _("CPD hours, most first")),
    ("code", _("course code")),
]


class CatalogueFilterForm(TranslatedBlankChoiceMixin, forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    area = forms.TypedChoiceField(
        label=_("competency area"), required=False, coerce=int, empty_value=None
    )
    competency = forms.TypedChoiceField(
        label=_("competency"), required=False, coerce=int, empty_value=None
    )
    format = forms.ChoiceField(
        label=_("format"), required=False, choices=[("", ""), *CourseFormat.choices]
    )
    language = forms.ChoiceField(
        label=_("language"), required=False, choices=[("", ""), *LANGUAGE_CHOICES]
    )
    region = forms.TypedChoiceField(label=_("region"), required=False, coerce=int, empty_value=None)
    city = forms.ChoiceField(label=_("city"), required=False)
    date_from = forms.DateField(label=_("sessions from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("sessions until"), required=False, widget=DateInput())
    price_min = forms.DecimalField(
        label=_("price from, UZS"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    price_max = forms.DecimalField(
        label=_("price up to, UZS"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    cpd_min = forms.DecimalField(
        label=_("at least CPD hours"), required=False, min_value=0, max_digits=5, decimal_places=1
    )
    sort = forms.ChoiceField(label=_("sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, choices: FilterChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["area"].choices = [("", "")] + [(a.pk, f"{a.code} {a.title}") for a in choices.areas]  # type: ignore[attr-defined]
        fields["competency"].choices = [("", ""), *choices.competencies]  # type: ignore[attr-defined]
        fields["region"].choices = [("", ""), *choices.regions]  # type: ignore[attr-defined]
        fields["city"].choices = [("", "")] + [(c, c) for c in choices.cities]  # type: ignore[attr-defined]
        for name in ("area", "competency", "format", "language", "region", "city"):
            fields[name].choices = [  # type: ignore[attr-defined]
                ("", _("any")) if value == "" else (value, label)
                for value, label in fields[name].choices  # type: ignore[attr-defined]
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The highest price is below the lowest."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The last date is before the first."))
        return data

    def filters(self) -> CatalogueFilters:
        """The valid filters; a filter the visitor got wrong is left out (and shown)."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return CatalogueFilters(
            q=data.get("q") or "",
            area=data.get("area"),
            competency=data.get("competency"),
            format=data.get("format") or "",
            language=data.get("language") or "",
            region=data.get("region"),
            city=data.get("city") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            cpd_min=data.get("cpd_min"),
            sort=data.get("sort") or "title",
        )


class CourseForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages of teaching"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Course
        fields = (
            "code",
            "title_uz",
            "title_ru",
            "title_en",
            "summary_uz",
            "summary_ru",
            "summary_en",
            "outline_uz",
            "outline_ru",
            "outline_en",
            "prerequisites_uz",
            "prerequisites_ru",
            "prerequisites_en",
            "target_roles_uz",
            "target_roles_ru",
            "target_roles_en",
            "trainer_profile_uz",
            "trainer_profile_ru",
            "trainer_profile_en",
            "level",
            "format",
            "languages",
            "duration_hours",
            "cpd_hours",
            "cpd_category",
            "min_attendance_percent",
            "post_test_required",
            "ikpu_code",
            "package_code",
            "vat_rate",
        )
        widgets = {
            f"{name}_{lang}": forms.Textarea(attrs={"rows": 3})
            for name in ("summary", "outline", "prerequisites", "target_roles", "trainer_profile")
            for lang in ("uz", "ru", "en")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", ""), *CourseLevel.choices]  # type: ignore[attr-defined]
        self.fields["cpd_category"].choices = [("", ""), *CpdCategory.choices]  # type: ignore[attr-defined]
        for name in ("level", "format", "cpd_category"):
            self.fields[name].choices = [  # type: ignore[attr-defined]
                ("", BLANK_CHOICE) if value == "" else (value, label)
                for value, label in self.fields[name].choices  # type: ignore[attr-defined]
            ]
        if self.instance.pk:
            self.initial["languages"] = self.instance.languages

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def _post_clean(self) -> None:
        # The service validates the model (and its translated fields) as a whole.
        pass


class PriceForm(forms.Form):
    """One amount per payer kind and currency; an empty box means no price for that pair."""

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {(p.payer_kind, p.currency): p.amount for p in course.prices.all()}
        for kind, kind_label in PayerKind.choices:
            for currency, _currency_label in Currency.choices:
                self.fields[f"{kind}__{currency}"] = forms.CharField(
                    label=f"{kind_label}, {currency}",
                    required=False,
                    initial=current.get((kind, currency), ""),
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )

    def prices(self) -> list[tuple[str, str, str]]:
        rows = []
        for name, value in self.cleaned_data.items():
            kind, currency = name.split("__")
            if str(value).strip():
                rows.append((kind, currency, str(value)))
        return rows


class CompetencyRowForm(forms.Form):
    competency = forms.TypedChoiceField(
        label=_("competency"), coerce=int, required=False, empty_value=None
    )
    level = forms.TypedChoiceField(
        label=_("to level"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        competency_choices: list[tuple[int, str]],
        level_choices: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", BLANK_CHOICE)]
        self.fields["competency"].choices = blank + competency_choices  # type: ignore[attr-defined]
        self.fields["level"].choices = blank + level_choices  # type: ignore[attr-defined]


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = (
            "name_uz",
            "name_ru",
            "name_en",
            "address_uz",
            "address_ru",
            "address_en",
            "city_uz",
            "city_ru",
            "city_en",
            "region",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.all()  # type: ignore[attr-defined]
        self.fields["region"].empty_label = BLANK_CHOICE  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def _post_clean(self) -> None:
        pass


class RoomForm(forms.Form):
    name = forms.CharField(label=_("room"), max_length=100)
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, max_value=10000)


class SessionForm(TranslatedBlankChoiceMixin, forms.Form):
    starts_at = forms.DateTimeField(
        label=_("starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    enrolment_deadline = forms.DateTimeField(
        label=_("enrolment closes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    room = forms.ModelChoiceField(label=_("room"), queryset=Room.objects.none(), required=False)
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    language = forms.ChoiceField(label=_("language"), choices=LANGUAGE_CHOICES)
    trainers = forms.ModelMultipleChoiceField(
        label=_("trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_seats = forms.IntegerField(label=_("minimum seats"), min_value=1, initial=1)
    max_seats = forms.IntegerField(label=_("maximum seats"), min_value=1, max_value=10000)
    payment_days = forms.IntegerField(
        label=_("days to pay before the seat is freed"), min_value=0, initial=7
    )
    offer_days = forms.IntegerField(
        label=_("days to accept a waiting-list offer"), min_value=1, initial=2
    )
    free_cancellation_days = forms.IntegerField(
        label=_("free cancellation until, days before the start"), min_value=0, initial=7
    )
    cancellation_terms_uz = forms.CharField(
        label=_("cancellation terms (Uzbek)"), required=False, widget=forms.Textarea({"rows": 2})
    )
    cancellation_terms_ru = forms.CharField(
        label=_("cancellation terms (Russian)"), required=False, widget=forms.Textarea({"rows": 2})
    )
    cancellation_terms_en = forms.CharField(
        label=_("cancellation terms (English)"), required=False, widget=forms.Textarea({"rows": 2})
    )
    status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (CourseSession.Status.OPEN, CourseSession.Status.OPEN.label),
            (CourseSession.Status.PLANNED, CourseSession.Status.PLANNED.label),
        ],
    )

    def __init__(self, *args: Any, trainers: Any, rooms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainers  # type: ignore[attr-defined]
        self.fields["trainers"].label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]
        self.fields["room"].label_from_instance = lambda r: (
            _(  # type: ignore[attr-defined]
                "%(venue)s, %(city)s — %(room)s (%(capacity)s seats)"
            )
            % {"venue": r.venue.name, "city": r.venue.city, "room": r.name, "capacity": r.capacity}
        )
        self.fields["room"].empty_label = _("none: online only")  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(session: CourseSession) -> dict[str, Any]:
        zone = timezone.get_default_timezone()
        initial: dict[str, Any] = {
            name: getattr(session, name)
            for name in (
                "online_url",
                "language",
                "min_seats",
                "max_seats",
                "payment_days",
                "offer_days",
                "free_cancellation_days",
                "cancellation_terms_uz",
                "cancellation_terms_ru",
                "cancellation_terms_en",
                "status",
            )
        }
        for name in ("starts_at", "ends_at", "enrolment_deadline"):
            initial[name] = timezone.localtime(getattr(session, name), zone).replace(tzinfo=None)
        initial["room"] = session.room_id
        initial["trainers"] = [st.trainer_id for st in session.session_trainers.all()]
        return initial

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("trainers")
        for name in ("cancellation_terms_uz", "cancellation_terms_ru", "cancellation_terms_en"):
            data[name] = data[name] or ""
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("why the session is cancelled"), max_length=500, widget=forms.Textarea({"rows": 3})
    )


def trainer_people() -> Any:
    """The people who hold the trainer role, for choosing a session's trainers."""
    return (
        User.objects.filter(
            role_assignments__role=Role.TRAINER, role_assignments__revoked_at__isnull=True
        )
        .distinct()
        .order_by("family_name", "given_name", "email")
    )
