"""The respondent's pages: no account needed. A public link (anonymous) or a personal link from
an email starts a response; the response's own secret link (kept in the browser in a signed
cookie, and shown to the respondent) leads through one page per competency area, a background
page and a review page. Each rating is saved as soon as it is chosen (htmx), and every page's
buttons save the whole page without JavaScript."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signing import BadSignature
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.core import ratelimit

from ..forms import BackgroundForm, StartForm
from ..models import (
    RespondentKind,
    Response,
    ScaleKind,
    Survey,
    SurveyItem,
    SurveyStatus,
)
from ..services import answers
from ..services.surveys import accepting_answers

COOKIE_SALT = "needs.resume"
# Responses one address may start through a public link in a minute (a venue's wifi may put a
# whole event behind one address, so the limit is generous; it stops scripts, not people).
STARTS_PER_MINUTE = 60
COOKIE_AGE = 180 * 24 * 60 * 60


def cookie_name(survey: Survey) -> str:
    return f"needs_{survey.public_id.hex[:12]}"


def _remember(reply: HttpResponse, response: Response) -> HttpResponse:
    reply.set_signed_cookie(
        cookie_name(response.survey),
        response.resume_token,
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return reply


def _remembered(request: HttpRequest, survey: Survey) -> Response | None:
    try:
        token = request.get_signed_cookie(
            cookie_name(survey), default=None, salt=COOKIE_SALT, max_age=COOKIE_AGE
        )
    except BadSignature:
        return None
    if not token:
        return None
    return Response.objects.filter(resume_token=token, survey=survey).first()


def _unusable(
    request: HttpRequest, exc: ValidationError, survey: Survey | None = None
) -> HttpResponse:
    code = getattr(exc, "code", None)
    if code == "used":
        return render(request, "needs/respond_thanks.html", {"survey": survey, "already": True})
    if code == "closed":
        return _closed(request, survey)
    return render(
        request, "needs/respond_invalid.html", {"message": " ".join(exc.messages)}, status=404
    )


def _closed(request: HttpRequest, survey: Survey | None) -> HttpResponse:
    """The survey is a draft, closed, or outside its dates: say which, plainly."""
    not_yet = survey is not None and (
        survey.status == SurveyStatus.DRAFT
        or (
            survey.status == SurveyStatus.OPEN
            and survey.opens_on is not None
            and timezone.localdate() < survey.opens_on
        )
    )
    return render(request, "needs/respond_closed.html", {"survey": survey, "not_yet": not_yet})


def _start_page(
    request: HttpRequest, survey: Survey, form: StartForm, **extra: Any
) -> HttpResponse:
    context = {"survey": survey, "form": form, **extra}
    return render(request, "needs/respond_start.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def public(request: HttpRequest, token: str) -> HttpResponse:
    """The survey's public link: its introduction, the choice of answering about oneself or
    one's staff, and the start (which creates the response)."""
    survey = Survey.objects.filter(public_token=token).select_related("framework").first()
    if survey is None:
        raise Http404(_("There is no survey at this address."))
    if not (survey.public_link and accepting_answers(survey)):
        return _closed(request, survey)
    earlier = _remembered(request, survey)
    if request.method == "GET" and earlier is not None and earlier.submitted_at is None:
        return redirect("needs:respond_page", token=earlier.resume_token, page=1)
    form = StartForm(request.POST or None, kinds=list(survey.kinds))
    if request.method == "POST" and form.is_valid():
        wait = ratelimit.exceeded(request, "needs-start", per_minute=STARTS_PER_MINUTE)
        if wait is not None:
            form.add_error(
                None,
                _("Too many answers were started from here: try again in %(seconds)d seconds.")
                % {"seconds": wait},
            )
            reply = _start_page(request, survey, form)
            reply.status_code, reply["Retry-After"] = 429, str(wait)
            return reply
        try:
            response = answers.start_public(
                survey=survey, kind=form.cleaned_data["kind"], language=get_language()
            )
        except ValidationError as exc:
            return _unusable(request, exc, survey)
        reply = redirect("needs:respond_page", token=response.resume_token, page=1)
        return _remember(reply, response)
    answered_here = earlier is not None and earlier.submitted_at is not None
    return _start_page(request, survey, form, answered_here=answered_here)


@require_http_methods(["GET", "POST"])
def personal(request: HttpRequest, token: str) -> HttpResponse:
    """A personal, single-use link from an invitation: once answered it only says thank you."""
    try:
        invitation = answers.invitation_from_token(token)
    except ValidationError as exc:
        return _unusable(request, exc)
    survey = invitation.survey
    if invitation.answered_at is not None:
        return render(request, "needs/respond_thanks.html", {"survey": survey, "already": True})
    existing = Response.objects.filter(invitation=invitation).first()
    if request.method == "GET" and existing is None:
        if not accepting_answers(survey):
            return _closed(request, survey)
        form = StartForm(kinds=[invitation.kind])
        return _start_page(request, survey, form, invitation=invitation)
    try:
        response = answers.start_personal(invitation=invitation, language=get_language())
    except ValidationError as exc:
        return _unusable(request, exc, survey)
    return _remember(redirect("needs:respond_page", token=response.resume_token, page=1), response)


@require_http_methods(["GET"])
def resume(request: HttpRequest, token: str) -> HttpResponse:
    """The response's own link: back to the first page (or the thank-you page)."""
    return redirect("needs:respond_page", token=token, page=1)


# The pages -------------------------------------------------------------------------------------


@dataclass
class Question:
    name: str
    legend: str
    value: Any
    low_label: str
    high_label: str


@dataclass
class Block:
    item: SurveyItem
    questions: list[Question]
    error: str = ""


def _levels(survey: Survey) -> list[tuple[int, str, str]]:
    """The scale's values with their names and descriptions: the framework's levels, else the
    bare numbers (the ends are labelled on the page)."""
    values = range(survey.scale_min, survey.scale_max + 1)
    if survey.scale == ScaleKind.FRAMEWORK and survey.framework.scale_id:
        levels = {level.value: level for level in survey.framework.scale.levels.all()}
        return [
            (value, levels[value].name, levels[value].description) if value in levels
            else (value, str(value), "")
            for value in values
        ]  # fmt: skip
    return [(value, "", "") for value in values]


def _wording(kind: str) -> dict[str, str]:
    if kind == RespondentKind.SUPERVISOR:
        return {
            "importance": _("How important is this for your staff's work (required level)?"),
            "current": _("What is your staff's current level?"),
        }
    return {
        "importance": _("How important is this for your work (required level)?"),
        "current": _("What is your current level?"),
    }


@dataclass
class Pages:
    """The response's pages: one per area, then background, then review."""

    areas: list[tuple[Any, list[SurveyItem]]]

    @property
    def background(self) -> int:
        return len(self.areas) + 1

    @property
    def review(self) -> int:
        return len(self.areas) + 2

    def page_of(self, item_id: int) -> int:
        for number, (_area, items) in enumerate(self.areas, start=1):
            if any(item.pk == item_id for item in items):
                return number
        return 1


def _pages(survey: Survey) -> Pages:
    items = (
        SurveyItem.objects.filter(survey=survey)
        .select_related("competency__area")
        .order_by("sort_order", "pk")
    )
    areas: list[tuple[Any, list[SurveyItem]]] = []
    for item in items:
        area = item.competency.area
        if not areas or areas[-1][0].pk != area.pk:
            areas.append((area, []))
        areas[-1][1].append(item)
    return Pages(areas)


def _blocks(
    response: Response, items: list[SurveyItem], posted: dict[int, tuple[Any, Any]] | None = None
) -> list[Block]:
    saved = {
        rating.item_id: (rating.importance, rating.current)
        for rating in response.ratings.filter(item__in=items)
    }
    wording = _wording(response.kind)
    survey = response.survey
    low_high = {
        "importance": (_("not needed"), _("essential")),
        "current": (_("none"), _("very high")),
    }
    if survey.scale == ScaleKind.FRAMEWORK:
        low_high = {"importance": ("", ""), "current": ("", "")}
    blocks = []
    for item in items:
        values = (posted or {}).get(item.pk) or saved.get(item.pk, (None, None))
        questions = [
            Question(f"imp-{item.pk}", wording["importance"], values[0], *low_high["importance"]),
            Question(f"cur-{item.pk}", wording["current"], values[1], *low_high["current"]),
        ]
        blocks.append(Block(item=item, questions=questions))
    return blocks


def _go(request: HttpRequest, page: int, pages: Pages) -> int:
    target = request.POST.get("go", "next")
    if target == "previous":
        return max(1, page - 1)
    if target.isdigit():
        return min(max(1, int(target)), pages.review)
    return min(page + 1, pages.review)


def _posted_ratings(request: HttpRequest, items: list[SurveyItem]) -> dict[int, tuple[Any, Any]]:
    return {
        item.pk: (request.POST.get(f"imp-{item.pk}", ""), request.POST.get(f"cur-{item.pk}", ""))
        for item in items
    }


def _context(request: HttpRequest, response: Response, pages: Pages, page: int) -> dict[str, Any]:
    resume_url = request.build_absolute_uri(
        reverse("needs:respond_resume", kwargs={"token": response.resume_token})
    )
    return {
        "survey": response.survey,
        "response": response,
        "pages": pages,
        "page": page,
        "page_numbers": range(1, pages.review + 1),
        "resume_url": resume_url,
        "supervisor": response.kind == RespondentKind.SUPERVISOR,
        "personal": response.invitation_id is not None,
    }


@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, token: str, page: int) -> HttpResponse:
    try:
        response = answers.response_from_token(token)
    except ValidationError as exc:
        return _unusable(request, exc)
    try:
        answers.check_answering(response)
    except ValidationError as exc:
        return _unusable(request, exc, response.survey)
    pages = _pages(response.survey)
    if not 1 <= page <= pages.review:
        return redirect("needs:respond_page", token=token, page=1)
    context = _context(request, response, pages, page)
    if page == pages.background:
        return _background(request, response, pages, context)
    if page == pages.review:
        context["unrated"] = [
            (item, pages.page_of(item.pk)) for item in answers.unrated_items(response)
        ]
        return render(request, "needs/respond_review.html", context)
    area, items = pages.areas[page - 1]
    posted = None
    errors: dict[int, str] = {}
    if request.method == "POST":
        posted = _posted_ratings(request, items)
        try:
            result = answers.save_ratings(response=response, values=posted)
        except ValidationError as exc:
            return _unusable(request, exc, response.survey)
        if not result.errors:
            return redirect("needs:respond_page", token=token, page=_go(request, page, pages))
        errors = result.errors
    blocks = _blocks(response, items, posted)
    for block in blocks:
        block.error = errors.get(block.item.pk, "")
    context |= {
        "area": area,
        "blocks": blocks,
        "levels": _levels(response.survey),
        "errors": [block for block in blocks if block.error],
    }
    return render(request, "needs/respond_page.html", context, status=400 if errors else 200)


def _background(
    request: HttpRequest, response: Response, pages: Pages, context: dict[str, Any]
) -> HttpResponse:
    supervisor = response.kind == RespondentKind.SUPERVISOR
    initial = {name: getattr(response, name) for name in answers.BACKGROUND_FIELDS}
    initial["region"] = response.region_id
    initial |= {name: getattr(response, name) for name in answers.OPEN_FIELDS}
    form = BackgroundForm(request.POST or None, initial=initial, supervisor=supervisor)
    if request.method == "POST" and form.is_valid():
        try:
            answers.save_background(response=response, data=form.cleaned_data)
        except ValidationError as exc:
            return _unusable(request, exc, response.survey)
        target = _go(request, pages.background, pages)
        return redirect("needs:respond_page", token=response.resume_token, page=target)
    context["form"] = form
    return render(
        request, "needs/respond_background.html", context, status=400 if form.errors else 200
    )


@require_POST
def submit(request: HttpRequest, token: str) -> HttpResponse:
    try:
        response = answers.response_from_token(token)
    except ValidationError as exc:
        return _unusable(request, exc)
    try:
        answers.submit_response(response=response, request=request)
    except ValidationError as exc:
        return _unusable(request, exc, response.survey)
    return render(request, "needs/respond_thanks.html", {"survey": response.survey})


@require_POST
def save(request: HttpRequest, token: str, item: int) -> HttpResponse:
    """The autosave of one competency's ratings (htmx): a few words to show beside it.

    A refusal is answered 200 to htmx (which swaps only successful answers into the page, and
    the respondent must see why), 400 to anything else."""
    refused = 200 if request.headers.get("HX-Request") else 400
    try:
        response = (
            Response.objects.select_related("survey").only(
                "pk", "kind", "submitted_at", "survey_id", "survey__status",
                "survey__opens_on", "survey__closes_on", "survey__scale_min",
                "survey__scale_max",
            ).get(resume_token=token)
        )  # fmt: skip
    except Response.DoesNotExist:
        return HttpResponse(_("This link is not valid."), status=404)
    try:
        answers.check_answering(response)
        given = tuple(
            name
            for name, field in (("importance", f"imp-{item}"), ("current", f"cur-{item}"))
            if field in request.POST
        )
        answers.save_rating(
            response=response,
            item_id=item,
            importance=request.POST.get(f"imp-{item}"),
            current=request.POST.get(f"cur-{item}"),
            given=given,
        )
    except ValidationError as exc:
        message = format_html('<span class="text-danger">{}</span>', " ".join(exc.messages))
        return HttpResponse(message, status=refused)
    return HttpResponse(format_html('<span class="text-success">{}</span>', _("Saved")))


urlpatterns = [
    path("s/<str:token>/", public, name="respond_public"),
    path("i/<str:token>/", personal, name="respond_personal"),
    path("r/<str:token>/", resume, name="respond_resume"),
    path("r/<str:token>/<int:page>/", page, name="respond_page"),
    path("r/<str:token>/save/<int:item>/", save, name="respond_save"),
    path("r/<str:token>/submit/", submit, name="respond_submit"),
]
