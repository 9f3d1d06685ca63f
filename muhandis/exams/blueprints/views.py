"""The exam manager's pages of blueprints: what each scheme's exam draws, and how it is marked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.certification.models import AssessmentMethod, Scheme
from muhandis.core.formviews import apply_errors, form_page
from muhandis.exams.blueprints import services as blueprints
from muhandis.exams.blueprints.forms import BlueprintForm, BlueprintRowsForm
from muhandis.exams.models import (
    Blueprint,
)


@role_required(Role.REGISTRAR)
def blueprint_list(request: HttpRequest) -> HttpResponse:
    schemes = (
        Scheme.objects.filter(
            status__in=[Scheme.Status.DRAFT, Scheme.Status.ACTIVE],
            methods__kind=AssessmentMethod.Kind.WRITTEN_EXAM,
        )
        .select_related("blueprint")
        .distinct()
        .order_by("code", "-version")
    )
    return form_page(request, "exams/staff/blueprints.html", {"schemes": schemes})


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def blueprint_edit(request: HttpRequest, scheme_pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme, pk=scheme_pk)
    blueprint = Blueprint.objects.filter(scheme=scheme).first()
    form = BlueprintForm(request.POST or None, initial=BlueprintForm.initial_for(blueprint))
    rows = BlueprintRowsForm(
        request.POST or None,
        framework=scheme.framework,
        initial=BlueprintRowsForm.initial_for(blueprint),
    )
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        try:
            blueprint = blueprints.save_blueprint(
                scheme=scheme,
                actor=request.user,
                request=request,
                rows=rows.rows(),
                fixed_codes=form.fixed_code_list(),
                **{k: form.cleaned_data[k] for k in BLUEPRINT_FIELDS},
            )
            messages.success(request, _("The blueprint has been saved."))
            return redirect("exams:staff_blueprint", scheme_pk=scheme.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    context = {
        "scheme": scheme,
        "blueprint": blueprint,
        "form": form,
        "rows_form": rows,
        "coverage": blueprints.coverage(blueprint) if blueprint else [],
    }
    return form_page(request, "exams/staff/blueprint.html", context)


BLUEPRINT_FIELDS = (
    "time_limit_minutes",
    "pass_mark",
    "form_mode",
    "double_marking",
    "marking_threshold",
)
