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
from muhandis.accounts.models import Employment, Organisation, Region, User
from muhandis.accounts.roles import Role
from muhandis.billing import services as billing
from muhandis.billing.models import Invoice
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
from .services import bookings, completion, evaluation
from .services import enrolment as enrolment_services

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
    """Past sessions: paid seats, attendance, and completion assessed by the training manager
    (which credits CPD hours and issues the certificates of completion). Upcoming sessions:
    enrolments through the enrolment service, some paid, one cancelled, a full session with a
    waiting list and a seat offered, and an employer's booking."""
    manager = User.objects.get(email=MANAGER)
    for session in sessions:
        if session.status == CourseSession.Status.HELD:
            _past(session, participants, manager)
    upcoming = [s for s in sessions if s.status == CourseSession.Status.OPEN]
    for number, session in enumerate(upcoming):
        if session.max_seats <= 2:
            continue
        for index, participant in enumerate(participants[: 3 + number % 4]):
            enrolment = enrolment_services.enrol(
                session=session, person=participant, actor=participant
            )
            if index % 2 == 0 and enrolment.invoice is not None:
                _pay(enrolment.invoice)
    _full_session(next(s for s in upcoming if s.max_seats <= 2), participants)
    _cancelled(upcoming[1], participants[-1])
    _booking(upcoming[2], participants)


def _pay(invoice: Invoice) -> None:
    billing.record_payment(
        invoice=invoice,
        amount=invoice.balance,
        provider="payme" if invoice.currency == "UZS" else "bank",
        external_id=f"demo-{invoice.number}",
    )


def _past(session: CourseSession, participants: list[User], manager: User) -> None:
    for index, participant in enumerate(participants[: session.max_seats]):
        enrolment = _enrol(session, participant, "paid", pay=True)
        for number, day in enumerate(session.days.all()):
            # Every fourth participant missed all but the first day: not completed.
            absent = index % 4 == 3 and number > 0
            Attendance.objects.create(
                enrolment=enrolment,
                day=day,
                mark=Attendance.Mark.ABSENT if absent else Attendance.Mark.PRESENT,
                marked_by=session.trainers.first(),
            )
    completion.assess_completion(session=session, actor=manager)
    _evaluations(session)


COMMENTS = [
    "Amaliy misollar juda foydali boʻldi.",
    "Hisob-kitoblarga koʻproq vaqt ajratilsa yaxshi boʻlardi.",
    "Практические задания были полезнее всего.",
]


def _evaluations(session: CourseSession) -> None:
    """Most participants answered the end-of-course questionnaire."""
    for index, enrolment in enumerate(session.enrolments.order_by("pk")):
        request = evaluation.request_course_evaluation(enrolment=enrolment)
        if request is None or index % 3 == 2:
            continue
        answers: dict[str, object] = {}
        for question in evaluation.questions_for(request):
            kind = question.kind
            if kind == question.Kind.RATING:
                answers[question.key] = 5 - (index + question.order) % 2
            elif kind == question.Kind.NPS:
                answers[question.key] = 10 - index % 4
            elif kind == question.Kind.YES_NO:
                answers[question.key] = 1
            else:
                answers[question.key] = COMMENTS[(index + question.order) % len(COMMENTS)]
        evaluation.answer_evaluation(token=request.token, answers=answers)


def _full_session(session: CourseSession, participants: list[User]) -> None:
    """Two seats, four people: two confirmed, two waiting; one cancels and the first in line
    is offered the seat."""
    enrolments = [
        enrolment_services.enrol(session=session, person=person, actor=person)
        for person in participants[:4]
    ]
    enrolment_services.cancel_enrolment(
        enrolment=enrolments[0],
        actor=participants[0],
        by=Enrolment.CancelledBy.PERSON,
        reason="Ish safari sababli qatnasha olmayman.",
    )


def _cancelled(session: CourseSession, participant: User) -> None:
    enrolment = enrolment_services.enrol(session=session, person=participant, actor=participant)
    enrolment_services.cancel_enrolment(
        enrolment=enrolment,
        actor=participant,
        by=Enrolment.CancelledBy.PERSON,
        reason="Sana menga toʻgʻri kelmaydi.",
    )


def _booking(session: CourseSession, participants: list[User]) -> None:
    """The demo employer books two of the firm's engineers on one invoice."""
    employer = User.objects.get(email=EMPLOYER)
    firm = Organisation.objects.get(tax_number="305123456")
    staff = [p for p in participants if p.email.startswith(("timur.", "madina."))]
    for engineer in staff:
        Employment.objects.get_or_create(
            person=engineer, organisation=firm, defaults={"relation": "employee"}
        )
    taken = set(session.enrolments.values_list("person_id", flat=True))
    bookings.book(
        session=session,
        organisation=firm,
        people=[p for p in staff if p.pk not in taken],
        actor=employer,
    )
