"""Reading course evaluations: per course, per session and per trainer, as aggregates.

Results never name a person: the answers are counted in the database, and free-text comments
are read without their requests (staff only). Who may see what is decided here once:
training managers and administrators see everything, a trainer only the sessions they
trained, and only aggregates of at least ``MIN_ANSWERS_FOR_TRAINERS`` answers."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles

from ..models import (
    Course,
    CourseSession,
    EvaluationAnswer,
    EvaluationAudience,
    EvaluationLevel,
    EvaluationQuestion,
    EvaluationRequest,
)

STAFF = frozenset({Role.TRAINING_MANAGER, Role.ADMIN})
READERS = (Role.TRAINING_MANAGER, Role.ADMIN, Role.TRAINER)
MIN_ANSWERS_FOR_TRAINERS = 3
SCALES: dict[str, range] = {
    EvaluationQuestion.Kind.RATING: range(1, 6),
    EvaluationQuestion.Kind.NPS: range(0, 11),
    EvaluationQuestion.Kind.YES_NO: range(1, -1, -1),
}


def is_staff(person: User) -> bool:
    return bool(usable_roles(person) & STAFF)


@dataclass
class QuestionResult:
    question: EvaluationQuestion
    answers: int = 0
    # (value, count) for every value of the scale, zeros included; yes (1) before no (0).
    distribution: list[tuple[int, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def mean(self) -> float | None:
        if not self.answers or self.kind == EvaluationQuestion.Kind.TEXT:
            return None
        return sum(value * count for value, count in self.distribution) / self.answers

    @property
    def nps(self) -> int | None:
        """Net promoter score: the share answering 9–10 less the share answering 0–6, in %."""
        if not self.answers or self.kind != EvaluationQuestion.Kind.NPS:
            return None
        promoters = sum(c for v, c in self.distribution if v >= 9)
        detractors = sum(c for v, c in self.distribution if v <= 6)
        return round(100 * (promoters - detractors) / self.answers)

    @property
    def yes_share(self) -> float | None:
        if not self.answers or self.kind != EvaluationQuestion.Kind.YES_NO:
            return None
        return dict(self.distribution).get(1, 0) / self.answers

    def rows(self) -> list[tuple[str, int, float]]:
        """(label, count, share) for the table and the chart."""
        labels = {1: _("Yes"), 0: _("No")} if self.kind == EvaluationQuestion.Kind.YES_NO else {}
        return [
            (labels.get(value, str(value)), count, count / self.answers if self.answers else 0.0)
            for value, count in self.distribution
        ]


@dataclass
class LevelResult:
    level: int
    audience: str
    sent: int
    answered: int
    questions: list[QuestionResult] = field(default_factory=list)
    hidden: bool = False  # too few answers to show a trainer without revealing who answered

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.sent if self.sent else None

    @property
    def applied_share(self) -> float | None:
        """Level 3: the share answering yes to the question that measures applying it."""
        shares = [
            q.yes_share
            for q in self.questions
            if q.question.measures_application and q.yes_share is not None
        ]
        return shares[0] if shares else None

    @property
    def label(self) -> str:
        level = EvaluationLevel(self.level).label
        if self.audience == EvaluationAudience.SUPERVISOR:
            return _("%(level)s — supervisors") % {"level": level}
        return str(level)


@dataclass
class EvaluationResults:
    levels: list[LevelResult]
    show_comments: bool

    @property
    def sent(self) -> int:
        return sum(level.sent for level in self.levels)


def _sessions_for(viewer: User) -> QuerySet[CourseSession]:
    sessions = CourseSession.objects.all()
    if not is_staff(viewer):
        sessions = sessions.filter(session_trainers__trainer=viewer)
    return sessions


def results(
    *,
    viewer: User,
    course: Course | None = None,
    session: CourseSession | None = None,
    trainer: User | None = None,
) -> EvaluationResults:
    """The evaluation results of a course, a session or a trainer's sessions, as ``viewer``
    may see them, in four queries. PermissionDenied if the viewer may see none of it."""
    staff = is_staff(viewer)
    if not staff and not (usable_roles(viewer) & {Role.TRAINER}):
        raise PermissionDenied(_("Evaluation results are for training staff and trainers."))
    sessions = _sessions_for(viewer)
    if course is not None:
        sessions = sessions.filter(course=course)
    if session is not None:
        sessions = sessions.filter(pk=session.pk)
    if trainer is not None:
        if not staff and trainer.pk != viewer.pk:
            raise PermissionDenied(_("A trainer sees only the results of their own sessions."))
        sessions = sessions.filter(session_trainers__trainer=trainer)
    if (course is not None or session is not None) and not staff and not sessions.exists():
        raise PermissionDenied(_("A trainer sees only the results of their own sessions."))
    scope = EvaluationRequest.objects.filter(enrolment__session__in=sessions.values("pk"))

    counts = (
        scope.values("level", "audience")
        .annotate(sent=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by("level", "-audience")
    )
    levels = {
        (row["level"], row["audience"]): LevelResult(
            row["level"], row["audience"], row["sent"], row["answered"]
        )
        for row in counts
    }
    tallies: dict[int, dict[int, int]] = {}
    answered = (
        EvaluationAnswer.objects.filter(request__in=scope.values("pk"), number__isnull=False)
        .values("question_id", "number")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in answered:
        if row["number"] is not None:  # filtered out above; for the type checker
            tallies.setdefault(row["question_id"], {})[row["number"]] = row["n"]
    comments: dict[int, list[str]] = {}
    if staff:
        texts = (
            EvaluationAnswer.objects.filter(
                request__in=scope.values("pk"), question__kind=EvaluationQuestion.Kind.TEXT
            )
            .exclude(text="")
            .order_by("question_id", "text")
            .values_list("question_id", "text")
        )
        for question_id, text in texts:
            comments.setdefault(question_id, []).append(text)

    for question in EvaluationQuestion.objects.order_by("level", "audience", "order", "pk"):
        level = levels.get((question.level, question.audience))
        tally = tallies.get(question.pk, {})
        if level is None or not (question.active or tally or question.pk in comments):
            continue
        item = QuestionResult(question)
        if question.kind in SCALES:
            item.distribution = [(v, tally.get(v, 0)) for v in SCALES[question.kind]]
            item.answers = sum(tally.values())
        else:
            item.comments = comments.get(question.pk, [])
            item.answers = len(item.comments)
        if question.kind in SCALES or staff:
            level.questions.append(item)
    for level in levels.values():
        if not staff and level.answered < MIN_ANSWERS_FOR_TRAINERS:
            level.hidden, level.questions = True, []
    ordered = sorted(levels.values(), key=lambda r: (r.level, r.audience != "participant"))
    return EvaluationResults(levels=ordered, show_comments=staff)


@dataclass
class SessionRow:
    session: CourseSession
    sent: int
    answered: int

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.sent if self.sent else None


@dataclass
class Overview:
    sessions: list[SessionRow]
    courses: list[tuple[Course, int, int]]
    trainers: list[User]


def overview(*, viewer: User) -> Overview:
    """The sessions with evaluation requests that ``viewer`` may see (newest first), their
    courses and (for staff) trainers, with requests sent and answered; three queries."""
    sessions = (
        _sessions_for(viewer)
        .annotate(
            sent=Count("enrolments__evaluation_requests", distinct=True),
            answered=Count(
                "enrolments__evaluation_requests",
                filter=Q(enrolments__evaluation_requests__answered_at__isnull=False),
                distinct=True,
            ),
        )
        .filter(sent__gt=0)
        .select_related("course")
        .order_by("-starts_at")
    )
    rows = [SessionRow(s, s.sent, s.answered) for s in sessions]
    courses: dict[int, tuple[Course, int, int]] = {}
    for row in rows:
        course, sent, answered = courses.get(row.session.course_id, (row.session.course, 0, 0))
        courses[row.session.course_id] = (course, sent + row.sent, answered + row.answered)
    trainers: list[User] = []
    if is_staff(viewer) and rows:
        trainers = list(
            User.objects.filter(training_sessions__in=[r.session.pk for r in rows])
            .distinct()
            .order_by("family_name", "given_name", "email")
        )
    return Overview(
        sessions=rows,
        courses=sorted(courses.values(), key=lambda c: c[0].code),
        trainers=trainers,
    )
