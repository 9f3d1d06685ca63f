"""The learning gain of a course (Kirkpatrick level 2): for each competency its test names,
the participants' mean score before the course (pre-test) and after it (post-test), the gain
in points and the normalised gain, (post − pre) / (100 − pre): the share of what there was to
learn that was learnt (Hake's class-average gain, computed from the two means).

Only participants with both a pre-test and a post-test result count, so that the two means
describe the same people; the number of them is shown with each competency. ``gain_rows`` is
plain Python; ``session_gain`` and ``course_gain`` read the results from the database."""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from muhandis.exams.blueprints.drawing import course_nodes
from muhandis.exams.models import Blueprint, Registration, Result, Sitting
from muhandis.training.models import Course, CourseSession

TOTAL = ""  # the key of the whole test among the competencies


@dataclass(frozen=True)
class GainRow:
    code: str  # "" for the whole test
    title: str
    pre: float | None  # mean percent, None when nobody sat both tests
    post: float | None
    participants: int  # with a pre-test and a post-test score in this competency

    @property
    def gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return round(self.post - self.pre, 1)

    @property
    def normalised(self) -> float | None:
        """(post − pre) / (100 − pre); None when the pre-test mean left nothing to learn."""
        if self.pre is None or self.post is None or self.pre >= 100:
            return None
        return round((self.post - self.pre) / (100 - self.pre), 2)


def area_percents(result_areas: dict) -> dict[str, float]:
    """A result's percent per competency (``Result.areas``), leaving out empty ones."""
    return {
        code: 100 * entry["score"] / entry["items"]
        for code, entry in result_areas.items()
        if entry.get("items")
    }


def gain_rows(
    pairs: Iterable[tuple[dict[str, float], dict[str, float]]],
    titles: dict[str, str],
    total_title: str,
) -> list[GainRow]:
    """One row per competency in ``titles`` (in that order, then any other the results
    name), and a last row for the whole test under the key ``TOTAL``. Each pair is a
    participant's percents (competency → percent, ``TOTAL`` → total) before and after."""
    before: dict[str, list[float]] = defaultdict(list)
    after: dict[str, list[float]] = defaultdict(list)
    for pre, post in pairs:
        for code in pre.keys() & post.keys():
            before[code].append(pre[code])
            after[code].append(post[code])
    codes = [c for c in titles if c != TOTAL]
    codes += sorted(c for c in before if c not in titles and c != TOTAL)
    rows = []
    for code in [*codes, TOTAL]:
        n = len(before.get(code, []))
        rows.append(
            GainRow(
                code,
                total_title if code == TOTAL else titles.get(code, code),
                round(math.fsum(before[code]) / n, 1) if n else None,
                round(math.fsum(after[code]) / n, 1) if n else None,
                n,
            )
        )
    return rows


@dataclass(frozen=True)
class Gain:
    rows: list[GainRow]  # the competencies, then the whole test
    pre_only: int  # participants who sat only the pre-test (not counted)
    post_only: int

    @property
    def competencies(self) -> list[GainRow]:
        return [r for r in self.rows if r.code != TOTAL]

    @property
    def total(self) -> GainRow:
        return self.rows[-1]


def _gain(sittings: list[Sitting], blueprint: Blueprint | None) -> Gain:
    """Pair each participant's pre-test and post-test results, session by session."""
    results = Result.objects.filter(attempt__registration__sitting__in=sittings).values_list(
        "attempt__registration__sitting__course_session_id",
        "attempt__registration__sitting__purpose",
        "attempt__registration__candidate_id",
        "percent",
        "areas",
    )
    found: dict[tuple[int, int], dict[str, dict[str, float]]] = defaultdict(dict)
    for session_id, purpose, candidate_id, percent, areas in results:
        found[(session_id, candidate_id)][purpose] = {**area_percents(areas), TOTAL: percent}
    pre, post = Sitting.Purpose.PRE_TEST, Sitting.Purpose.POST_TEST
    pairs = [
        (tests[pre], tests[post]) for tests in found.values() if pre in tests and post in tests
    ]
    titles: dict[str, str] = {}
    if blueprint is not None:
        nodes = course_nodes(blueprint.course_id) if blueprint.course_id else {}
        for code in blueprint.rows.values_list("area_code", flat=True):
            node = nodes.get(code)
            titles.setdefault(code, node.competency.title if node else code)
    return Gain(
        gain_rows(pairs, titles, _("The whole test")),
        pre_only=sum(1 for t in found.values() if pre in t and post not in t),
        post_only=sum(1 for t in found.values() if post in t and pre not in t),
    )


def session_gain(session: CourseSession) -> Gain:
    """The learning gain of one session's participants."""
    sittings = list(Sitting.objects.filter(course_session=session))
    blueprint = Blueprint.objects.filter(course_id=session.course_id).first()
    return _gain(sittings, blueprint)


def course_gain(course: Course) -> Gain:
    """The learning gain over every session of the course (each participant's two tests
    are paired within their session)."""
    sittings = list(Sitting.objects.filter(course_session__course=course))
    blueprint = Blueprint.objects.filter(course=course).first()
    return _gain(sittings, blueprint)


@dataclass(frozen=True)
class ParticipantScores:
    """One participant's two tests, for the training manager: None where a test was not sat
    (or waits for a marker)."""

    name: str
    pre: float | None
    post: float | None
    passed: bool | None  # the post-test against its pass mark


def participant_scores(session: CourseSession) -> list[ParticipantScores]:
    """Each registered participant's pre-test and post-test score, by name (one query)."""
    registrations = (
        Registration.objects.filter(sitting__course_session=session)
        .select_related("candidate", "sitting", "attempt__result")
        .order_by("candidate__family_name", "candidate__given_name", "candidate_id")
    )
    found: dict[int, dict] = {}
    for registration in registrations:
        attempt = getattr(registration, "attempt", None)
        result = getattr(attempt, "result", None) if attempt is not None else None
        entry = found.setdefault(
            registration.candidate_id, {"name": registration.candidate.display_name}
        )
        if result is not None:
            entry[registration.sitting.purpose] = result
    pre, post = Sitting.Purpose.PRE_TEST, Sitting.Purpose.POST_TEST
    return [
        ParticipantScores(
            entry["name"],
            entry[pre].percent if pre in entry else None,
            entry[post].percent if post in entry else None,
            entry[post].passed if post in entry else None,
        )
        for entry in found.values()
    ]
