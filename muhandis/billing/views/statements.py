"""Bank statement reconciliation: upload, see what each row would do, then confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.core import previews

from .. import statements
from ..access import billing_staff_required
from ..forms import StatementUploadForm

PREVIEW_SALT = "billing.statement"
KEPT_FILES = "bank-statements"


@billing_staff_required
@require_http_methods(["GET", "POST"])
def statement_upload(request: HttpRequest) -> HttpResponse:
    """Upload a statement and see which rows pay which invoice (nothing is written yet)."""
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    plan, confirm = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            plan = statements.plan_statement(content=content)
        except statements.StatementError as exc:
            form.add_error("file", str(exc))
        else:
            if plan.matched:
                confirm = previews.keep(
                    content,
                    folder=KEPT_FILES,
                    salt=PREVIEW_SALT,
                    actor=request.user,
                    name=(upload.name or "statement")[:200],
                )
    context = {"form": form, "plan": plan, "confirm": confirm, "Outcome": statements.Outcome}
    return render(
        request, "billing/statements/upload.html", context, status=400 if form.errors else 200
    )


@billing_staff_required
@require_POST
def statement_confirm(request: HttpRequest) -> HttpResponse:
    """Record the matched rows of exactly the statement that was previewed."""
    try:
        content, data = previews.kept(request.POST, salt=PREVIEW_SALT, actor=request.user)
        result = statements.reconcile_statement(
            content=content, filename=data["name"], actor=request.user
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("billing:statement_upload")
    except statements.StatementError as exc:
        messages.error(request, str(exc))
        return redirect("billing:statement_upload")
    default_storage.delete(data["path"])
    messages.success(
        request,
        _("%(recorded)d payments were recorded; %(left)d rows are left for a person to handle.")
        % {"recorded": result.recorded, "left": result.left_for_a_person},
    )
    return render(
        request,
        "billing/statements/upload.html",
        {
            "form": StatementUploadForm(),
            "plan": result.plan,
            "done": True,
            "Outcome": statements.Outcome,
        },
    )


urlpatterns = [
    path("", statement_upload, name="statement_upload"),
    path("confirm/", statement_confirm, name="statement_confirm"),
]
