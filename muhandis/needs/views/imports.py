"""Answers collected in KoboToolbox or ODK, imported back: preview, then confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts.permissions import role_required
from muhandis.core import previews

from ..forms_imports import AnswerImportForm
from ..models import Survey
from ..permissions import MANAGERS
from ..services import imports

PREVIEW_SALT = "needs.answer_import"
PREVIEW_ROWS = 100
KEPT_FILES = "needs-answer-imports"


@role_required(*MANAGERS)
@require_POST
def answers_preview(request: HttpRequest, code: str) -> HttpResponse:
    """Check an uploaded file and show what it would import (nothing is written yet)."""
    survey = get_object_or_404(Survey, code=code)
    form = AnswerImportForm(request.POST, request.FILES)
    plan, confirm = None, None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = imports.plan_answer_import(
            survey=survey, content=content, filename=upload.name, actor=request.user
        )
        if plan.importable:
            confirm = previews.keep(
                content,
                folder=KEPT_FILES,
                salt=PREVIEW_SALT,
                actor=request.user,  # type: ignore[arg-type]
                name=plan.filename,
                survey=survey.code,
            )
    context = {
        "survey": survey,
        "form": form,
        "plan": plan,
        "confirm": confirm,
        "preview": plan.responses[:PREVIEW_ROWS] if plan else [],
        "problems": plan.problems[:500] if plan else [],
    }
    status = 400 if form.errors or (plan and plan.file_refused) else 200
    return render(request, "needs/import_preview.html", context, status=status)


@role_required(*MANAGERS)
@require_POST
def answers_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Import exactly the file that was previewed."""
    survey = get_object_or_404(Survey, code=code)
    try:
        content, data = previews.kept(
            request.POST,
            salt=PREVIEW_SALT,
            actor=request.user,  # type: ignore[arg-type]
        )
        if data.get("survey") != survey.code:
            raise ValidationError(_("The preview is no longer valid. Upload the file again."))
        result = imports.import_answers(
            survey=survey,
            content=content,
            filename=data["name"],
            actor=request.user,
            request=request,
        )
    except ValidationError as exc:
        for message in exc.messages[:50]:
            messages.error(request, message)
        return redirect("needs:xlsform", code=survey.code)
    default_storage.delete(data["path"])
    messages.success(
        request,
        _(
            "%(created)d answers were imported; %(already)d rows had been imported before and "
            "%(refused)d rows were refused."
        )
        % {
            "created": result.created,
            "already": len(result.plan.already),
            "refused": len(result.plan.refused_rows),
        },
    )
    return redirect("needs:xlsform", code=survey.code)


urlpatterns = [
    path("surveys/<slug:code>/xlsform/answers/", answers_preview, name="answers_import"),
    path(
        "surveys/<slug:code>/xlsform/answers/confirm/",
        answers_confirm,
        name="answers_import_confirm",
    ),
]
