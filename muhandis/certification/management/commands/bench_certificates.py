"""Fill a benchmark database with many certificates, fast (`bench/register.py` runs it).

Every certificate gets its own holder with a realistic Uzbek or Russian name in Latin and
Cyrillic spelling, a region, one of the open schemes and a mix of statuses and dates. Rows are
written with ``bulk_create`` in batches; numbers continue each year's counter, so certificates
issued afterwards never collide with them. Meant for benchmark databases only: it refuses to
run without ``--confirm``.
"""

import datetime
import random
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from muhandis.accounts.models import Region, User
from muhandis.certification import numbers
from muhandis.certification.models import Certificate, CertificateCounter, Scheme
from muhandis.core import audit

# (Latin, Cyrillic) pairs.
GIVEN = [
    ("Dilnoza", "Дилноза"), ("Aziz", "Азиз"), ("Jasur", "Жасур"), ("Malika", "Малика"),
    ("Shoxrux", "Шохрух"), ("Nodira", "Нодира"), ("Bekzod", "Бекзод"), ("Gulnora", "Гулнора"),
    ("Rustam", "Рустам"), ("Zarina", "Зарина"), ("Otabek", "Отабек"), ("Sevara", "Севара"),
    ("Sardor", "Сардор"), ("Kamola", "Камола"), ("Timur", "Тимур"), ("Yulduz", "Юлдуз"),
    ("Aleksandr", "Александр"), ("Olga", "Ольга"), ("Dmitriy", "Дмитрий"), ("Irina", "Ирина"),
    ("Farrux", "Фаррух"), ("Madina", "Мадина"), ("Ulugʻbek", "Улуғбек"), ("Shahnoza", "Шаҳноза"),
]  # fmt: skip
FAMILY = [
    ("Karimov", "Каримов"), ("Nazarov", "Назаров"), ("Rahimov", "Раҳимов"),
    ("Yusupov", "Юсупов"), ("Toshmatov", "Тошматов"), ("Xolmatov", "Холматов"),
    ("Qodirov", "Қодиров"), ("Ergashev", "Эргашев"), ("Sultonov", "Султонов"),
    ("Abdullayev", "Абдуллаев"), ("Ismoilov", "Исмоилов"), ("Mirzayev", "Мирзаев"),
    ("Hamroqulov", "Ҳамроқулов"), ("Qoʻchqorov", "Қўчқоров"), ("Saidov", "Саидов"),
    ("Usmonov", "Усмонов"), ("Ivanov", "Иванов"), ("Petrov", "Петров"), ("Kim", "Ким"),
    ("Tursunov", "Турсунов"), ("Jurayev", "Жўраев"), ("Aliyev", "Алиев"),
    ("Normatov", "Норматов"), ("Boboyev", "Бобоев"), ("Fayzullayev", "Файзуллаев"),
    ("Oripov", "Орипов"), ("Salimov", "Салимов"), ("Zokirov", "Зокиров"),
]  # fmt: skip
FEMININE = {"Dilnoza", "Malika", "Nodira", "Gulnora", "Zarina", "Sevara", "Kamola", "Yulduz"}
FEMININE |= {"Olga", "Irina", "Madina", "Shahnoza"}
STATUSES = [Certificate.Status.VALID] * 17 + [
    Certificate.Status.SUSPENDED,
    Certificate.Status.WITHDRAWN,
    Certificate.Status.REPLACED,
]
BATCH = 5000


class Command(BaseCommand):
    help = "Create COUNT certificates with their holders, for benchmarks (needs --confirm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--confirm", action="store_true", help="Yes, this is a benchmark database."
        )

    def handle(self, *args: Any, count: int, seed: int, confirm: bool, **options: Any) -> None:
        if not confirm:
            raise CommandError("This fills the database with made-up people: add --confirm.")
        schemes = list(Scheme.objects.exclude(status=Scheme.Status.DRAFT))
        regions = list(Region.objects.all())
        if not schemes or not regions:
            raise CommandError("No open scheme or no region: run load_demo_data first.")
        rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
        serials = _serials(count)
        with transaction.atomic():
            for start in range(0, count, BATCH):
                _create_batch(rng, serials[start : start + BATCH], schemes, regions)
            for year, last in _last_serials(serials).items():
                CertificateCounter.objects.update_or_create(year=year, defaults={"last": last})
            audit.record(
                "certification.certificates.bench_filled",
                actor=None,
                target=None,
                after={"count": count},
                reason="benchmark data",
            )
        self.stdout.write(f"Certificates created: {count}")


def _serials(count: int) -> list[tuple[int, int]]:
    """(year, serial) for ``count`` certificates spread over 2018-2026, after each year's
    counter."""
    years = list(range(2018, 2027))
    last = dict(CertificateCounter.objects.filter(year__in=years).values_list("year", "last"))
    result = []
    for index in range(count):
        year = years[index % len(years)]
        last[year] = last.get(year, 0) + 1
        result.append((year, last[year]))
    return result


def _last_serials(serials: list[tuple[int, int]]) -> dict[int, int]:
    last: dict[int, int] = {}
    for year, serial in serials:
        last[year] = max(last.get(year, 0), serial)
    return last


def _create_batch(
    rng: random.Random,
    serials: list[tuple[int, int]],
    schemes: list[Scheme],
    regions: list[Region],
) -> None:
    people, certificates = [], []
    for year, serial in serials:
        (given, given_cyr), (family, family_cyr) = rng.choice(GIVEN), rng.choice(FAMILY)
        if given in FEMININE:
            family, family_cyr = family + "a", family_cyr + "а"
        latin, cyrillic = f"{given} {family}", f"{given_cyr} {family_cyr}"
        number = numbers.format_number(year, serial)
        people.append(
            {
                "email": f"{number.lower()}@bench.invalid",
                "public_id": uuid.uuid4(),
                "given_name": given,
                "family_name": family,
                "name_latin": latin,
                "name_cyrillic": cyrillic,
                "region": rng.choice(regions).pk,
                "contact_in_register": rng.random() < 0.2,
            }
        )
        scheme = rng.choice(schemes)
        effective = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        certificates.append(
            {
                "number": number,
                "public_id": uuid.uuid4(),
                "scheme": scheme.pk,
                "holder_name_latin": latin,
                "holder_name_cyrillic": cyrillic,
                "search_name": Certificate.search_name_for(latin, cyrillic),
                "status": rng.choice(STATUSES),
                "effective_date": effective,
                "expiry_date": effective + datetime.timedelta(days=365 * scheme.validity_years),
            }
        )
    _insert(User(password="!"), people)  # noqa: S106 (an unusable password)
    emails = [person["email"] for person in people]
    ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    for person, certificate in zip(people, certificates, strict=True):
        certificate["holder"] = ids[person["email"]]
    _insert(Certificate(source=Certificate.Source.IMPORT), certificates)


def _insert(template: Model, rows: list[dict[str, Any]]) -> None:
    """INSERT rows that differ from ``template`` only in the given fields (by name; foreign
    keys as ids), in one executemany: the ORM's bulk_create spends most of its time compiling
    each value, which here would make filling 100,000 rows take minutes."""
    model = template._meta.model
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    base = []
    for field in fields:
        if field.name in ("created_at", "updated_at", "date_joined"):
            setattr(template, field.attname, now)
        base.append(field.get_db_prep_save(field.pre_save(template, True), connection))
    position = {field.name: index for index, field in enumerate(fields)}
    values = []
    for row in rows:
        value = list(base)
        for name, item in row.items():
            index = position[name]
            value[index] = fields[index].get_db_prep_save(item, connection)
        values.append(value)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})",  # noqa: S608
            values,
        )
