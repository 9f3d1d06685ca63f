from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role

from . import moodle_csv, selectors, services
from .forms import ImportForm
from .models import Framework

EDITORS = (Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN)


@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = selectors.frameworks()
    if not request.user.is_authenticated or not request.user.is_staff:
        frameworks = frameworks.exclude(status=Framework.Status.DRAFT)
    return render(request, "competencies/framework_list.html", {"frameworks": frameworks})


@require_GET
def framework_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    framework = get_object_or_404(selectors.frameworks(), public_id=public_id)
    if framework.status == Framework.Status.DRAFT and not request.user.is_staff:
        return render(request, "404.html", status=404)
    areas = list(selectors.framework_areas(framework))
    profiles = selectors.framework_profiles(framework)
    rows = [
        (competency, [item["levels"].get(competency.code, "") for item in profiles])
        for area in areas
        for competency in area.competencies.all()
    ]
    context = {
        "framework": framework,
        "areas": areas,
        "levels": list(framework.scale.levels.all()),
        "profiles": profiles,
        "rows": rows,
    }
    return render(request, "competencies/framework_detail.html", context)


@require_GET
def framework_export(request: HttpRequest, public_id: UUID) -> HttpResponse:
    framework = get_object_or_404(selectors.frameworks(), public_id=public_id)
    if framework.status == Framework.Status.DRAFT and not request.user.is_staff:
        return render(request, "404.html", status=404)
    language = request.GET.get("language") or translation.get_language()
    if language not in services.LANGUAGE_FIELDS:
        language = "uz"
    text = moodle_csv.write(framework, selectors.framework_areas(framework), language=language)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    filename = f"{framework.code}-v{framework.version}-{language}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def framework_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"language": translation.get_language()},
    )
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            framework, notices = services.import_moodle_csv(
                content=form.cleaned_data["file"].read(),
                language=form.cleaned_data["language"],
                actor=request.user,
                request=request,
            )
        except moodle_csv.ImportRefused as refused:
            problems = [str(p) for p in refused.problems]
        else:
            messages.success(request, _("The framework was imported as a draft."))
            for notice in notices:
                messages.warning(request, notice)
            return redirect("competencies:detail", public_id=framework.public_id)
    status = 400 if form.errors or problems else 200
    return render(
        request, "competencies/import.html", {"form": form, "problems": problems}, status=status
    )


@role_required(Role.REGISTRAR, Role.ADMIN)
@require_POST
def framework_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    framework = get_object_or_404(Framework, public_id=public_id)
    try:
        services.publish_framework(framework=framework, actor=request.user, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The framework is published."))
    return redirect("competencies:detail", public_id=framework.public_id)
