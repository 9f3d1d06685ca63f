"""Course evaluation pages: the questionnaire a participant or supervisor opens from the email
(no account needed; the link works once), and the results for staff and trainers."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from muhandis.accounts.models import User
from muhandis.accounts.permissions import role_required
from muhandis.core.formviews import apply_errors, form_page

from ..evaluation_forms import EvaluationForm
from ..models import Course, CourseSession, EvaluationAudience
from ..selectors import evaluation as selectors
from ..services import evaluation as services
from .evaluation_charts import bars_svg


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire behind a personal link; once answered, a thank-you page."""
    try:
        evaluation = services.request_from_token(token)
    except ValidationError as exc:
        return render(
            request,
            "training/evaluation/link_unusable.html",
            {"message": " ".join(exc.messages)},
            status=404,
        )
    if evaluation.answered_at is not None:
        return render(request, "training/evaluation/thanks.html", {"evaluation": evaluation})
    questions = services.questions_for(evaluation)
    form = EvaluationForm(request.POST or None, request=evaluation, questions=questions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        supervisor = data.pop("supervisor_email", "") or ""
        try:
            services.answer_evaluation(
                token=token, answers=data, supervisor_email=supervisor, request=request
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "used":
                return render(
                    request, "training/evaluation/thanks.html", {"evaluation": evaluation}
                )
            apply_errors(form, exc)
        else:
            return render(request, "training/evaluation/thanks.html", {"evaluation": evaluation})
    context = {
        "form": form,
        "evaluation": evaluation,
        "course": evaluation.enrolment.session.course,
        "session": evaluation.enrolment.session,
        "supervisor": evaluation.audience == EvaluationAudience.SUPERVISOR,
    }
    return form_page(request, "training/evaluation/answer.html", context)


def _charted(results: selectors.EvaluationResults) -> list[tuple]:
    """Each level with each question's chart (None for free text)."""
    charted = []
    for index, level in enumerate(results.levels):
        questions = []
        for number, item in enumerate(level.questions):
            chart = None
            if item.distribution and item.answers:
                chart = bars_svg(
                    item.rows(),
                    title=_("Answers to “%(question)s”") % {"question": item.question.text},
                    ids=f"chart-{index}-{number}",
                )
            questions.append((item, chart))
        charted.append((level, questions))
    return charted


def _results_page(request: HttpRequest, heading: str, **scope: object) -> HttpResponse:
    results = selectors.results(viewer=request.user, **scope)  # type: ignore[arg-type]
    context = {
        "heading": heading,
        "session": scope.get("session"),
        "results": results,
        "levels": _charted(results),
        "min_answers": selectors.MIN_ANSWERS_FOR_TRAINERS,
    }
    return render(request, "training/evaluation/results.html", context)


@role_required(*selectors.READERS)
@require_GET
def results_index(request: HttpRequest) -> HttpResponse:
    overview = selectors.overview(viewer=request.user)  # type: ignore[arg-type]
    return render(request, "training/evaluation/index.html", {"overview": overview})


@role_required(*selectors.READERS)
@require_GET
def course_results(request: HttpRequest, code: str) -> HttpResponse:
    course = get_object_or_404(Course, code=code)
    return _results_page(request, str(course), course=course)


@role_required(*selectors.READERS)
@require_GET
def session_results(request: HttpRequest, public_id: str) -> HttpResponse:
    session = get_object_or_404(CourseSession.objects.select_related("course"), public_id=public_id)
    heading = f"{session.course} — {timezone.localtime(session.starts_at):%Y-%m-%d}"
    return _results_page(request, heading, session=session)


@role_required(*selectors.READERS)
@require_GET
def trainer_results(request: HttpRequest, public_id: str) -> HttpResponse:
    trainer = get_object_or_404(User, public_id=public_id)
    heading = _("Sessions trained by %(name)s") % {"name": trainer.display_name}
    return _results_page(request, heading, trainer=trainer)


urlpatterns = [
    path("answer/<str:token>/", answer, name="evaluation_answer"),
    path("results/", results_index, name="evaluation_results"),
    path("results/course/<slug:code>/", course_results, name="evaluation_course"),
    path("results/session/<uuid:public_id>/", session_results, name="evaluation_session"),
    path("results/trainer/<uuid:public_id>/", trainer_results, name="evaluation_trainer"),
]
