"""The candidate's exam pages: their registrations and the start, and the exam itself, where
every answer is saved on the server as it is given (htmx) and the server's clock decides when
the exam ends.

Each browser tab has its own id (``static/js/exam-device.js``), sent with the start and, as the
``X-Exam-Device`` header, with every save: a save from another tab or device is logged for the
invigilator and the candidate is told."""

import uuid
from collections import defaultdict
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from muhandis.exams.attempts import services as attempts
from muhandis.exams.attempts.selectors import check_candidate, find_attempt
from muhandis.exams.bank.rendering import images_by_number, render_text
from muhandis.exams.models import Attempt, ItemImage, Registration, Result
from muhandis.exams.results import services as results
from muhandis.exams.selectors import candidate_status
from muhandis.exams.sittings import services as sittings

DEVICE_HEADER = "X-Exam-Device"


def _attempt(public_id: uuid.UUID) -> Attempt:
    attempt = find_attempt(public_id)
    if attempt is None:
        raise Http404
    return attempt


def _own_attempt(request: HttpRequest, public_id: uuid.UUID) -> Attempt:
    """The attempt, if the one rule lets the signed-in person see it; a refusal is a 404 here."""
    attempt = _attempt(public_id)
    try:
        check_candidate(attempt=attempt, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    return attempt


@login_required
@require_GET
def attempt_page(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    attempt = _own_attempt(request, public_id)
    if attempt.status == Attempt.Status.IN_PROGRESS and timezone.now() > attempt.deadline:
        attempt = attempts.submit(attempt=attempt, actor=None, automatically=True)
    state = attempts.state_for_candidate(attempt, request.user)
    one = request.GET.get("view") == "one"
    questions = state["questions"]
    if attempt.status == Attempt.Status.IN_PROGRESS:
        _add_html(attempt, questions)
    try:
        current = min(max(int(request.GET.get("q", 1)), 1), len(questions))
    except ValueError:
        current = 1
    context = {
        "attempt": attempt,
        "state": state,
        "questions": [questions[current - 1]] if one and questions else questions,
        "one": one,
        "current": current,
        "count": len(questions),
    }
    return render(request, "exams/attempt.html", context)


def _images_of_form(attempt: Attempt) -> dict[int, dict[int, ItemImage]]:
    """The images of the items on the form, by version id and number (one query)."""
    found = ItemImage.objects.filter(item__versions__pk__in=attempt.form).annotate(
        version_id=F("item__versions__pk")
    )
    by_version: dict[int, list[ItemImage]] = defaultdict(list)
    for image in found:
        by_version[image.version_id].append(image)
    return {version: images_by_number(images) for version, images in by_version.items()}


def _renderer(
    attempt: Attempt, version_id: int, images: dict[int, ItemImage]
) -> Callable[[str], SafeString]:
    """Turns a text of one question into HTML, its images served to this candidate."""

    def url(image: ItemImage) -> str:
        return reverse("exams:attempt_image", args=[attempt.public_id, version_id, image.number])

    def html(text: str) -> SafeString:
        return render_text(
            text, images=images, language=attempt.registration.language, image_url=url
        )

    return html


def _add_html(attempt: Attempt, questions: list[dict]) -> None:
    """Each question's text, choices and matching rows as HTML, images in place."""
    images = _images_of_form(attempt)
    for number, question in enumerate(questions, start=1):
        html = _renderer(attempt, question["id"], images.get(question["id"], {}))
        question["number"] = number
        question["html"] = html(question["text"])
        question["options_html"] = [html(option) for option in question.get("options", [])]
        if question["kind"] == "numeric":
            question["shown"] = attempts.shown_number((question["answer"] or {}).get("value"))
        if question["kind"] == "matching":
            chosen = (question["answer"] or {}).get("pairs") or {}
            question["rows"] = [
                (index, html(left), chosen.get(str(index), ""))
                for index, left in enumerate(question["left"])
            ]


@login_required
@require_GET
def attempt_image(
    request: HttpRequest, public_id: uuid.UUID, version_id: int, number: int
) -> HttpResponse:
    """An image of a question on the candidate's form, for the candidate, while they sit."""
    attempt = _own_attempt(request, public_id)
    sitting = attempt.status == Attempt.Status.IN_PROGRESS and timezone.now() <= attempt.deadline
    if not sitting or version_id not in attempt.form:
        raise Http404
    image = ItemImage.objects.filter(item__versions__pk=version_id, number=number).first()
    if image is None:
        raise Http404
    response = FileResponse(image.file.open("rb"), content_type=image.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _response(kind: str, data: QueryDict) -> dict:
    """The answer as the form sent it, in the shape the exam keeps."""

    if kind == "single":
        return {"choice": int(data["choice"])} if data.get("choice", "").isdigit() else {}
    if kind == "multiple":
        return {"choices": [int(c) for c in data.getlist("choices") if c.isdigit()]}
    if kind == "true_false":
        return {"value": data.get("value") == "true"} if data.get("value") else {}
    if kind == "numeric":
        return {"value": attempts.read_number(data.get("value", ""))}
    if kind == "matching":
        return {"pairs": {k[5:]: v for k, v in data.items() if k.startswith("pair-") and v}}
    return {"text": data.get("text", "")}


@login_required
@require_POST
def save(request: HttpRequest, public_id: uuid.UUID, version_id: int) -> HttpResponse:
    attempt = _attempt(public_id)  # the service applies the rule and logs a refusal
    kind = request.POST.get("kind", "")
    device = request.headers.get(DEVICE_HEADER, "")[:64]
    elsewhere = _elsewhere_notice(attempt, device)
    try:
        attempts.save_answer(
            attempt=attempt,
            actor=request.user,
            version_id=version_id,
            response=_response(kind, request.POST),
            flagged=request.POST.get("flagged") == "on",
            device=device,
        )
    except attempts.Refused as exc:
        status = 409 if exc.reason == "late" else 422
        refused = format_html('<span class="text-danger">{}</span>', exc.messages[0])
        return HttpResponse(refused + elsewhere, status=status)
    except PermissionDenied:
        raise Http404 from None
    saved = timezone.localtime().strftime("%H:%M:%S")
    message = _("Saved at %(time)s") % {"time": saved}
    shown = format_html('<span class="text-success">{}</span>', message) + elsewhere
    if kind == "numeric":  # the answer as the page's language writes it, whichever was typed
        value = attempts.read_number(request.POST.get("value", ""))
        question = {"id": version_id, "shown": attempts.shown_number(value), "swap": True}
        shown += render_to_string("exams/_numeric_answer.html", {"q": question})
    return HttpResponse(shown)


def _elsewhere_notice(attempt: Attempt, device: str) -> str:
    """What the candidate is told when they save from a tab or device other than the one they
    started on."""
    if not attempts.on_another_device(attempt, device):
        return ""
    message = _(
        "This exam is also open in another tab or on another device. Answers from both are "
        "saved, but the invigilator is told."
    )
    return format_html(
        '<span class="d-block alert alert-warning py-1 px-2 mt-1 mb-0" data-second-device>'
        "{}</span>",
        message,
    )


@login_required
@require_POST
def hand_in(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    attempt = _attempt(public_id)
    try:
        attempts.submit(attempt=attempt, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    return redirect("exams:attempt", public_id=attempt.public_id)


# The candidate's registrations and the start ----------------------------------------------------


def _attempt_of(registration: Registration) -> Attempt | None:
    try:
        return registration.attempt
    except Attempt.DoesNotExist:
        return None


def _released_result(attempt: Attempt | None) -> Result | None:
    """The attempt's result once released; nothing before."""
    try:
        result = attempt.result if attempt is not None else None
    except Result.DoesNotExist:
        return None
    return results.shown(result)


def _languages(registration: Registration, known: dict[int, list[str]]) -> list[str]:
    blueprint_id = registration.sitting.blueprint_id
    if blueprint_id not in known:
        known[blueprint_id] = sittings.languages_available(registration)
    return known[blueprint_id]


@login_required
@require_GET
def my_exams(request: HttpRequest) -> HttpResponse:
    """The signed-in person's exam registrations, with a button to start or resume."""
    registrations = (
        Registration.objects.filter(candidate=request.user)
        .select_related("sitting__blueprint__scheme", "attempt__result")
        .order_by("-sitting__opens_at", "-pk")
    )
    rows = []
    known: dict[int, list[str]] = {}  # per blueprint: the languages its exam can be made in
    for registration in registrations:
        attempt = _attempt_of(registration)
        code, label = candidate_status(registration, attempt)
        released = _released_result(attempt)
        rows.append(
            {
                "languages": _languages(registration, known) if attempt is None else [],
                "registration": registration,
                "attempt": attempt,
                "result": released,
                "feedback": results.feedback(released) if released else [],
                "status": code,
                "label": label,
            }
        )
    # A course's pre- and post-test are started without an invigilator.
    checked = any(r["registration"].sitting.needs_identity_check for r in rows) or not rows
    return render(request, "exams/my_exams.html", {"rows": rows, "identity_checked": checked})


@login_required
@require_POST
def choose_language(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate's own choice of the exam's language, before the start."""
    registration = get_object_or_404(
        Registration.objects.select_related("sitting__blueprint"), pk=pk, candidate=request.user
    )
    try:
        sittings.choose_language(
            registration=registration,
            actor=request.user,
            language=request.POST.get("language", ""),
            request=request,
        )
        messages.success(
            request,
            _("You will sit the exam in %(language)s.")
            % {"language": registration.get_language_display()},
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("exams:my_exams")


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or come back to) the exam; a refused start goes back with its reason."""
    registration = get_object_or_404(
        Registration.objects.select_related("sitting__blueprint"), pk=pk, candidate=request.user
    )
    try:
        attempt = attempts.start(
            registration=registration,
            actor=request.user,
            device=request.POST.get("device", "")[:64],
        )
    except ValidationError as exc:  # refused (identity, window) or no form could be drawn
        messages.error(request, exc.messages[0])
        return redirect("exams:my_exams")
    return redirect("exams:attempt", public_id=attempt.public_id)
