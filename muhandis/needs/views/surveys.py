"""Staff pages of needs surveys: the list, building and changing a draft, opening and closing,
the public link with its QR code, invitations, and the response monitor.

Managers (the training manager, the administrator) do everything and see who answered; report
viewers see the list of surveys and their counts only."""

import io
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts import selectors as accounts_selectors
from muhandis.accounts.permissions import role_required
from muhandis.core.formviews import apply_errors, form_page, submitted

from .. import tasks
from ..forms import (
    EmailInviteForm,
    ReasonForm,
    RoleInviteForm,
    SupervisorInviteForm,
    SurveyForm,
    region_choices,
)
from ..models import Invitation, RespondentKind, Survey, SurveyStatus
from ..permissions import MANAGERS, READERS
from ..services import distribution, surveys

INVITATIONS_PER_PAGE = 100


def _survey(code: str) -> Survey:
    return get_object_or_404(Survey.objects.select_related("framework", "role_profile"), code=code)


@role_required(*READERS)
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    found = list(Survey.objects.select_related("framework").order_by("-created_at", "-pk"))
    counts = distribution.response_counts(found)
    rows = [(survey, counts[survey.pk]) for survey in found]
    manager = bool(accounts_selectors.roles_of(request.user) & set(MANAGERS))
    return render(request, "needs/survey_list.html", {"rows": rows, "manager": manager})


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None)
    made: list[Survey] = []

    def create(data: dict) -> None:
        made.append(
            surveys.create_survey(actor=request.user, code=data["code"], **form.service_arguments())
        )

    if submitted(request, form, create, _("The survey was created as a draft.")):
        return redirect("needs:survey_detail", code=made[0].code)
    return form_page(request, "needs/survey_form.html", {"form": form, "survey": None})


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, code: str) -> HttpResponse:
    survey = _survey(code)
    if survey.status != SurveyStatus.DRAFT:
        messages.warning(request, _("Only a draft survey can be changed."))
        return redirect("needs:survey_detail", code=code)
    form = SurveyForm(request.POST or None, survey=survey)

    def change(data: dict) -> None:
        surveys.update_survey(actor=request.user, survey=survey, **form.service_arguments())

    if submitted(request, form, change, _("The survey was changed.")):
        return redirect("needs:survey_detail", code=code)
    context = {"form": form, "survey": survey, "answered": surveys.has_answers(survey)}
    return form_page(request, "needs/survey_form.html", context)


def _forms(survey: Survey, data: Any = None, which: str = "") -> dict[str, Any]:
    """The invitation forms of the detail page; the one ``which`` names gets ``data``."""
    regions = region_choices()
    forms: dict[str, Any] = {
        "role_form": RoleInviteForm(
            data if which == "role" else None, prefix="role", regions=regions
        ),
        "email_form": EmailInviteForm(
            data if which == "emails" else None, prefix="emails", survey=survey
        ),
    }
    if RespondentKind.SUPERVISOR in survey.kinds:
        forms["supervisor_form"] = SupervisorInviteForm(
            data if which == "supervisors" else None, prefix="supervisors", regions=regions
        )
    if RespondentKind.SELF not in survey.kinds:
        forms.pop("role_form")
    return forms


def public_url(survey: Survey) -> str:
    """The survey's public link without a language: each respondent's browser is sent on to
    the survey in its own language (the link printed as a QR code serves everyone)."""
    path = reverse("needs:respond_public", kwargs={"token": survey.public_token})
    prefix = f"/{get_language()}/"
    if path.startswith(prefix):
        path = path[len(prefix) - 1 :]
    return settings.SITE_URL.rstrip("/") + path


def _qr(url: str) -> str:
    return segno.make(url, error="m").svg_inline(
        scale=4, title=_("QR code of the survey's public link"), omitsize=False
    )


class _Counted(Paginator):
    """A paginator told the number of rows (already counted with the distribution lists)."""

    def __init__(self, rows: Any, per_page: int, count: int) -> None:
        super().__init__(rows, per_page)
        self._known = count

    @property
    def count(self) -> int:
        return self._known


def _invitations_page(request: HttpRequest, survey: Survey, total: int) -> Any:
    rows = Invitation.objects.filter(survey=survey).order_by("distribution", "email")
    return _Counted(rows, INVITATIONS_PER_PAGE, total).get_page(request.GET.get("page"))


def _detail(request: HttpRequest, survey: Survey, **forms: Any) -> HttpResponse:
    link = public_url(survey)
    lists = distribution.distribution_counts(survey)
    by_kind = distribution.responses_by_kind(survey)
    invitations = _invitations_page(request, survey, sum(row.invited for row in lists))
    context = {
        "survey": survey,
        "public_url": link,
        "unsent": sum(row.invited - row.sent for row in lists),
        "qr_svg": _qr(link) if survey.public_link else "",
        "accepting": surveys.accepting_answers(survey),
        "lists": lists,
        "counts": {
            "submitted": sum(row["submitted"] for row in by_kind),
            "in_progress": sum(row["in_progress"] for row in by_kind),
        },
        "by_kind": by_kind,
        "invitations": invitations,
        "reason_form": ReasonForm(),
        "reminder_days": distribution.reminder_days(),
        "max_reminders": distribution.max_reminders(),
        **(_forms(survey) | forms),
    }
    return form_page(request, "needs/survey_detail.html", context)


@role_required(*MANAGERS)
@require_GET
def survey_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, _survey(code))


@role_required(*MANAGERS)
@require_GET
def survey_qr_png(request: HttpRequest, code: str) -> HttpResponse:
    """The public link's QR code as a PNG large enough to print on a poster."""
    survey = _survey(code)
    buffer = io.BytesIO()
    segno.make(public_url(survey), error="m").save(buffer, kind="png", scale=16, border=4)
    reply = HttpResponse(buffer.getvalue(), content_type="image/png")
    reply["Content-Disposition"] = f'attachment; filename="{survey.code}-qr.png"'
    return reply


def _status_change(request: HttpRequest, code: str, action: Any, done: str) -> HttpResponse:
    survey = _survey(code)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        action(actor=request.user, survey=survey, reason=reason)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("needs:survey_detail", code=code)


@role_required(*MANAGERS)
@require_POST
def survey_open(request: HttpRequest, code: str) -> HttpResponse:
    return _status_change(request, code, surveys.open_survey, _("The survey is open for answers."))


@role_required(*MANAGERS)
@require_POST
def survey_close(request: HttpRequest, code: str) -> HttpResponse:
    return _status_change(request, code, surveys.close_survey, _("The survey is closed."))


def _invited_message(request: HttpRequest, result: distribution.Invited) -> None:
    messages.success(
        request,
        _("%(count)s people invited. Send the invitations when you are ready.")
        % {"count": result.created},
    )
    if result.already:
        shown = ", ".join(result.already[:10])
        more = len(result.already) - 10
        messages.info(
            request,
            _("%(count)s were invited already and were not invited again: %(emails)s")
            % {"count": len(result.already), "emails": shown + (f" (+{more})" if more > 0 else "")},
        )


def _invite(request: HttpRequest, code: str, which: str, call: Any) -> HttpResponse:
    survey = _survey(code)
    forms = _forms(survey, request.POST, which)
    form = forms.get(
        {"role": "role_form", "supervisors": "supervisor_form"}.get(which, "email_form")
    )
    if form is None:
        messages.error(request, _("This survey is not answered by this group."))
        return redirect("needs:survey_detail", code=code)
    if form.is_valid():
        try:
            data = dict(form.cleaned_data)
            if "region" in form.fields:
                data["region"] = form.chosen_region()
            result = call(survey, data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _invited_message(request, result)
            return redirect("needs:survey_detail", code=code)
    return _detail(request, survey, **forms)


@role_required(*MANAGERS)
@require_POST
def survey_invite_role(request: HttpRequest, code: str) -> HttpResponse:
    return _invite(
        request,
        code,
        "role",
        lambda survey, data: distribution.invite_role(
            actor=request.user,
            survey=survey,
            role=data["role"],
            distribution=data["distribution"],
            region=data["region"],
        ),
    )


@role_required(*MANAGERS)
@require_POST
def survey_invite_supervisors(request: HttpRequest, code: str) -> HttpResponse:
    return _invite(
        request,
        code,
        "supervisors",
        lambda survey, data: distribution.invite_supervisors(
            actor=request.user,
            survey=survey,
            distribution=data["distribution"],
            region=data["region"],
        ),
    )


@role_required(*MANAGERS)
@require_POST
def survey_invite_emails(request: HttpRequest, code: str) -> HttpResponse:
    return _invite(
        request,
        code,
        "emails",
        lambda survey, data: distribution.invite_emails(
            actor=request.user,
            survey=survey,
            text=data["emails"],
            distribution=data["distribution"],
            kind=data["kind"],
            language=data["language"],
        ),
    )


@role_required(*MANAGERS)
@require_POST
def survey_send(request: HttpRequest, code: str) -> HttpResponse:
    """Send the invitations not sent yet, in the background."""
    survey = _survey(code)
    if survey.status != SurveyStatus.OPEN:
        messages.error(request, _("Open the survey before sending its invitations."))
        return redirect("needs:survey_detail", code=code)
    pending = Invitation.objects.filter(survey=survey, sent_at__isnull=True).count()
    if not pending:
        messages.info(request, _("Every invitation has been sent already."))
        return redirect("needs:survey_detail", code=code)
    tasks.send_survey_invitations.enqueue(survey.pk)
    messages.success(
        request,
        _("%(count)s invitations are being sent, each in the person's language.")
        % {"count": pending},
    )
    return redirect("needs:survey_detail", code=code)


urlpatterns = [
    path("surveys/", survey_list, name="survey_list"),
    path("surveys/new/", survey_new, name="survey_new"),
    path("surveys/<slug:code>/", survey_detail, name="survey_detail"),
    path("surveys/<slug:code>/edit/", survey_edit, name="survey_edit"),
    path("surveys/<slug:code>/open/", survey_open, name="survey_open"),
    path("surveys/<slug:code>/close/", survey_close, name="survey_close"),
    path("surveys/<slug:code>/qr.png", survey_qr_png, name="survey_qr"),
    path("surveys/<slug:code>/invite/role/", survey_invite_role, name="survey_invite_role"),
    path(
        "surveys/<slug:code>/invite/supervisors/",
        survey_invite_supervisors,
        name="survey_invite_supervisors",
    ),
    path("surveys/<slug:code>/invite/emails/", survey_invite_emails, name="survey_invite_emails"),
    path("surveys/<slug:code>/send/", survey_send, name="survey_send"),
]
