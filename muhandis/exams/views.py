"""The candidate's exam page: every answer is saved on the server as it is given (htmx), and
the server's clock decides when the exam ends."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import attempts
from .models import Attempt


def _own_attempt(request: HttpRequest, public_id) -> Attempt:
    attempt = Attempt.objects.select_related("registration").filter(public_id=public_id).first()
    if attempt is None or attempt.registration.candidate_id != request.user.pk:
        raise Http404
    return attempt


@login_required
@require_GET
def attempt_page(request: HttpRequest, public_id) -> HttpResponse:
    attempt = _own_attempt(request, public_id)
    if attempt.status == Attempt.Status.IN_PROGRESS and timezone.now() > attempt.deadline:
        attempt = attempts.submit(attempt=attempt, actor=None, automatically=True)
    state = attempts.state_for_candidate(attempt, request.user)
    one = request.GET.get("view") == "one"
    questions = state["questions"]
    for number, question in enumerate(questions, start=1):
        question["number"] = number
        if question["kind"] == "matching":
            chosen = (question["answer"] or {}).get("pairs") or {}
            question["rows"] = [
                (index, left, chosen.get(str(index), ""))
                for index, left in enumerate(question["left"])
            ]
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


def _response(kind: str, data) -> dict:
    """The answer as the form sent it, in the shape the exam keeps."""

    def number(text: str):
        try:
            return float(text.replace(",", ".").replace(" ", ""))
        except ValueError:
            return text

    if kind == "single":
        return {"choice": int(data["choice"])} if data.get("choice", "").isdigit() else {}
    if kind == "multiple":
        return {"choices": [int(c) for c in data.getlist("choices") if c.isdigit()]}
    if kind == "true_false":
        return {"value": data.get("value") == "true"} if data.get("value") else {}
    if kind == "numeric":
        return {"value": number(data.get("value", ""))}
    if kind == "matching":
        return {"pairs": {k[5:]: v for k, v in data.items() if k.startswith("pair-") and v}}
    return {"text": data.get("text", "")}


@login_required
@require_POST
def save(request: HttpRequest, public_id, version_id: int) -> HttpResponse:
    attempt = _own_attempt(request, public_id)
    kind = request.POST.get("kind", "")
    try:
        attempts.save_answer(
            attempt=attempt,
            actor=request.user,
            version_id=version_id,
            response=_response(kind, request.POST),
            flagged=request.POST.get("flagged") == "on",
            device=request.COOKIES.get("exam_device", ""),
        )
    except attempts.Refused as exc:
        status = 409 if exc.reason == "late" else 422
        return HttpResponse(
            format_html('<span class="text-danger">{}</span>', exc.messages[0]), status=status
        )
    except PermissionDenied:
        raise Http404 from None
    saved = timezone.localtime().strftime("%H:%M:%S")
    message = _("Saved at %(time)s") % {"time": saved}
    return HttpResponse(format_html('<span class="text-success">{}</span>', message))


@login_required
@require_POST
def hand_in(request: HttpRequest, public_id) -> HttpResponse:
    attempt = _own_attempt(request, public_id)
    attempts.submit(attempt=attempt, actor=request.user)
    return redirect("exams:attempt", public_id=attempt.public_id)
