"""Staff pages for bulk work: import past course participants (preview, then confirm), and
export a session's attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core import previews

from ..import_forms import ParticipantImportForm
from ..models import CourseSession
from ..selectors import exports
from ..services import imports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_SALT = "training.participant_import"
PREVIEW_ROWS = 200
KEPT_FILES = "participant-imports"
STAFF = (Role.TRAINING_MANAGER, Role.ADMIN)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file and see what it would create (nothing is written yet)."""
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    plan, confirm = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        create_sessions = form.cleaned_data["create_sessions"]
        plan = imports.plan_participant_import(
            content=content,
            filename=upload.name,
            actor=request.user,  # type: ignore[arg-type]
            create_sessions=create_sessions,
        )
        if not plan.problems and plan.enrolments:
            confirm = previews.keep(
                content,
                folder=KEPT_FILES,
                salt=PREVIEW_SALT,
                actor=request.user,  # type: ignore[arg-type]
                name=plan.filename,
                create_sessions=create_sessions,
            )
    context = {
        "form": form,
        "plan": plan,
        "confirm": confirm,
        "preview": plan.enrolments[:PREVIEW_ROWS] if plan else [],
        "columns": imports.COLUMNS,
    }
    status = 400 if form.errors or (plan and plan.problems) else 200
    return render(request, "training/imports/participants.html", context, status=status)


@role_required(*STAFF)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import exactly the file that was previewed."""
    try:
        content, data = previews.kept(
            request.POST,
            salt=PREVIEW_SALT,
            actor=request.user,  # type: ignore[arg-type]
        )
        result = imports.import_participants(
            content=content,
            filename=data["name"],
            actor=request.user,  # type: ignore[arg-type]
            create_sessions=bool(data.get("create_sessions")),
            request=request,
        )
    except ValidationError as exc:
        for message in exc.messages[:50]:
            messages.error(request, message)
        return redirect("training:participants_import")
    default_storage.delete(data["path"])
    messages.success(
        request,
        _(
            "%(enrolments)d participants were imported (%(skipped)d rows were imported before); "
            "%(people)d accounts and %(sessions)d past sessions were created."
        )
        % {
            "enrolments": result.enrolments,
            "skipped": len(result.plan.skipped),
            "people": result.people_created,
            "sessions": result.sessions_created,
        },
    )
    return redirect("training:participants_import")


@role_required(*STAFF)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="course-participants.xlsx"'
    return response


@role_required(*STAFF)
@require_GET
def attendance_export(request: HttpRequest, public_id: str, fmt: str) -> HttpResponse:
    """A session's attendance, participants by days, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    session = get_object_or_404(CourseSession.objects.select_related("course"), public_id=public_id)
    sheet = exports.attendance_sheet(session=session)
    day = timezone.localtime(session.starts_at).date().isoformat()
    filename = f"attendance-{session.course.code}-{day}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            exports.attendance_csv(sheet), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(exports.attendance_xlsx(sheet), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("participants/", import_page, name="participants_import"),
    path("participants/confirm/", import_confirm, name="participants_import_confirm"),
    path("participants/template/", import_template, name="participants_import_template"),
    path(
        "attendance/<uuid:public_id>.<str:fmt>",
        attendance_export,
        name="attendance_export",
    ),
]
