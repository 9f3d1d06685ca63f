"""Demo training: the catalogue, sessions past and upcoming in Tashkent and Shymkent, and
enrolments in each state with their invoices, payments and attendance.

Loading twice changes nothing. Runs after the accounts and billing demos.
"""

import datetime
import secrets
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone, translation

from muhandis.accounts.demo import person
from muhandis.accounts.models import Region, User
from muhandis.accounts.roles import Role
from muhandis.billing import services as billing
from muhandis.competencies.models import Competency, ProficiencyLevel

from .demo_courses import COURSES, IKPU_TRAINING, KZT_PER_UZS, PACKAGE_CODE
from .models import (
    Attendance,
    Course,
    CourseCompetency,
    CoursePrice,
    CourseSession,
    Enrolment,
    Room,
    SessionDay,
    SessionTrainer,
    Venue,
)

TRAINER = "trainer@demo.muhandis.uz"
MANAGER = "training@demo.muhandis.uz"
ENGINEER = "engineer@demo.muhandis.uz"
EMPLOYER = "employer@demo.muhandis.uz"

PARTICIPANTS = [
    ("zarina.qodirova@demo.muhandis.uz", "Zarina", "Qodirova", "female", "UZ-TK"),
    ("javlon.xolmatov@demo.muhandis.uz", "Javlon", "Xolmatov", "male", "UZ-SA"),
    ("shahnoza.rasulova@demo.muhandis.uz", "Shahnoza", "Rasulova", "female", "UZ-FA"),
    ("timur.abdullayev@demo.muhandis.uz", "Timur", "Abdullayev", "male", "UZ-TK"),
    ("aigerim.nurlanovna@demo.muhandis.uz", "Aigerim", "Nurlanova", "female", "KZ-79"),
    ("daniyar.seitkali@demo.muhandis.uz", "Daniyar", "Seitkali", "male", "KZ-79"),
    ("madina.yoqubova@demo.muhandis.uz", "Madina", "Yoqubova", "female", "UZ-BU"),
    ("otabek.mirzayev@demo.muhandis.uz", "Otabek", "Mirzayev", "male", "UZ-TO"),
]

VENUES = [
    (
        "UZ-TK",
        ("UZACE oʻquv markazi", "Учебный центр UZACE", "UZACE training centre"),
        ("Buyuk Ipak Yoʻli koʻchasi 15", "ул. Буюк Ипак Йули, 15", "15 Buyuk Ipak Yoli Street"),
        ("Toshkent", "Ташкент", "Tashkent"),
        [("A-101", 24), ("B-204", 14)],
    ),
    (
        "KZ-79",
        ("ENGINE KZ oʻquv zali", "Учебный зал ENGINE KZ", "ENGINE KZ training room"),
        ("Tauke xon shoh koʻchasi 5", "пр. Тауке хана, 5", "5 Tauke Khan Avenue"),
        ("Chimkent", "Шымкент", "Shymkent"),
        [("1", 20)],
    ),
]

# (course code, days from today, days long, city index (None: online), language, max seats)
SESSIONS = [
    ("ENV-RAIN", -60, 3, 0, "uz", 20),
    ("ENV-RAIN", 21, 3, 0, "uz", 20),
    ("ENV-RAIN", 35, 3, 1, "ru", 16),
    ("TEC-IWW", -40, 4, 0, "ru", 18),
    ("TEC-IWW", 28, 4, 0, "uz", 18),
    ("TEC-EPANET", 10, 2, None, "uz", 30),
    ("TCH-BIM", 45, 5, 0, "ru", 12),
    ("TCH-PUMP", 3, 1, 0, "uz", 2),
    ("FIN-COST", -20, 2, 1, "ru", 16),
    ("FIN-COST", 50, 2, 0, "uz", 20),
    ("FIN-PF", 14, 2, None, "ru", 25),
    ("ECO-TARIFF", 60, 1, None, "uz", 30),
    ("ENV-EIA", 24, 3, 1, "ru", 16),
    ("REG-NORMS", 7, 1, None, "uz", 50),
    ("REG-OHS", 18, 1, 0, "uz", 24),
    ("LEG-FIDIC", -90, 2, 0, "ru", 20),
    ("LEG-FIDIC", 40, 2, 0, "ru", 20),
]


def load(write: Callable[[str], object]) -> None:
    if Course.objects.filter(code="ENV-RAIN").exists():
        return
    trainer = User.objects.get(email=TRAINER)
    people = [person(Role.ENGINEER, *row)[1] for row in PARTICIPANTS]
    participants = list(User.objects.filter(email__in=[ENGINEER, *people]).order_by("email"))
    courses = {row[0]: _course(row) for row in COURSES}
    rooms = [_venue(*venue) for venue in VENUES]
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    sessions = []
    for code, offset, days, city, language, seats in SESSIONS:
        starts = now + datetime.timedelta(days=offset)
        room = rooms[city] if city is not None else None
        session = CourseSession.objects.create(
            course=courses[code],
            starts_at=starts,
            ends_at=starts + datetime.timedelta(days=days - 1, hours=8),
            room=room,
            online_url="" if room else "https://meet.muhandis.uz/" + code.lower(),
            language=language,
            min_seats=min(6, seats),
            max_seats=seats,
            enrolment_deadline=starts - datetime.timedelta(days=2),
            status=CourseSession.Status.HELD if offset < 0 else CourseSession.Status.OPEN,
            cancellation_terms_uz="Boshlanishidan 7 kun oldingacha bepul bekor qilinadi; "
            "keyin toʻlov qaytarilmaydi.",
            cancellation_terms_ru="Бесплатная отмена не позднее чем за 7 дней до начала; "
            "позже оплата не возвращается.",
            cancellation_terms_en="Free cancellation up to 7 days before the start; after "
            "that the fee is not refunded.",
        )
        SessionTrainer.objects.create(session=session, trainer=trainer)
        for day in range(days):
            SessionDay.objects.create(
                session=session,
                date=(starts + datetime.timedelta(days=day)).date(),
                check_in_code=secrets.token_hex(3).upper(),
            )
        sessions.append(session)
    _enrolments(sessions, participants)
    write(f"Training: {len(courses)} courses, {len(sessions)} sessions with enrolments.")


def _course(row: tuple) -> Course:
    code, level, fmt, languages, hours, cpd, category, competencies, price, titles, summaries = row
    course = Course.objects.create(
        code=code,
        level=level,
        format=fmt,
        languages=languages,
        duration_hours=Decimal(hours),
        cpd_hours=Decimal(cpd),
        cpd_category=category,
        ikpu_code=IKPU_TRAINING,
        package_code=PACKAGE_CODE,
        is_published=True,
        search_text=Course.search_text_for(code, list(titles)),
        **{f"title_{lang}": text for lang, text in zip(("uz", "ru", "en"), titles, strict=True)},
        **{
            f"summary_{lang}": text
            for lang, text in zip(("uz", "ru", "en"), summaries, strict=True)
        },
    )
    for competency_code, level_order in competencies:
        competency = Competency.objects.filter(code=competency_code).order_by("-pk").first()
        if competency is None:
            continue
        level_row = ProficiencyLevel.objects.filter(
            scale=competency.area.framework.scale, value=level_order
        ).first()
        CourseCompetency.objects.create(course=course, competency=competency, level=level_row)
    uzs = Decimal(price)
    for kind, factor in (
        ("individual", Decimal(1)),
        ("member_firm", Decimal("0.85")),
        ("non_member_firm", Decimal("1.15")),
    ):
        CoursePrice.objects.create(
            course=course,
            payer_kind=kind,
            currency="UZS",
            amount=(uzs * factor).quantize(Decimal(1000)),
        )
        CoursePrice.objects.create(
            course=course,
            payer_kind=kind,
            currency="KZT",
            amount=(uzs * factor * KZT_PER_UZS).quantize(Decimal(100)),
        )
    return course


def _venue(region: str, names: tuple, addresses: tuple, cities: tuple, rooms: list) -> Room:
    venue = Venue.objects.create(
        region=Region.objects.get(code=region),
        **{f"name_{lang}": text for lang, text in zip(("uz", "ru", "en"), names, strict=True)},
        **{
            f"address_{lang}": text
            for lang, text in zip(("uz", "ru", "en"), addresses, strict=True)
        },
        **{f"city_{lang}": text for lang, text in zip(("uz", "ru", "en"), cities, strict=True)},
    )
    created = [Room.objects.create(venue=venue, name=name, capacity=size) for name, size in rooms]
    return created[0]


def _currency(session: CourseSession) -> str:
    return "KZT" if session.room and session.room.venue.region.country == "KZ" else "UZS"


def _enrol(session: CourseSession, participant: User, status: str, *, pay: bool) -> Enrolment:
    currency = _currency(session)
    price = session.course.prices.get(payer_kind="individual", currency=currency).amount
    now = timezone.now()
    invoice = None
    if status not in {"waitlisted"}:
        with translation.override(participant.preferred_language or "uz"):
            title = session.course.title
        invoice = billing.create_invoice(
            payer=billing.Payer.for_person(participant),
            lines=[
                billing.LineIn(
                    description=f"{session.course.code} {title} — {session.starts_at:%d.%m.%Y}",
                    unit_price=price,
                    ikpu_code=session.course.ikpu_code,
                    package_code=session.course.package_code,
                )
            ],
            currency=currency,
            actor=None,
        )
        if pay:
            billing.record_payment(
                invoice=invoice,
                amount=invoice.gross_total,
                provider="payme" if currency == "UZS" else "bank",
                external_id=f"demo-{invoice.number}",
            )
    return Enrolment.objects.create(
        session=session,
        person=participant,
        status=status,
        payer_kind="individual",
        price=price,
        currency=currency,
        invoice=invoice,
        requested_at=now,
        confirmed_at=now if status != "waitlisted" else None,
        paid_at=now if pay else None,
    )


def _enrolments(sessions: list[CourseSession], participants: list[User]) -> None:
    for session in sessions:
        past = session.status == CourseSession.Status.HELD
        for index, participant in enumerate(
            participants[: min(len(participants), session.max_seats)]
        ):
            if past:
                status = "completed" if index % 4 != 3 else "not_completed"
                enrolment = _enrol(session, participant, status, pay=True)
                enrolment.completed_at = session.ends_at
                enrolment.save(update_fields=["completed_at"])
                for number, day in enumerate(session.days.all()):
                    absent = status == "not_completed" and number > 0
                    Attendance.objects.create(
                        enrolment=enrolment,
                        day=day,
                        mark=Attendance.Mark.ABSENT if absent else Attendance.Mark.PRESENT,
                    )
            elif index % 3 == 0:
                _enrol(session, participant, "paid", pay=True)
            elif index % 3 == 1:
                _enrol(session, participant, "confirmed", pay=False)
        if session.max_seats <= 2:
            # A full session with a waiting list.
            for participant in participants[session.max_seats : session.max_seats + 2]:
                _enrol(session, participant, "waitlisted", pay=False)
