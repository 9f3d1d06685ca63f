"""The candidate's exam in the REST API: resume it, save each answer, hand it in.

Only the candidate reaches their attempt; every refusal answers with a code and a message in
the candidate's language."""

import uuid

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import field_validator

from muhandis.core.apitypes import ErrorOut, RowId, check_nested_text
from muhandis.exams.attempts import services as attempts
from muhandis.exams.attempts.selectors import find_attempt
from muhandis.exams.models import Attempt
from muhandis.exams.results import services as results

router = Router(tags=["exams"])


class AnswerIn(Schema):
    response: dict
    flagged: bool = False

    @field_validator("response")
    @classmethod
    def _no_control_characters(cls, value: dict) -> dict:
        return check_nested_text(value)


def _attempt(public_id: uuid.UUID) -> Attempt:
    """The attempt, whoever asks: the services apply the one rule of who may see it (a refusal
    answers 403 here) and log a refused save."""
    attempt = find_attempt(public_id)
    if attempt is None:
        raise Http404
    return attempt


def _refused(exc: attempts.Refused) -> Status:
    status = 409 if exc.reason == "late" else 422
    return Status(status, {"error": {"code": exc.reason, "message": exc.messages[0]}})


@router.get("/exams/attempts/{public_id}", summary="Your exam as you left it")
def attempt_state(request: HttpRequest, public_id: uuid.UUID) -> dict:
    return attempts.state_for_candidate(_attempt(public_id), request.user)


@router.put(
    "/exams/attempts/{public_id}/answers/{version_id}",
    response={200: dict, 409: ErrorOut, 422: ErrorOut},
    summary="Save one answer as soon as it is given",
)
def save_answer(
    request: HttpRequest, public_id: uuid.UUID, version_id: RowId, payload: AnswerIn
) -> dict | Status:
    attempt = _attempt(public_id)
    try:
        answer = attempts.save_answer(
            attempt=attempt,
            actor=request.user,
            version_id=version_id,
            response=payload.response,
            flagged=payload.flagged,
            device=request.headers.get("X-Exam-Device", "")[:64],
        )
    except attempts.Refused as exc:
        return _refused(exc)
    return {"saved_at": answer.saved_at, "seconds_left": attempts.seconds_left(attempt)}


@router.post("/exams/attempts/{public_id}/submit", summary="Hand in the exam")
def submit(request: HttpRequest, public_id: uuid.UUID) -> dict:
    attempt = attempts.submit(attempt=_attempt(public_id), actor=request.user)
    return {"status": attempt.status, "submitted_at": attempt.submitted_at}


class ResultAreaOut(Schema):
    code: str
    title: str
    percent: float
    band: str


class ResultOut(Schema):
    released: bool
    percent: float | None = None
    pass_mark: float | None = None
    passed: bool | None = None
    areas: list[ResultAreaOut] = []


@router.get(
    "/exams/attempts/{public_id}/result",
    response=ResultOut,
    summary="Your result, once the exam manager has released it",
)
def result(request: HttpRequest, public_id: uuid.UUID) -> dict:
    """Before the release the answer only says it is not released; feedback is per
    competency area, never per item."""
    attempt = _attempt(public_id)
    found = results.released_for(request.user, attempt)
    if found is None:
        return {"released": False}
    return {
        "released": True,
        "percent": found.percent,
        "pass_mark": found.pass_mark,
        "passed": found.passed,
        "areas": [line.__dict__ for line in results.feedback(found)],
    }
