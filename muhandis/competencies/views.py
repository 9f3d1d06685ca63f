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
from muhandis.core import previews

from . import moodle_csv, selectors, services
from .forms import ImportForm
from .models import Framework

EDITORS = (Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN)
PREVIEW_SALT = "competencies.framework_import"
KEPT_FILES = "competency-framework-imports"


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
    tree = selectors.tree_of(framework)
    profiles = selectors.framework_profiles(framework)
    rows = [
        (node, [item["levels"].get(node.code, "") for item in profiles])
        for area in tree
        for node in area.nodes()
    ]
    context = {
        "framework": framework,
        "tree": tree,
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
    text = moodle_csv.write(
        framework, selectors.tree_of(framework, with_links=True), language=language
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    filename = f"{framework.code}-v{framework.version}-{language}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def framework_import(request: HttpRequest) -> HttpResponse:
    """Upload a file and see the tree it makes, with every problem or notice; nothing is
    written until the preview is confirmed (a POST with the preview's token)."""
    if request.method == "POST" and "token" in request.POST:
        return _import_confirmed(request)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"language": translation.get_language()},
    )
    problems: list[str] = []
    preview, confirm = None, None
    if request.method == "POST" and form.is_valid():
        content, language = form.cleaned_data["file"].read(), form.cleaned_data["language"]
        try:
            preview = moodle_csv.parse(content, language=language)
        except moodle_csv.ImportRefused as refused:
            problems = [str(p) for p in refused.problems]
        else:
            confirm = previews.keep(
                content, folder=KEPT_FILES, salt=PREVIEW_SALT, actor=request.user, language=language
            )
    status = 400 if form.errors or problems else 200
    context = {"form": form, "problems": problems, "preview": preview, "confirm": confirm}
    return render(request, "competencies/import.html", context, status=status)


def _import_confirmed(request: HttpRequest) -> HttpResponse:
    """Import exactly the file that was previewed, as a draft."""
    try:
        content, data = previews.kept(request.POST, salt=PREVIEW_SALT, actor=request.user)
        framework, notices = services.import_moodle_csv(
            content=content, language=data["language"], actor=request.user, request=request
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("competencies:import")
    except moodle_csv.ImportRefused:
        messages.error(request, _("The file can no longer be imported. Upload it again."))
        return redirect("competencies:import")
    messages.success(request, _("The framework was imported as a draft."))
    for notice in notices:
        messages.warning(request, notice)
    return redirect("competencies:detail", public_id=framework.public_id)


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
