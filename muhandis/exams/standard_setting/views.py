"""Standard-setting pages: the exam manager opens modified-Angoff studies, follows them and
records the cut score; panellists rate the items. The rules live in ``angoff``."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.accounts.models import User
from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core.formviews import form_page, submitted
from muhandis.exams.models import AngoffRating, AngoffStudy, Blueprint, ItemVersion
from muhandis.exams.standard_setting import services as angoff

PANEL = (Role.EXAMINER, Role.COMMITTEE)


class OpenStudyForm(forms.Form):
    panellists = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Panellists"),
        queryset=angoff.eligible_panellists(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Examiners and committee members; at least three."),
    )
    versions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Items to rate"),
        queryset=ItemVersion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "All of the blueprint's active items are chosen at first. With a random form the "
            "cut score is computed on the whole pool."
        ),
    )

    def __init__(self, *args: Any, pool: list[ItemVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["panellists"].queryset = angoff.eligible_panellists()
        self.fields["panellists"].label_from_instance = lambda p: p.display_name
        self.fields["versions"].queryset = ItemVersion.objects.filter(
            pk__in=[v.pk for v in pool]
        ).select_related("item")
        self.fields["versions"].initial = [v.pk for v in pool]


class RatingForm(forms.Form):
    """One number per item; an empty one is left unrated for now."""

    def __init__(self, *args: Any, versions: list[ItemVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for version in versions:
            self.fields[f"v{version.pk}"] = forms.IntegerField(
                label=_("Minimally competent candidates answering %(item)s correctly (%%)")
                % {"item": version.item.code},
                min_value=0,
                max_value=100,
                required=False,
            )

    def ratings(self) -> dict[int, int]:
        return {
            int(name[1:]): value for name, value in self.cleaned_data.items() if value is not None
        }


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@role_required(Role.REGISTRAR, *PANEL)
def study_list(request: HttpRequest) -> HttpResponse:
    manager = angoff.is_manager(request.user)
    studies = AngoffStudy.objects.select_related("blueprint__scheme", "decided_by").annotate(
        panel=Count("panellists", distinct=True), items=Count("versions", distinct=True)
    )
    if not manager:
        studies = studies.filter(panellists=request.user)
    context = {
        "manager": manager,
        "studies": studies[:200],
        "blueprints": Blueprint.objects.filter(scheme__isnull=False)
        .select_related("scheme")
        .order_by("scheme__code")
        if manager
        else [],
    }
    return form_page(request, "exams/angoff/list.html", context)


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def study_new(request: HttpRequest, blueprint_pk: int) -> HttpResponse:
    blueprint = get_object_or_404(
        Blueprint.objects.select_related("scheme"), pk=blueprint_pk, scheme__isnull=False
    )
    form = OpenStudyForm(request.POST or None, pool=angoff.blueprint_pool(blueprint))
    opened = {}

    def open_it(data: dict[str, Any]) -> None:
        opened["study"] = angoff.open_study(
            blueprint=blueprint,
            actor=request.user,
            panellists=data["panellists"],
            versions=list(data["versions"]),
            request=request,
        )

    if submitted(request, form, open_it, _("The study is open: panellists can rate the items.")):
        return redirect("exams:angoff_study", pk=opened["study"].pk)
    context = {"blueprint": blueprint, "form": form, "minimum": angoff.MIN_PANELLISTS}
    return form_page(request, "exams/angoff/new.html", context)


@role_required(Role.REGISTRAR)
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(
        AngoffStudy.objects.select_related("blueprint__scheme", "decided_by"), pk=pk
    )
    summary = angoff.summarise(study)
    context = {
        "study": study,
        "summary": summary,
        "open": study.status == AngoffStudy.Status.OPEN,
        "can_open_round_two": study.status == AngoffStudy.Status.OPEN
        and summary.round < angoff.LAST_ROUND,
        "counted": len(summary.counted),
    }
    return form_page(request, "exams/angoff/study.html", context)


@role_required(Role.REGISTRAR)
@require_POST
def round_two(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(AngoffStudy, pk=pk)
    try:
        angoff.open_round_two(study=study, actor=request.user, request=request)
        messages.success(request, _("Round 2 is open: panellists may revise their ratings."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("exams:angoff_study", pk=study.pk)


@role_required(Role.REGISTRAR)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(AngoffStudy, pk=pk)
    try:
        study = angoff.decide(study=study, actor=request.user, request=request)
        messages.success(
            request,
            _("The cut score is recorded; the pass mark is now %(mark)d %%.")
            % {"mark": study.blueprint.pass_mark},
        )
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("exams:angoff_study", pk=study.pk)


def _rating_rows(
    study: AngoffStudy,
    versions: Iterable[ItemVersion],
    form: RatingForm,
    round_: int,
    language: str,
) -> list[dict]:
    shown = {}
    if round_ > 1:
        shown = {i.version.pk: i for i in angoff.summarise(study).items}
    rows = []
    for version in versions:
        used, text, options = angoff.question_text(version, language)
        rows.append(
            {
                "version": version,
                "language": used,
                "text": text,
                "options": options,
                "field": form[f"v{version.pk}"],
                "panel": shown.get(version.pk),
            }
        )
    return rows


def _my_ratings(study: AngoffStudy, person: User, round_: int) -> dict[str, int]:
    """What the form starts with: this round's ratings, else the earlier round's."""
    found: dict[str, int] = {}
    mine = AngoffRating.objects.filter(study=study, panellist=person, round__lte=round_)
    for version_id, percent in mine.order_by("round").values_list("version_id", "percent"):
        found[f"v{version_id}"] = percent
    return found


@role_required(*PANEL)
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(AngoffStudy.objects.select_related("blueprint__scheme"), pk=pk)
    if not angoff.is_panellist(request.user, study):
        raise Http404
    if study.status != AngoffStudy.Status.OPEN:
        messages.info(request, _("The cut score of this study has been recorded."))
        return redirect("exams:angoff_studies")
    versions = angoff.study_versions(study)
    round_ = angoff.current_round(study)
    form = RatingForm(
        request.POST or None, versions=versions, initial=_my_ratings(study, request.user, round_)
    )

    def save(data: dict[str, Any]) -> None:
        angoff.rate(study=study, actor=request.user, ratings=form.ratings(), request=request)

    try:
        if submitted(request, form, save, _("Your ratings are saved.")):
            return redirect("exams:angoff_studies")
    except PermissionDenied:
        raise Http404 from None
    angoff.record_items_viewed(study=study, actor=request.user, versions=versions, request=request)
    context = {
        "study": study,
        "form": form,
        "round": round_,
        "rows": _rating_rows(study, versions, form, round_, get_language()),
    }
    return form_page(request, "exams/angoff/rate.html", context)
