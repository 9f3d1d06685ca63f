"""Courses that develop competencies of the default framework, and surveys with answers that
make clear priorities, for the plan and findings tests."""

from typing import Any

from muhandis.competencies.models import Competency
from muhandis.training.models import Course, CourseCompetency
from muhandis.training.tests.factories import CourseFactory

from ..models import Survey
from .factories import answer, make_survey


def course_for(*codes: str, **fields: Any) -> Course:
    """A course (published unless told) that develops the competencies of MUHANDIS-CORE with
    these codes."""
    course = CourseFactory(**fields)
    for code in codes:
        competency = Competency.objects.get(framework__code="MUHANDIS-CORE", code=code)
        CourseCompetency.objects.create(course=course, competency=competency)
    return course


# Three competencies with a wide gap, then the rest of the area with a narrow one.
WIDE = {"REG-01": (4, 1), "REG-02": (4, 1), "LEG-01": (4, 2)}
NARROW = {"REG-03": (3, 3), "REG-04": (2, 2), "LEG-02": (2, 2), "LEG-03": (1, 1), "LEG-04": (3, 3)}


def answered_survey(*, people: int = 6, **fields: Any) -> Survey:
    """A survey over the regulatory and legal areas, answered by ``people`` respondents who
    all find REG-01, REG-02 and LEG-01 lacking: the top third of its ranking (three of eight
    competencies)."""
    fields.setdefault("suppression_threshold", 3)
    survey = make_survey(areas=("REG", "LEG"), **fields)
    for number in range(people):
        answer(survey, WIDE | NARROW, gender="female" if number % 3 == 0 else "male")
    return survey
