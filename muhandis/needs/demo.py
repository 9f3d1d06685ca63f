"""Demo needs assessment: two waves of the needs survey over the default framework (2025 with
about 120 respondents, 2026 with about 300), synthetic but with the priorities the ENGINE
needs assessment found (the largest gaps in regulatory, legal, financial, economic and
environmental competencies, smaller ones in technical), a few gender differences, gaps that
closed or widened between the waves, the 2026 findings published on the home page, and the
"Training plan 2027" drawn from them.

Loading twice changes nothing. Runs after the accounts and training demos.
"""

import datetime
import random
from collections.abc import Callable

from django.utils import timezone

from muhandis.accounts.models import EducationLevel, Region, SizeBand, User
from muhandis.competencies.models import Framework
from muhandis.training.models import Course

from .models import (
    AgeBand,
    Barrier,
    Channel,
    ExperienceBand,
    Invitation,
    JobRole,
    Rating,
    RespondentKind,
    Response,
    Sector,
    Survey,
    SurveyItem,
    SurveyStatus,
    TrainingPlan,
)
from .services import findings, plans
from .services.surveys import create_survey

MANAGER = "training@demo.muhandis.uz"
CODE_2026 = "needs-2026"
CODE_2025 = "needs-2025"
PLAN_TITLES = {
    "uz": "Oʻquv rejasi 2027",
    "ru": "План обучения на 2027 год",
    "en": "Training plan 2027",
}

# The mean gap (importance − current level, on the 0–4 scale) each competency shows in 2026.
GAPS_2026 = {
    "REG-01": 2.0, "REG-02": 2.1, "REG-03": 1.5, "REG-04": 1.6,
    "LEG-01": 2.0, "LEG-02": 1.9, "LEG-03": 1.7, "LEG-04": 1.3,
    "FIN-01": 1.5, "FIN-02": 1.6, "FIN-03": 1.7,
    "ECO-01": 1.4, "ECO-02": 1.5, "ECO-03": 1.1,
    "ENV-01": 1.5, "ENV-02": 1.2, "ENV-03": 1.4, "ENV-04": 1.0,
    "PRO-01": 0.6, "PRO-02": 0.7, "PRO-03": 1.1, "PRO-04": 0.6,
    "TCH-01": 1.0, "TCH-02": 0.6, "TCH-03": 0.8, "TCH-04": 0.9,
    "TEC-01": 0.4, "TEC-02": 0.5, "TEC-03": 0.3, "TEC-04": 0.5, "TEC-05": 0.6,
}  # fmt: skip
# The gaps above are relative: each answer's gap is drawn around this share of them, so that
# some respondents meet the level even in the widest gaps.
SCALE = 0.6
# A year earlier: technical and digital gaps were wider (training closed them); permits,
# procurement and climate resilience narrower (new rules widened them).
GAPS_2025 = GAPS_2026 | {
    "TEC-01": 1.3, "TEC-02": 1.2, "TCH-01": 1.6, "FIN-01": 2.0,
    "REG-02": 1.1, "LEG-02": 1.0, "ENV-03": 0.6,
}  # fmt: skip
# Women report a wider gap in digital design, men in occupational health and safety.
GENDER_GAP = {("TCH-01", "female"): 0.8, ("REG-03", "male"): 0.6}
IMPORTANCE = {
    "TEC": 3.5, "TCH": 3.0, "FIN": 3.1, "ECO": 3.0, "ENV": 3.2, "REG": 3.4, "LEG": 3.3, "PRO": 3.0,
}  # fmt: skip

REGIONS = [
    ("UZ-TK", 22), ("UZ-TO", 8), ("UZ-SA", 7), ("UZ-FA", 7), ("UZ-AN", 6), ("UZ-NG", 5),
    ("UZ-BU", 5), ("UZ-QA", 5), ("UZ-SU", 4), ("UZ-XO", 4), ("UZ-QR", 4), ("UZ-NW", 3),
    ("UZ-JI", 3), ("UZ-SI", 3), ("KZ-79", 6), ("KZ-75", 4), ("KZ-71", 3),
]  # fmt: skip
SECTORS = [
    (Sector.CONSTRUCTION, 35), (Sector.WATER, 30), (Sector.DESIGN, 18), (Sector.PUBLIC, 8),
    (Sector.EDUCATION, 5), (Sector.OTHER, 4),
]  # fmt: skip
ROLES = [
    (JobRole.DESIGN, 25), (JobRole.SITE, 30), (JobRole.OPERATIONS, 18), (JobRole.MANAGEMENT, 12),
    (JobRole.SUPERVISION, 12), (JobRole.OTHER, 3),
]  # fmt: skip
AGES = [
    (AgeBand.UNDER_25, 12), (AgeBand.FROM_25, 35), (AgeBand.FROM_35, 25), (AgeBand.FROM_45, 16),
    (AgeBand.FROM_55, 10), (AgeBand.UNDISCLOSED, 2),
]  # fmt: skip
EXPERIENCE = [
    (ExperienceBand.UNDER_3, 20), (ExperienceBand.FROM_3, 38), (ExperienceBand.FROM_10, 27),
    (ExperienceBand.FROM_20, 15),
]  # fmt: skip
EDUCATION = [
    (EducationLevel.SECONDARY_SPECIALISED, 15), (EducationLevel.BACHELOR, 48),
    (EducationLevel.MASTER, 30), (EducationLevel.CANDIDATE, 5), (EducationLevel.OTHER, 2),
]  # fmt: skip
SIZES = [(SizeBand.MICRO, 15), (SizeBand.SMALL, 35), (SizeBand.MEDIUM, 30), (SizeBand.LARGE, 20)]
GENDERS = [("female", 35), ("male", 62), ("undisclosed", 3)]
LANGUAGES = [("uz", 55), ("ru", 40), ("en", 5)]
BARRIERS = [b.value for b in Barrier]

TEXTS = {
    CODE_2026: (
        {
            "uz": "Ehtiyojlarni baholash soʻrovi 2026",
            "ru": "Опрос потребностей в обучении 2026",
            "en": "Needs survey 2026",
        },
        {
            "uz": "Har bir kompetensiya ishingizda qanchalik muhimligini va hozirgi darajangizni "
            "baholang. Javoblaringiz assotsiatsiyaning 2027 yilgi oʻquv rejasiga asos boʻladi.",
            "ru": "Оцените, насколько каждая компетенция важна в вашей работе, и ваш текущий "
            "уровень. Ответы лягут в основу плана обучения ассоциации на 2027 год.",
            "en": "Rate how important each competency is in your work and your current level. "
            "The answers shape the association's training plan for 2027.",
        },
        (datetime.date(2026, 9, 1), datetime.date(2026, 10, 31)),
        300,
    ),
    CODE_2025: (
        {
            "uz": "Ehtiyojlarni baholash soʻrovi 2025",
            "ru": "Опрос потребностей в обучении 2025",
            "en": "Needs survey 2025",
        },
        {
            "uz": "Har bir kompetensiya ishingizda qanchalik muhimligini va hozirgi darajangizni "
            "baholang.",
            "ru": "Оцените, насколько каждая компетенция важна в вашей работе, и ваш текущий "
            "уровень.",
            "en": "Rate how important each competency is in your work and your current level.",
        },
        (datetime.date(2025, 9, 1), datetime.date(2025, 10, 31)),
        120,
    ),
}


# Distribution lists as the training manager named them (engineers; employers about staff).
DISTRIBUTIONS = {
    False: ("UZACE aʼzolari", "Konferensiya qatnashchilari"),
    True: ("Aʼzo firmalar rahbarlari", "Suv xoʻjaligi korxonalari"),
}


def load(write: Callable[[str], object]) -> None:
    if Survey.objects.filter(code=CODE_2026).exists():
        return
    manager = User.objects.filter(email=MANAGER).first()
    framework = Framework.objects.get(code="MUHANDIS-CORE", version=1)
    rng = random.Random(2026)  # noqa: S311 (synthetic answers, not a secret)
    regions = {r.code: r for r in Region.objects.filter(code__in=[c for c, _w in REGIONS])}
    earlier = _wave(CODE_2025, GAPS_2025, framework, manager, rng, regions, previous=None)
    survey = _wave(CODE_2026, GAPS_2026, framework, manager, rng, regions, previous=earlier)
    if manager is None:
        write("Needs: two survey waves (no training manager to publish findings or plan).")
        return
    findings.publish_findings(actor=manager, survey=survey)
    plan = plans.create_plan(actor=manager, survey=survey, titles=PLAN_TITLES, year=2027)
    _adjust_plan(plan, manager, regions)
    write(
        f"Needs: surveys {CODE_2025} and {CODE_2026} with "
        f"{Response.objects.filter(survey__in=[earlier, survey]).count()} respondents, "
        f"findings published, plan with {plan.lines.count()} lines."
    )


def _pick(rng: random.Random, choices: list) -> object:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _clamp(value: float) -> int:
    return max(0, min(4, round(value)))


def _wave(
    code: str,
    gaps: dict[str, float],
    framework: Framework,
    manager: User | None,
    rng: random.Random,
    regions: dict[str, Region],
    *,
    previous: Survey | None,
) -> Survey:
    titles, introductions, (opens, closes), size = TEXTS[code]
    survey = create_survey(
        actor=manager,
        code=code,
        titles=titles,
        introductions=introductions,
        framework=framework,
        status=SurveyStatus.CLOSED,
        opens_on=opens,
        closes_on=closes,
        previous_wave=previous,
    )
    items = list(SurveyItem.objects.filter(survey=survey).select_related("competency__area"))
    year = opens.year % 100
    responses = []
    invitations = []
    sent = timezone.make_aware(datetime.datetime.combine(opens, datetime.time(8)))
    for number in range(1, size + 1):
        kind = RespondentKind.SELF if rng.random() < 0.7 else RespondentKind.SUPERVISOR
        imported = rng.random() < 0.5
        personal = not imported and rng.random() < 0.6
        day = opens + datetime.timedelta(days=rng.randrange((closes - opens).days + 1))
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        moment += datetime.timedelta(minutes=rng.randrange(10 * 60))
        barriers = rng.sample(BARRIERS, rng.choice((0, 1, 1, 2, 2, 3)))
        responses.append(
            Response(
                survey=survey,
                channel=Channel.IMPORTED
                if imported
                else (Channel.PERSONAL if personal else Channel.PUBLIC),
                kind=kind,
                pseudonym=f"N{year}-{number:04d}",
                source_key=f"demo-{code}-{number:04d}" if imported else "",
                language=_pick(rng, LANGUAGES),
                submitted_at=moment,
                gender=_pick(rng, GENDERS),
                age_band=_pick(rng, AGES),
                region=regions[_pick(rng, REGIONS)],
                sector=_pick(rng, SECTORS),
                job_role=_pick(rng, ROLES),
                employer_size=_pick(rng, SIZES),
                experience=_pick(rng, EXPERIENCE),
                education=_pick(rng, EDUCATION),
                barriers=barriers,
            )
        )
        if personal:
            response = responses[-1]
            invitations.append(
                _invitation(survey, number, response.kind, response.language, sent, rng)
            )
            invitations[-1].region, invitations[-1].gender = response.region, response.gender
            invitations[-1].answered_at = moment
            response.invitation = invitations[-1]
    # Invited people who never answered, for the response rates.
    for number in range(size + 1, size + 1 + size // 3):
        kind = RespondentKind.SELF if rng.random() < 0.7 else RespondentKind.SUPERVISOR
        invitation = _invitation(survey, number, kind, _pick(rng, LANGUAGES), sent, rng)
        invitation.region = regions[_pick(rng, REGIONS)]
        invitation.gender = _pick(rng, GENDERS)
        invitations.append(invitation)
    Invitation.objects.bulk_create(invitations)
    for response in responses:
        if response.invitation is not None:
            response.invitation_id = response.invitation.pk
    responses = Response.objects.bulk_create(responses)
    ratings = []
    for response in responses:
        skill = rng.gauss(0, 0.3)  # some respondents are stronger across the board
        extra = 0.3 if response.kind == RespondentKind.SUPERVISOR else 0.0
        for item in items:
            competency = item.competency
            importance = _clamp(rng.gauss(IMPORTANCE[competency.area.code], 0.6))
            gap = gaps[competency.code] + extra
            gap += GENDER_GAP.get((competency.code, response.gender), 0)
            current = _clamp(importance - rng.gauss(SCALE * gap, 0.8) + skill)
            ratings.append(
                Rating(response=response, item=item, importance=importance, current=current)
            )
    Rating.objects.bulk_create(ratings, batch_size=2000)
    return survey


def _invitation(
    survey: Survey,
    number: int,
    kind: str,
    language: str,
    sent: datetime.datetime,
    rng: random.Random,
) -> Invitation:
    """A personal link sent by email from one of the association's distribution lists."""
    supervisor = kind == RespondentKind.SUPERVISOR
    return Invitation(
        survey=survey,
        distribution=DISTRIBUTIONS[supervisor][rng.randrange(2)],
        email=f"respondent-{survey.code}-{number:04d}@demo.muhandis.uz",
        language=language,
        kind=kind,
        sent_at=sent,
        reminders=rng.choice((0, 1, 2)),
    )


def _adjust_plan(plan: TrainingPlan, manager: User, regions: dict[str, Region]) -> None:
    """Put the plan's lines where the demo catalogue's sessions are, and say where a course
    must still be written."""
    courses = {c.code: c for c in Course.objects.filter(code__in=["LEG-FIDIC", "REG-NORMS"])}
    for line in plan.lines.select_related("course", "competency__framework"):
        if line.course_id and line.course.code in ("LEG-FIDIC", "TCH-BIM", "FIN-COST"):
            plans.change_line(
                actor=manager,
                line=line,
                competency=line.competency,
                course=line.course,
                region=regions["UZ-TK"],
                quarter=1,
                target=line.target,
                note="Toshkentdagi sessiyalar",
            )
        elif line.course_id is None:
            plans.change_line(
                actor=manager,
                line=line,
                competency=line.competency,
                course=None,
                region=None,
                quarter=line.quarter,
                target=line.target,
                note="Kurs dasturi 2027 yil I choragida tayyorlanadi",
            )
    if "REG-NORMS" in courses:
        competency = plan.survey.items.get(competency__code="REG-01").competency
        plans.add_line(
            actor=manager,
            plan=plan,
            competency=competency,
            course=courses["REG-NORMS"],
            region=regions["KZ-79"],
            quarter=2,
            target=25,
            note="Chimkentdagi muhandislar uchun",
        )
