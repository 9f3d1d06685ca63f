"""A small survey with known figures for the report's tests.

Over the FIN area, seven engineers and two supervisors answer. FIN-01 is the greatest need
(importance 4, current 1 for everyone: discrepancy 3, MWDS 12); FIN-02 next (4 and 3: MWDS 4);
the other FIN competencies are not rated. Two women and seven men: the women's group is under
the threshold of 5 and is suppressed in the breakdowns and the microdata (and the men with
them); so are the two supervisors. Ten engineers of Tashkent were invited by personal link and
six answered (60 %)."""

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
    for index in range(10):
        Invitation.objects.create(
            survey=survey,
            distribution="Members, Tashkent",
            email=f"invited{index}@example.org",
            language="uz",
            region=tashkent,
            gender="male",
            sent_at="2026-04-20T09:00:00Z",
        )
    answered = [f"invited{index}@example.org" for index in range(6)]
    Invitation.objects.filter(survey=survey, email__in=answered).update(
        answered_at="2026-05-01T10:00:00Z"
    )
    return survey


def varied_survey(*, respondents: int = 60, seed: int = 15, **fields: object) -> Survey:
    """A survey over three areas with answers drawn from a fixed seed: each competency has its
    own typical gap, women and men differ on some, regions and sectors vary."""
    import random

    from ..models import SurveyItem

    rng = random.Random(seed)
    survey = make_survey(areas=("FIN", "LEG", "ENV"), **fields)
    codes = list(
        SurveyItem.objects.filter(survey=survey)
        .order_by("sort_order")
        .values_list("competency__code", flat=True)
    )
    typical = {code: (rng.randint(2, 4), rng.randint(0, 3)) for code in codes}
    regions = list(Region.objects.filter(code__in=["UZ-TK", "UZ-SA", "UZ-FA", "UZ-XO"]))
    rare = Region.objects.get(code="UZ-QR")  # two respondents: suppressed
    for index in range(respondents):
        woman = index % 3 == 0
        ratings = {}
        for code, (importance, current) in typical.items():
            i = min(4, max(0, importance + rng.choice((-1, 0, 0, 1))))
            lower = 1 if woman and code < "F" else 0  # women rate themselves lower on ENV
            c = min(4, max(0, current + rng.choice((-1, 0, 0, 1)) - lower))
            ratings[code] = (i, c)
        answer(
            survey,
            ratings,
            kind="supervisor" if index % 5 == 0 else "self",
            gender="female" if woman else ("male" if index % 11 else "undisclosed"),
            region=rare if index >= respondents - 2 else regions[index % len(regions)],
            sector=("construction", "water", "design", "public")[index % 4],
            experience=("0-2", "3-9", "10-19", "20+")[index % 4],
        )
    return survey
