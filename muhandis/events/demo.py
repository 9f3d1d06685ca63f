"""Demo events for `make run`: a conference, a seminar on water supply (full, with a waiting
list), a site visit and a webinar held ten days ago, with attendance marked and CPD hours
credited. Everything goes through the events services (and so through training's); loading
twice changes nothing. Runs after the accounts, billing, membership and training demos."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from muhandis.accounts.models import Region, User

from . import selectors, services
from .models import Event

MANAGER = "training@demo.muhandis.uz"
PEOPLE = [
    "engineer@demo.muhandis.uz",
    "zarina.qodirova@demo.muhandis.uz",
    "javlon.xolmatov@demo.muhandis.uz",
    "shahnoza.rasulova@demo.muhandis.uz",
    "timur.abdullayev@demo.muhandis.uz",
    "madina.yoqubova@demo.muhandis.uz",
    "otabek.mirzayev@demo.muhandis.uz",
]


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _values(
    kind: str,
    titles: tuple[str, str, str],
    descriptions: tuple[str, str, str],
    places: tuple[str, str, str],
    **rest: Any,
) -> dict[str, Any]:
    values: dict[str, Any] = {"kind": kind, "address": "", "online_url": "", "cpd_category": ""}
    for n, lang in enumerate(("uz", "ru", "en")):
        values[f"title_{lang}"] = titles[n]
        values[f"description_{lang}"] = descriptions[n]
        values[f"place_{lang}"] = places[n]
    values.update(rest)
    return values


EVENTS = [
    (
        "conference",
        (
            "Oʻzbekiston muhandislari konferensiyasi 2027",
            "Конференция инженеров Узбекистана 2027",
            "Uzbekistan Engineers' Conference 2027",
        ),
        (
            "Qurilish va suv taʼminoti sohasidagi kichik muhandislik firmalarining yillik "
            "anjumani: standartlar, davlat xaridlari va raqamli loyihalash.",
            "Ежегодная встреча малых инженерных фирм строительства и водоснабжения: "
            "стандарты, госзакупки и цифровое проектирование.",
            "The yearly meeting of small engineering firms in construction and water supply: "
            "standards, public procurement and digital design.",
        ),
        ("Kongress-xoll", "Конгресс-холл", "Congress Hall"),
        {
            "region": "UZ-TK",
            "address": "Amir Temur shoh koʻchasi 107",
            "days": 45,
            "length_days": 2,
            "capacity": 200,
            "member_price": Decimal(300000),
            "non_member_price": Decimal(500000),
            "cpd_hours": Decimal(12),
            "cpd_category": "professional",
            "registrants": 3,
        },
    ),
    (
        "seminar",
        (
            "Qishloq suv taʼminoti: nasos stansiyalarini loyihalash",
            "Сельское водоснабжение: проектирование насосных станций",
            "Rural water supply: designing pumping stations",
        ),
        (
            "Nasos tanlash, energiya samaradorligi va ShNQ talablari boʻyicha amaliy seminar.",
            "Практический семинар: выбор насосов, энергоэффективность и требования ШНК.",
            "A practical seminar: choosing pumps, energy efficiency and the ShNQ requirements.",
        ),
        ("Samarqand muhandislik markazi", "Самаркандский инженерный центр",
         "Samarkand Engineering Centre"),
        {
            "region": "UZ-SA",
            "days": 12,
            "capacity": 4,
            "cpd_hours": Decimal(4),
            "cpd_category": "technical",
            "registrants": 6,
        },
    ),
    (
        "site_visit",
        (
            "Chirchiq suv tozalash inshootiga tashrif",
            "Посещение очистных сооружений Чирчика",
            "Site visit: the Chirchiq water treatment plant",
        ),
        (
            "Qayta qurilgan tozalash inshootini loyiha muhandislari bilan koʻrib chiqamiz.",
            "Осмотр реконструированных очистных сооружений с инженерами проекта.",
            "A tour of the rebuilt treatment plant with the project's engineers.",
        ),
        ("Chirchiq suv tozalash inshooti", "Очистные сооружения Чирчика",
         "Chirchiq water treatment plant"),
        {
            "region": "UZ-TO",
            "days": 20,
            "capacity": 15,
            "non_member_price": Decimal(100000),
            "registrants": 2,
        },
    ),
    (
        "webinar",
        (
            "Vebinar: BIM kichik firmalar uchun",
            "Вебинар: BIM для малых фирм",
            "Webinar: BIM for small firms",
        ),
        (
            "Axborot modellashtirishni kichik loyihalarda qanday boshlash mumkin.",
            "Как начать информационное моделирование на небольших проектах.",
            "How to start building information modelling on small projects.",
        ),
        ("", "", ""),
        {
            "online_url": "https://meet.example.org/muhandis-bim",
            "days": -10,
            "capacity": 100,
            "cpd_hours": Decimal(2),
            "cpd_category": "technical",
            "registrants": 4,
            "held": True,
        },
    ),
]  # fmt: skip


def load(write: Callable[[str], object]) -> None:
    manager = User.objects.filter(email=MANAGER).first()
    if manager is None:
        write("Events: no training manager in the demo data; skipped")
        return
    people = [p for email in PEOPLE if (p := User.objects.filter(email=email).first())]
    made = [_event(manager, people, *row) for row in EVENTS]
    write("Events: " + ", ".join(f"{e.get_kind_display()} ({e.taken} seats taken)" for e in made))


def _event(
    manager: User,
    people: list[User],
    kind: str,
    titles: tuple[str, str, str],
    descriptions: tuple[str, str, str],
    places: tuple[str, str, str],
    plan: dict[str, Any],
) -> Event:
    existing = Event.objects.filter(title_en=titles[2]).first()
    if existing is not None:
        return selectors.with_seats(Event.objects.filter(pk=existing.pk)).get()
    plan = dict(plan)
    days, held = plan.pop("days"), plan.pop("held", False)
    length, count = plan.pop("length_days", 0), plan.pop("registrants")
    region = plan.pop("region", None)
    # A held event is made ahead and moved back once people registered for it.
    starts = _at(30 if held else days, 10)
    lasts = datetime.timedelta(days=length, hours=8) if length else datetime.timedelta(hours=4)
    ends = starts + lasts
    values = _values(
        kind,
        titles,
        descriptions,
        places,
        region=Region.objects.get(code=region) if region else None,
        starts_at=starts,
        ends_at=ends,
        registration_deadline=starts - datetime.timedelta(hours=2),
        **plan,
    )
    event = services.create_event(actor=manager, values=values)
    event = services.publish_event(event=event, actor=manager)
    for person in people[:count]:
        services.register(event=event, person=person)
    if held:
        _hold(event, manager, days)
    return selectors.with_seats(Event.objects.filter(pk=event.pk)).get()


def _hold(event: Event, manager: User, days: int) -> None:
    """Move the event into the past and mark who came: all but the last were present."""
    starts = _at(days, 10)
    event = services.update_event(
        event=event,
        actor=manager,
        values={
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "registration_deadline": starts - datetime.timedelta(hours=2),
        },
    )
    for day in selectors.event_days(event):
        rows = selectors.attendance_of(event, day)
        marks = {e.pk: "present" for e, _mark in rows[:-1]}
        marks.update({e.pk: "absent" for e, _mark in rows[-1:]})
        services.mark_attendance(event=event, day=day, marks=marks, actor=manager)
