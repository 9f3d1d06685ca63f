"""Demo directory for `make run`: profiles of the member firms (small firms in construction
and water supply, two of them added here as members) in Uzbek, Russian and English, their
certified engineers on the staff, and engineers (women and men) who chose to be listed, some
open to mentoring. Everything goes through the services; loading twice changes nothing."""

import datetime
from collections.abc import Callable

from django.utils import timezone

from muhandis.accounts import services as accounts
from muhandis.accounts.models import (
    Employment,
    EmploymentRelation,
    Organisation,
    Region,
    RoleAssignment,
    User,
)
from muhandis.accounts.roles import Role
from muhandis.billing import services as billing
from muhandis.competencies.models import Area, Framework
from muhandis.membership.models import Membership, MembershipType
from muhandis.membership.services import billing_receivers, memberships

from .models import EngineerListing, FirmProfile
from .services import firms, listings

REGISTRAR = "registrar@demo.muhandis.uz"
# Small firms in construction added as members here: name, tax number, region, size band,
# membership type, representative (email, given name, family name).
NEW_FIRMS = [
    ("Mustahkam Qurilish MChJ", "307654321", "UZ-TO", "micro", "firm-micro",
     ("mustahkam@demo.muhandis.uz", "Lola", "Hasanova")),
    ("Obod Qurilish Loyiha MChJ", "306111222", "UZ-SA", "small", "firm-small",
     ("obod@demo.muhandis.uz", "Sherzod", "Mirzayev")),
]  # fmt: skip

# Tax number: sectors, regions served, area codes, website, phone, (uz, ru, en) about,
# (uz, ru, en) services.
PROFILES = {
    "305123456": (
        ["water", "design"], ["UZ-TK", "UZ-TO", "UZ-SI"], 3, "https://suvloyiha.example.uz",
        "+998712000101",
        ("Ichimlik suvi va kanalizatsiya tarmoqlarini loyihalovchi kichik muhandislik firmasi.",
         "Небольшая инженерная фирма, проектирующая сети водоснабжения и канализации.",
         "A small engineering firm designing water supply and sewerage networks."),
        ("Texnik-iqtisodiy asoslash, tarmoqlarni loyihalash, mualliflik nazorati.",
         "Технико-экономическое обоснование, проектирование сетей, авторский надзор.",
         "Feasibility studies, network design, designer's supervision on site."),
    ),
    "201987654": (
        ["water"], ["UZ-SA", "UZ-NW"], 2, "", "+998662000202",
        ("Samarqand viloyatining suv taʼminoti va oqava suvlarni tozalash korxonasi.",
         "Предприятие водоснабжения и очистки сточных вод Самаркандской области.",
         "The water supply and wastewater treatment utility of Samarkand region."),
        ("Suv taʼminoti, oqava suvlarni tozalash, nasos stansiyalarini ishlatish.",
         "Водоснабжение, очистка сточных вод, эксплуатация насосных станций.",
         "Water supply, wastewater treatment, operation of pumping stations."),
    ),
    "307654321": (
        ["construction"], ["UZ-TO", "UZ-TK"], 2, "", "+998712000303",
        ("Turar-joy va maktab binolarini quruvchi mikro firma.",
         "Микрофирма, строящая жилые дома и школы.",
         "A micro firm building homes and schools."),
        ("Umumiy pudrat, taʼmirlash, qurilish nazorati.",
         "Генеральный подряд, ремонт, строительный контроль.",
         "General contracting, renovation, construction supervision."),
    ),
    "306111222": (
        ["construction", "design"], ["UZ-SA", "UZ-QA"], 3, "https://obod.example.uz",
        "+998662000404",
        ("Qishloq suv quvurlari va jamoat binolarini loyihalab quradigan kichik firma.",
         "Небольшая фирма, проектирующая и строящая сельские водопроводы и общественные здания.",
         "A small firm designing and building rural water pipelines and public buildings."),
        ("Loyihalash va qurish, smeta, texnik nazorat.",
         "Проектирование и строительство, сметы, технический надзор.",
         "Design and build, cost estimates, technical supervision."),
    ),
}  # fmt: skip

# Certified engineers of the register (certification's demo) and where they work now.
STAFF = [
    ("gulnora.yusupova@demo.muhandis.uz", "305123456"),
    ("shahlo.ergasheva@demo.muhandis.uz", "305123456"),
    ("dilshod.tursunov@demo.muhandis.uz", "201987654"),
    ("kamola.usmonova@demo.muhandis.uz", "306111222"),
]

# Engineers who list themselves: email, languages, open to mentoring, bio.
ENGINEERS = [
    ("engineer@demo.muhandis.uz", ["uz", "ru", "en"], True,
     "Suv taʼminoti tarmoqlarini loyihalayman; yosh muhandislarga yordam berishga tayyorman."),
    ("gulnora.yusupova@demo.muhandis.uz", ["uz", "ru"], True,
     "Инженер по водоснабжению, 15 лет опыта в проектировании насосных станций."),
    ("dilshod.tursunov@demo.muhandis.uz", ["uz", "ru"], False,
     "Samarqanddagi tozalash inshootlari boʻyicha muhandis."),
    ("shahlo.ergasheva@demo.muhandis.uz", ["uz", "en"], True,
     "Kam qavatli binolar boʻyicha qurilish muhandisi; ayol muhandislarga mentorlik "
     "qilishga tayyor."),
    ("examiner@demo.muhandis.uz", ["uz", "ru", "kk"], False,
     "Qurilish konstruksiyalari boʻyicha muhandis."),
]  # fmt: skip


def load(write: Callable[[str], object]) -> None:
    registrar = User.objects.filter(email=REGISTRAR).first()
    if registrar is None:
        return
    for row in NEW_FIRMS:
        _member_firm(registrar, *row)
    made = sum(_profile(registrar, tax, *row) for tax, row in PROFILES.items())
    for email, tax_number in STAFF:
        _employ(registrar, email, tax_number)
    listed = sum(_listing(*row) for row in ENGINEERS)
    write(f"Directory: {made} firm profiles and {listed} engineers listed now.")


def _areas(count: int) -> list[Area]:
    framework = Framework.objects.filter(status=Framework.Status.PUBLISHED).first()
    if framework is None:
        return []
    return list(framework.areas.order_by("sort_order", "code")[:count])


def _member_firm(
    registrar: User,
    name: str,
    tax_number: str,
    region: str,
    size_band: str,
    type_code: str,
    representative: tuple[str, str, str],
) -> None:
    """A demo SME that joined this year and paid its dues."""
    if Organisation.objects.filter(country="UZ", tax_number=tax_number).exists():
        return
    kind = MembershipType.objects.filter(code=type_code).first()
    if kind is None:
        return
    email, given, family = representative
    person, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "given_name": given,
            "family_name": family,
            "name_latin": f"{given} {family}",
            "gender": "female" if family.endswith("a") else "male",
            "preferred_language": "uz",
        },
    )
    if not RoleAssignment.objects.filter(user=person, role=Role.EMPLOYER).exists():
        accounts.grant_role(user=person, role=Role.EMPLOYER, actor=None, reason="namoyish")
    firm = accounts.create_organisation(
        actor=person,
        name=name,
        kind="contractor",
        country="UZ",
        tax_number=tax_number,
        region=Region.objects.get(code=region),
        size_band=size_band,
        link_as=EmploymentRelation.REPRESENTATIVE,
    )
    membership = memberships.apply_for_membership(
        actor=person, type=kind, currency="UZS", organisation=firm
    )
    today = timezone.localdate()
    membership = memberships.approve_membership(
        actor=registrar, membership=membership, start=datetime.date(today.year, 1, 1)
    )
    _pay(membership, registrar)


def _pay(membership: Membership, registrar: User) -> None:
    period = membership.periods.filter(paid_at__isnull=True, cancelled_at__isnull=True).first()
    if period is None or period.invoice is None:
        return
    invoice = period.invoice
    billing.record_manual_payment(
        invoice=invoice,
        provider="bank",
        amount=invoice.gross_total,
        received_on=timezone.localdate(),
        reference=f"DEMO-{invoice.number}",
        actor=registrar,
    )
    invoice.refresh_from_db()
    billing_receivers.mark_paid(invoice=invoice)


def _profile(
    registrar: User,
    tax_number: str,
    sectors: list[str],
    regions: list[str],
    area_count: int,
    website: str,
    phone: str,
    about: tuple[str, str, str],
    services: tuple[str, str, str],
) -> bool:
    firm = Organisation.objects.filter(country="UZ", tax_number=tax_number).first()
    if firm is None or FirmProfile.objects.filter(organisation=firm).exists():
        return False
    representative = memberships.representatives(firm)
    firms.save_firm_profile(
        actor=representative[0] if representative else registrar,
        organisation=firm,
        values={
            "description_uz": about[0],
            "description_ru": about[1],
            "description_en": about[2],
            "services_uz": services[0],
            "services_ru": services[1],
            "services_en": services[2],
            "website": website,
            "email": "",
            "phone": phone,
        },
        sectors=sectors,
        regions_served=list(Region.objects.filter(code__in=regions)),
        areas=_areas(area_count),
    )
    return True


def _employ(registrar: User, email: str, tax_number: str) -> None:
    person = User.objects.filter(email=email).first()
    firm = Organisation.objects.filter(country="UZ", tax_number=tax_number).first()
    if person is None or firm is None:
        return
    if Employment.objects.filter(person=person, end_date__isnull=True).exists():
        return
    accounts.link_person(
        person=person,
        organisation=firm,
        relation=EmploymentRelation.EMPLOYEE,
        actor=registrar,
        position="Muhandis",
    )


def _listing(email: str, languages: list[str], mentoring: bool, bio: str) -> bool:
    person = User.objects.filter(email=email).first()
    if person is None or EngineerListing.objects.filter(person=person).exists():
        return False
    listings.save_listing(
        person=person,
        bio=bio,
        region=person.region,
        languages=languages,
        areas=_areas(2),
        open_to_mentoring=mentoring,
    )
    return True
