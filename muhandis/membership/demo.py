"""Demo membership: the types members join as (in Uzbek, Russian and English) with their fees
in soʻm and tenge, a few member firms (current, in grace, awaiting payment), the demo engineer
as a full member, and two applications waiting for approval. Everything goes through the
membership services; loading twice changes nothing."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone

from muhandis.accounts.models import Employment, Organisation, User
from muhandis.billing import services as billing

from .models import Membership, MembershipFee, MembershipType, Status
from .services import billing_receivers, memberships

# code, kind, grade, size band, period, names (uz, ru, en), fees (UZS, KZT), member prices,
# directory listing, opportunities
TYPES = [
    ("firm-micro", "firm", "", "micro", "calendar",
     ("Mikro firma aʼzoligi", "Членство микрофирмы", "Micro firm membership"),
     ("1500000", "60000"), True, True, False),
    ("firm-small", "firm", "", "small", "calendar",
     ("Kichik firma aʼzoligi", "Членство малой фирмы", "Small firm membership"),
     ("3000000", "120000"), True, True, True),
    ("firm-medium", "firm", "", "medium", "calendar",
     ("Oʻrta firma aʼzoligi", "Членство средней фирмы", "Medium firm membership"),
     ("6000000", "240000"), True, True, True),
    ("firm-large", "firm", "", "large", "rolling",
     ("Yirik firma aʼzoligi", "Членство крупной фирмы", "Large firm membership"),
     ("12000000", "480000"), True, True, True),
    ("full", "individual", "full", "", "calendar",
     ("Toʻliq aʼzo", "Действительный член", "Full member"),
     ("500000", "20000"), True, True, False),
    ("associate", "individual", "associate", "", "calendar",
     ("Assotsiatsiyalangan aʼzo", "Ассоциированный член", "Associate member"),
     ("300000", "12000"), True, False, False),
    ("student", "individual", "student", "", "calendar",
     ("Talaba aʼzo", "Член-студент", "Student member"),
     ("100000", "4000"), True, False, False),
    ("honorary", "individual", "honorary", "", "calendar",
     ("Faxriy aʼzo", "Почётный член", "Honorary member"),
     ("0", "0"), True, True, False),
]  # fmt: skip

DESCRIPTIONS = (
    "Kurslarda aʼzolar narxi, ochiq reyestrda koʻrsatilish va assotsiatsiya yangiliklari.",
    "Цены для членов на курсах, место в открытом реестре и новости ассоциации.",
    "Member prices on courses, a place in the public directory and the association's news.",
)

# Firm representatives the demo adds (the demo employer represents Suvloyiha MChJ already).
REPRESENTATIVES = [
    ("201987654", "suvoqova@demo.muhandis.uz", "Jahongir", "Qodirov"),
    ("200456789", "tdtu@demo.muhandis.uz", "Feruza", "Islomova"),
]


def load(write: Callable[[str], object]) -> None:
    types = {row[0]: _type(*row) for row in TYPES}
    for tax_number, email, given, family in REPRESENTATIVES:
        _representative(tax_number, email, given, family)
    registrar = User.objects.filter(email="registrar@demo.muhandis.uz").first()
    today = timezone.localdate()
    year_start = datetime.date(today.year, 1, 1)
    done = [
        _firm("305123456", types["firm-small"], registrar, start=year_start, pay=True),
        # Twelve months from joining, ended ten days ago: in the grace days.
        _firm(
            "201987654",
            types["firm-large"],
            registrar,
            start=today - datetime.timedelta(days=375),
            pay=True,
        ),
        _firm("200456789", types["firm-large"], registrar, start=today, pay=False),
        _person("engineer@demo.muhandis.uz", types["full"], registrar, start=year_start),
        _person("trainer@demo.muhandis.uz", types["associate"], None, start=None),
        _person("examiner@demo.muhandis.uz", types["full"], None, start=None),
    ]
    write(
        f"Membership: {len(types)} types; "
        + ", ".join(f"{who} ({status})" for who, status in done if who)
    )


def _type(
    code: str,
    kind: str,
    grade: str,
    size_band: str,
    period: str,
    names: tuple[str, str, str],
    fees: tuple[str, str],
    member_prices: bool,
    directory_listing: bool,
    opportunities: bool,
) -> MembershipType:
    type, _ = MembershipType.objects.get_or_create(
        code=code,
        defaults={
            "name_uz": names[0],
            "name_ru": names[1],
            "name_en": names[2],
            "description_uz": DESCRIPTIONS[0],
            "description_ru": DESCRIPTIONS[1],
            "description_en": DESCRIPTIONS[2],
            "kind": kind,
            "grade": grade,
            "size_band": size_band,
            "period": period,
            "grace_days": 30,
            "member_prices": member_prices,
            "directory_listing": directory_listing,
            "opportunities": opportunities,
            "sort_order": [row[0] for row in TYPES].index(code),
        },
    )
    for currency, amount in zip(("UZS", "KZT"), fees, strict=True):
        MembershipFee.objects.get_or_create(
            type=type, currency=currency, defaults={"amount": Decimal(amount)}
        )
    return type


def _representative(tax_number: str, email: str, given: str, family: str) -> None:
    organisation = Organisation.objects.filter(tax_number=tax_number).first()
    if organisation is None:
        return
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"given_name": given, "family_name": family, "preferred_language": "ru"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Employment.objects.get_or_create(
        person=user,
        organisation=organisation,
        relation="representative",
        end_date=None,
        defaults={"position": "Direktor"},
    )


def _pay(membership: Membership, registrar: User | None) -> None:
    """Pay the open invoice by bank transfer today, and count the period at once (the signal
    would do so only after the demo's transaction)."""
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
        actor=registrar,  # type: ignore[arg-type]
    )
    invoice.refresh_from_db()
    billing_receivers.mark_paid(invoice=invoice)


def _firm(
    tax_number: str,
    type: MembershipType,
    registrar: User | None,
    *,
    start: datetime.date,
    pay: bool,
) -> tuple[str, str]:
    organisation = Organisation.objects.filter(tax_number=tax_number).first()
    if organisation is None:
        return "", ""
    existing = Membership.objects.filter(organisation=organisation).first()
    if existing is not None:
        return organisation.name, existing.status
    representative = memberships.representatives(organisation)
    if not representative or type.size_band != organisation.size_band:
        return "", ""
    membership = memberships.apply_for_membership(
        actor=representative[0], type=type, currency="UZS", organisation=organisation
    )
    membership = memberships.approve_membership(
        actor=registrar,  # type: ignore[arg-type]
        membership=membership,
        start=start,
    )
    if pay:
        _pay(membership, registrar)
    membership.refresh_from_db()
    return organisation.name, membership.status


def _person(
    email: str, type: MembershipType, registrar: User | None, *, start: datetime.date | None
) -> tuple[str, str]:
    person = User.objects.filter(email=email).first()
    if person is None:
        return "", ""
    existing = Membership.objects.filter(person=person).first()
    if existing is not None:
        return person.display_name, existing.status
    membership = memberships.apply_for_membership(
        actor=person,
        type=type,
        currency="UZS",
        note="Suv taʼminoti loyihalari boʻyicha muhandisman.",
    )
    if start is not None:
        membership = memberships.approve_membership(
            actor=registrar,  # type: ignore[arg-type]
            membership=membership,
            start=start,
        )
        _pay(membership, registrar)
        membership.refresh_from_db()
    return person.display_name, membership.status if membership.status else Status.PENDING
