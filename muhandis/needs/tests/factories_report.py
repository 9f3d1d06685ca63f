"""A small survey with known figures for the report's tests.

Over the FIN area, seven engineers and two supervisors answer. FIN-01 is the greatest need
(importance 4, current 1 for everyone: discrepancy 3, MWDS 12); FIN-02 next (4 and 3: MWDS 4);
the other FIN competencies are not rated. Two women and seven men: the women's group is under
the threshold of 5 and is suppressed in the breakdowns and the microdata."""

from muhandis.accounts.models import Region

from ..models import Invitation, Survey
from .factories import answer, make_survey


def crafted_survey(**fields: object) -> Survey:
    survey = make_survey(areas=("FIN",), **fields)
    tashkent = Region.objects.get(code="UZ-TK")
    for index in range(9):
        answer(
            survey,
            {"FIN-01": (4, 1), "FIN-02": (4, 3)},
            kind="supervisor" if index >= 7 else "self",
            gender="female" if index < 2 else "male",
            region=tashkent,
            sector="construction",
            comments="Dilnoza from Chilonzor says the courses are too far",
        )
    for index in range(4):
        Invitation.objects.create(
            survey=survey,
            distribution="Members, Tashkent",
            email=f"invited{index}@example.org",
            language="uz",
            region=tashkent,
            gender="male",
        )
    Invitation.objects.filter(survey=survey, email__in=["invited0@example.org"]).update(
        answered_at="2026-05-01T10:00:00Z"
    )
    return survey
