"""Demo mentoring for `make run`: the programme "Women in engineering 2026" with women and men
mentors, mentees (most of them women), three pairs with meetings logged and goals met, one
mentee certified after she was paired, and two mentees still waiting, for the suggestions.
Everything goes through the mentoring services; loading twice changes nothing."""

import datetime
from collections.abc import Callable

from django.utils import timezone

from muhandis.accounts.models import User
from muhandis.competencies.models import Area, Framework

from .models import Application, Mode, Pair, Programme, Side
from .services import applications, pairs, programmes

TITLE_EN = "Women in engineering 2026"

# email, given, family, gender, region
NEW_PEOPLE = [
    ("sherzod.qodirov@demo.muhandis.uz", "Sherzod", "Qodirov", "male", "UZ-TK"),
    ("madina.xolmatova@demo.muhandis.uz", "Madina", "Xolmatova", "female", "UZ-TK"),
    ("sevara.tursunova@demo.muhandis.uz", "Sevara", "Tursunova", "female", "UZ-SA"),
    ("jasur.ergashev@demo.muhandis.uz", "Jasur", "Ergashev", "male", "UZ-FA"),
    ("nilufar.rahmonova@demo.muhandis.uz", "Nilufar", "Rahmonova", "female", "UZ-QR"),
]

# email, areas (indexes into the published areas), hours, mode, languages, max mentees, goals
MENTORS = [
    ("engineer@demo.muhandis.uz", [0, 1], 6, Mode.EITHER, ["uz", "ru"], 2,
     "Loyihalash va nazorat tajribam; ayollar uchun rahbarlikka yoʻl."),
    ("committee@demo.muhandis.uz", [1, 2], 4, Mode.ONLINE, ["uz", "ru", "en"], 1,
     "Sertifikatlashtirishga tayyorlanish, portfolio va hakamlar."),
    ("examiner@demo.muhandis.uz", [0, 2], 4, Mode.IN_PERSON, ["uz", "ru"], 2,
     "Suv taʼminoti tarmoqlarini hisoblash, imtihonga tayyorlanish."),
    ("sherzod.qodirov@demo.muhandis.uz", [3], 3, Mode.ONLINE, ["uz", "en"], 1,
     "Qurilish maydonida xavfsizlik va loyiha boshqaruvi."),
]  # fmt: skip

# email, areas, hours, mode, languages, woman mentor, same region, language, goals
MENTEES = [
    ("madina.xolmatova@demo.muhandis.uz", [0, 1], 4, Mode.EITHER, ["uz", "ru"], True, False, "",
     "Nasos stansiyasi loyihasini mustaqil olib borish\nJamoani boshqarishni oʻrganish\n"
     "Konferensiyada maʼruza qilish"),
    ("gulnora.yusupova@demo.muhandis.uz", [1, 2], 3, Mode.ONLINE, ["uz", "ru"], True, False, "ru",
     "Sertifikat olish uchun portfolio tayyorlash\nImtihonga tayyorlanish"),
    ("jasur.ergashev@demo.muhandis.uz", [0, 2], 4, Mode.IN_PERSON, ["uz"], False, True, "",
     "Gidravlik hisoblarni oʻrganish\nBirinchi loyihani topshirish"),
    ("sevara.tursunova@demo.muhandis.uz", [3], 2, Mode.ONLINE, ["uz", "en"], True, True, "en",
     "Loyiha boshqaruvi boʻyicha tajriba orttirish"),
    ("nilufar.rahmonova@demo.muhandis.uz", [0], 2, Mode.ONLINE, ["kaa", "uz", "ru"], True, False,
     "",
     "Suv taʼminoti boʻyicha birinchi ish joyida oʻrnashish"),
]  # fmt: skip

# mentor, mentee, started (days ago), meetings (days ago, minutes, mode, notes), goals met
PAIRS = [
    ("engineer@demo.muhandis.uz", "madina.xolmatova@demo.muhandis.uz", 100,
     [(95, 60, Mode.IN_PERSON, "Loyiha rejasini koʻrib chiqdik."),
      (60, 45, Mode.ONLINE, "Jamoa bilan ishlash haqida suhbat."),
      (20, 90, Mode.IN_PERSON, "Maʼruza matnini tayyorladik.")], 2),
    ("committee@demo.muhandis.uz", "gulnora.yusupova@demo.muhandis.uz", 90,
     [(80, 60, Mode.ONLINE, "Portfolio tuzilishi."),
      (40, 60, Mode.ONLINE, "Imtihon savollari.")], 2),
    ("examiner@demo.muhandis.uz", "jasur.ergashev@demo.muhandis.uz", 60,
     [(30, 120, Mode.IN_PERSON, "Quvurlar gidravlikasi boʻyicha mashq.")], 1),
]  # fmt: skip


def load(write: Callable[[str], object]) -> None:
    if Programme.objects.filter(title_en=TITLE_EN).exists():
        write("Mentoring: the demo programme is there already.")
        return
    admin = User.objects.filter(email="admin@demo.muhandis.uz").first()
    if admin is None:
        return
    _people()
    programme = _programme(admin)
    areas = list(
        Area.objects.filter(framework__status=Framework.Status.PUBLISHED).order_by(
            "framework__code", "sort_order", "code"
        )[:4]
    )
    found = {u.email: u for u in User.objects.filter(email__in=_emails())}
    made: dict[str, Application] = {}
    for email, picks, hours, mode, languages, places, goals in MENTORS:
        if email in found:
            made[email] = _apply(programme, found[email], Side.MENTOR, areas, picks, hours, mode,
                                 languages, goals, max_mentees=places)  # fmt: skip
    for email, picks, hours, mode, languages, woman, region, language, goals in MENTEES:
        if email in found:
            made[email] = _apply(programme, found[email], Side.MENTEE, areas, picks, hours, mode,
                                 languages, goals, wants_woman_mentor=woman,
                                 wants_same_region=region, wants_language=language)  # fmt: skip
    count = sum(_pair(admin, made, *row) for row in PAIRS)
    write(
        f"Mentoring: “{TITLE_EN}” with {len(made)} applications and {count} pairs "
        f"(mentee pages: /uz/mentoring/mine/)."
    )


def _emails() -> list[str]:
    return [row[0] for row in MENTORS] + [row[0] for row in MENTEES]


def _people() -> None:
    from muhandis.accounts.demo import person
    from muhandis.accounts.roles import Role

    for email, given, family, gender, region in NEW_PEOPLE:
        person(Role.ENGINEER, email, given, family, gender, region)


def _programme(admin: User) -> Programme:
    today = timezone.localdate()
    return programmes.create_programme(
        actor=admin,
        values={
            "title_uz": "Muhandislikda ayollar 2026",
            "title_ru": "Женщины в инженерии 2026",
            "title_en": TITLE_EN,
            "description_uz": (
                "Tajribali muhandislar yosh va ishga qaytayotgan ayol muhandislarga yoʻl-yoʻriq "
                "koʻrsatadi: oyiga bir-ikki uchrashuv, aniq maqsadlar va sertifikatlashtirishga "
                "tayyorgarlik."
            ),
            "description_ru": (
                "Опытные инженеры сопровождают молодых женщин-инженеров и тех, кто возвращается "
                "в профессию: одна-две встречи в месяц, ясные цели и подготовка к сертификации."
            ),
            "description_en": (
                "Experienced engineers guide women engineers who are starting out or coming back "
                "to the profession: one or two meetings a month, clear goals and preparation for "
                "certification."
            ),
            "audience": "women",
            "opens_on": today - datetime.timedelta(days=120),
            "closes_on": today + datetime.timedelta(days=60),
            "is_active": True,
        },
    )


def _apply(
    programme: Programme,
    person: User,
    side: str,
    areas: list[Area],
    picks: list[int],
    hours: int,
    mode: str,
    languages: list[str],
    goals: str,
    **extra: object,
) -> Application:
    return applications.apply(
        programme=programme,
        person=person,
        side=side,
        goals=goals,
        areas=[areas[i] for i in picks if i < len(areas)],
        hours_per_month=hours,
        mode=mode,
        region=person.region,
        languages=languages,
        **extra,
    )


def _pair(
    admin: User,
    made: dict[str, Application],
    mentor: str,
    mentee: str,
    days_ago: int,
    meetings: list[tuple[int, int, str, str]],
    goals_met: int,
) -> int:
    if mentor not in made or mentee not in made:
        return 0
    today = timezone.localdate()
    pair = pairs.pair(
        actor=admin,
        mentor=made[mentor],
        mentee=made[mentee],
        started_on=today - datetime.timedelta(days=days_ago),
    )
    pair = Pair.objects.select_related("mentor__person", "mentee__person").get(pk=pair.pk)
    for index, (ago, minutes, mode, notes) in enumerate(meetings):
        pairs.log_meeting(
            actor=pair.mentor.person if index % 2 == 0 else pair.mentee.person,
            pair=pair,
            held_on=today - datetime.timedelta(days=ago),
            minutes=minutes,
            mode=mode,
            notes=notes,
        )
    for goal in list(pair.goals.all())[:goals_met]:
        pairs.mark_goal(actor=pair.mentee.person, goal=goal, met=True)
    return 1
