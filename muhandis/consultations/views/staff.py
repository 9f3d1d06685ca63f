"""The staff's pages: the list of consultations, creating and editing one, its clauses (pasted
and split, or one by one), opening it, the summary per clause, the response and the exports.
The administrator and the moderator write; the registrar reads."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts import selectors as accounts
from muhandis.accounts.permissions import role_required
from muhandis.core.formviews import apply_errors

from ..exports import consultation_pdf, consultation_xlsx
from ..forms import ClauseForm, ConsultationForm, PasteForm, ResponseForm, SummaryForm
from ..models import Consultation, Status
from ..permissions import EDITORS, READERS
from ..selectors import consultations as selectors
from ..services import clauses as clause_services
from ..services import consultations as services


def _get(public_id: UUID) -> Consultation:
    return selectors.get_consultation(public_id, drafts=True)


def _done(consultation: Consultation, message: str, request: HttpRequest) -> HttpResponse:
    messages.success(request, message)
    return redirect("consultations:manage", public_id=consultation.public_id)


def _try(form: Form, action: Callable[[], object]) -> bool:
    """Run the service; False with its refusal on the form."""
    try:
        action()
    except ValidationError as error:
        apply_errors(form, error)
        return False
    return True


@role_required(*READERS)
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultations/page_staff_list.html",
        {
            "consultations": selectors.staff_consultations(),
            "today": timezone.localdate(),
            "may_edit": bool(accounts.roles_of(request.user) & set(EDITORS)),
        },
    )


def _form_page(
    request: HttpRequest, form: ConsultationForm, consultation: Consultation | None
) -> HttpResponse:
    return render(
        request,
        "consultations/page_form.html",
        {"form": form, "consultation": consultation},
        status=400 if form.errors else 200,
    )


@role_required(*EDITORS)
def new(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made: list[Consultation] = []
        if _try(
            form,
            lambda: made.append(
                services.create_consultation(
                    actor=request.user, values=form.values(), request=request
                )
            ),
        ):
            messages.success(request, _("The consultation is created as a draft. Add its clauses."))
            return redirect("consultations:clauses", public_id=made[0].public_id)
    return _form_page(request, form, None)


@role_required(*EDITORS)
def edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    consultation = _get(public_id)
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        consultation = _get(public_id)  # the form wrote into its instance while cleaning
        if _try(
            form,
            lambda: services.update_consultation(
                actor=request.user, consultation=consultation, values=values, request=request
            ),
        ):
            return _done(consultation, _("The consultation is saved."), request)
    return _form_page(request, form, consultation)


def _manage_page(request: HttpRequest, consultation: Consultation, **forms: Any) -> HttpResponse:
    views = selectors.clause_views(consultation, with_comments=True, reader_id=None)
    bound_clause = forms.pop("clause_id", None)
    for view in views:
        clause = view.clause
        view.form = (  # type: ignore[attr-defined]
            forms["summary_form"]
            if bound_clause == clause.pk
            else SummaryForm(
                prefix=f"s{clause.pk}",
                initial={n: getattr(clause, n) for n in services.SUMMARY_FIELDS},
            )
        )
    response_form = forms.get("response_form") or ResponseForm(
        initial={n: getattr(consultation, n) for n in services.RESPONSE_FIELDS}
    )
    context = {
        "consultation": consultation,
        "views": views,
        "totals": selectors.totals(views),
        "response_form": response_form,
        "action_errors": forms.get("action_errors", []),
        "may_edit": bool(accounts.roles_of(request.user) & set(EDITORS)),
        "is_draft": consultation.status == Status.DRAFT,
    }
    invalid = bool(forms)
    return render(
        request, "consultations/page_manage.html", context, status=400 if invalid else 200
    )


@role_required(*READERS)
def manage(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _manage_page(request, _get(public_id))


def _action(request: HttpRequest, public_id: UUID, action: Callable, done: str) -> HttpResponse:
    consultation = _get(public_id)
    try:
        action(consultation)
    except ValidationError as error:
        return _manage_page(request, consultation, action_errors=error.messages)
    return _done(consultation, done, request)


@require_POST
@role_required(*EDITORS)
def open_for_comments(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _action(
        request,
        public_id,
        lambda c: services.open_consultation(actor=request.user, consultation=c, request=request),
        _("The consultation is open for comments; the people who may take part are told."),
    )


@require_POST
@role_required(*EDITORS)
def summary(request: HttpRequest, public_id: UUID, clause_id: int) -> HttpResponse:
    consultation = _get(public_id)
    clause = selectors.get_clause(consultation, clause_id)
    form = SummaryForm(request.POST, prefix=f"s{clause.pk}")
    if form.is_valid() and _try(
        form,
        lambda: services.write_clause_summary(
            actor=request.user, clause=clause, values=form.cleaned_data, request=request
        ),
    ):
        return _done(
            consultation,
            _("The summary of clause %(number)s is saved.") % {"number": clause.number},
            request,
        )
    return _manage_page(request, consultation, summary_form=form, clause_id=clause.pk)


@require_POST
@role_required(*EDITORS)
def response(request: HttpRequest, public_id: UUID) -> HttpResponse:
    consultation = _get(public_id)
    form = ResponseForm(request.POST)
    if form.is_valid() and _try(
        form,
        lambda: services.save_response(
            actor=request.user, consultation=consultation, values=form.cleaned_data, request=request
        ),
    ):
        return _done(consultation, _("The response is saved."), request)
    return _manage_page(request, consultation, response_form=form)


@require_POST
@role_required(*EDITORS)
def publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _action(
        request,
        public_id,
        lambda c: services.publish_response(actor=request.user, consultation=c, request=request),
        _("The response is published; everyone who commented is told."),
    )


def _clauses_page(
    request: HttpRequest,
    consultation: Consultation,
    *,
    paste_form: PasteForm | None = None,
    preview: list | None = None,
    clause_form: ClauseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "consultation": consultation,
        "clauses": list(consultation.clauses.order_by("order", "id")),
        "paste_form": paste_form or PasteForm(),
        "preview": preview,
        "clause_form": clause_form or ClauseForm(),
        "may_edit": consultation.status == Status.DRAFT
        and bool(accounts.roles_of(request.user) & set(EDITORS)),
    }
    return render(request, "consultations/page_clauses.html", context, status=status)


@role_required(*READERS)
def clauses(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The clauses; POST (editors) splits pasted text for a preview, or replaces the clauses
    with it once confirmed."""
    consultation = _get(public_id)
    if request.method != "POST":
        return _clauses_page(request, consultation)
    if not accounts.roles_of(request.user) & set(EDITORS):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only the administrator and the moderator change clauses."))
    form = PasteForm(request.POST)
    if not form.is_valid():
        return _clauses_page(request, consultation, paste_form=form, status=400)
    pasted = form.cleaned_data["pasted"]
    if "confirm" in request.POST and _try(
        form,
        lambda: clause_services.replace_clauses(
            actor=request.user, consultation=consultation, pasted=pasted, request=request
        ),
    ):
        messages.success(request, _("The clauses are replaced by those of the pasted text."))
        return redirect("consultations:clauses", public_id=consultation.public_id)
    preview = clause_services.split_clauses(pasted)
    if not preview and not form.errors:
        form.add_error(
            "pasted",
            _("No clause was found: start each clause on its own line with its number, e.g. 3.2."),
        )
    return _clauses_page(
        request,
        consultation,
        paste_form=form,
        preview=preview,
        status=400 if form.errors else 200,
    )


def _clause_form_page(
    request: HttpRequest, consultation: Consultation, form: ClauseForm, clause: Any
) -> HttpResponse:
    return render(
        request,
        "consultations/page_clause_form.html",
        {"consultation": consultation, "form": form, "clause": clause},
        status=400 if form.errors else 200,
    )


@role_required(*EDITORS)
def clause_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _clause_edit(request, public_id, None)


@role_required(*EDITORS)
def clause_edit(request: HttpRequest, public_id: UUID, clause_id: int) -> HttpResponse:
    return _clause_edit(request, public_id, clause_id)


def _clause_edit(request: HttpRequest, public_id: UUID, clause_id: int | None) -> HttpResponse:
    consultation = _get(public_id)
    clause = selectors.get_clause(consultation, clause_id) if clause_id else None
    form = ClauseForm(request.POST or None, instance=clause)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        fresh = selectors.get_clause(consultation, clause_id) if clause_id else None
        if _try(
            form,
            lambda: clause_services.save_clause(
                actor=request.user,
                consultation=consultation,
                values=values,
                clause=fresh,
                request=request,
            ),
        ):
            messages.success(request, _("The clause is saved."))
            return redirect("consultations:clauses", public_id=consultation.public_id)
    return _clause_form_page(request, consultation, form, clause)


@require_POST
@role_required(*EDITORS)
def clause_remove(request: HttpRequest, public_id: UUID, clause_id: int) -> HttpResponse:
    consultation = _get(public_id)
    clause = selectors.get_clause(consultation, clause_id)
    try:
        clause_services.remove_clause(actor=request.user, clause=clause, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The clause is removed."))
    return redirect("consultations:clauses", public_id=consultation.public_id)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    answer = HttpResponse(content, content_type=content_type)
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer


@role_required(*READERS)
def export_xlsx(request: HttpRequest, public_id: UUID) -> HttpResponse:
    content, filename = consultation_xlsx(
        consultation=_get(public_id), actor=request.user, request=request
    )
    return _download(
        content, filename, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


@role_required(*READERS)
def export_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    content, filename = consultation_pdf(
        consultation=_get(public_id), actor=request.user, request=request
    )
    return _download(content, filename, "application/pdf")


urlpatterns = [
    path("staff/", staff_list, name="staff_list"),
    path("staff/new/", new, name="new"),
    path("staff/<uuid:public_id>/", manage, name="manage"),
    path("staff/<uuid:public_id>/edit/", edit, name="edit"),
    path("staff/<uuid:public_id>/open/", open_for_comments, name="open"),
    path("staff/<uuid:public_id>/clauses/", clauses, name="clauses"),
    path("staff/<uuid:public_id>/clauses/new/", clause_new, name="clause_new"),
    path("staff/<uuid:public_id>/clauses/<int:clause_id>/", clause_edit, name="clause_edit"),
    path(
        "staff/<uuid:public_id>/clauses/<int:clause_id>/remove/",
        clause_remove,
        name="clause_remove",
    ),
    path("staff/<uuid:public_id>/clauses/<int:clause_id>/summary/", summary, name="summary"),
    path("staff/<uuid:public_id>/response/", response, name="response"),
    path("staff/<uuid:public_id>/publish/", publish, name="publish"),
    path("staff/<uuid:public_id>/export.xlsx", export_xlsx, name="export_xlsx"),
    path("staff/<uuid:public_id>/export.pdf", export_pdf, name="export_pdf"),
]
