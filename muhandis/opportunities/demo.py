"""Demo opportunities for `make run`: open tenders and subcontracting offers posted by the demo
member firms, public tenders in construction and water supply imported by the moderator from a
spreadsheet, one tender whose deadline passed (expired by the daily run), and what the member
firms look for, so that their matches show. Every title and description reads in Uzbek,
Russian and English: the firms post in all three, the imported tenders come in one language and
the moderator adds the other two. Everything goes through the board's services; loading twice
changes nothing."""

import csv
import datetime
import io
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from muhandis.accounts.models import Organisation, Region, User
from muhandis.competencies.models import Area, Framework
from muhandis.core.transliteration import search_key

from .models import MatchingPreference, Opportunity, Source
from .selectors import posting
from .services import imports, preferences
from .services.opportunities import (
    OpportunityError,
    OpportunityIn,
    close_expired_opportunities,
    post_opportunity,
    update_opportunity,
)

# tax number of the firm, kind, texts ({language: (title, description)}, the firm's own language
# first), sectors, regions, areas, value band, days to the deadline, contact
POSTED = [
    ("305123456", "subcontracting",
     {"uz": ("Kanalizatsiya kollektorini loyihalashda subpudratchi kerak",
             "Chirchiq shahridagi kanalizatsiya kollektorini qayta qurish loyihasining gidravlik "
             "hisob-kitoblari uchun subpudratchi izlaymiz."),
      "ru": ("Требуется субподрядчик для проектирования канализационного коллектора",
             "Ищем субподрядчика для гидравлических расчётов по проекту реконструкции "
             "канализационного коллектора в Чирчике."),
      "en": ("Subcontractor needed to design a sewer collector",
             "We are looking for a subcontractor for the hydraulic calculations of the project "
             "to rebuild the sewer collector in Chirchiq.")},
     ["design", "water"], ["UZ-TO"], ["TCH"], "100m_1bn", 25, "Rustam Aliyev, +998 71 200 00 01"),
    ("305123456", "job",
     {"ru": ("Инженер-проектировщик водопроводных сетей",
             "Ищем инженера-проектировщика с опытом в EPANET; полная занятость, Ташкент."),
      "uz": ("Suv quvuri tarmoqlarini loyihalovchi muhandis",
             "EPANET dasturida tajribaga ega loyihalovchi muhandis izlaymiz; toʻliq ish kuni, "
             "Toshkent."),
      "en": ("Water supply network design engineer",
             "We are looking for a design engineer with experience in EPANET; full time, "
             "Tashkent.")},
     ["design", "water"], ["UZ-TK"], ["TCH"], "", 40, "hr@suvloyiha.uz"),
    ("201987654", "tender",
     {"ru": ("Реконструкция насосной станции второго подъёма",
             "Замена насосных агрегатов и электрооборудования насосной станции в Самарканде."),
      "uz": ("Ikkinchi koʻtarish nasos stansiyasini rekonstruksiya qilish",
             "Samarqanddagi nasos stansiyasining nasos agregatlari va elektr jihozlarini "
             "almashtirish."),
      "en": ("Reconstruction of a second-lift pumping station",
             "Replacing the pump units and electrical equipment of a pumping station in "
             "Samarkand.")},
     ["water", "construction"], ["UZ-SA"], ["TCH"], "1bn_10bn", 30, "tender@suvoqova.uz"),
    ("201987654", "subcontracting",
     {"uz": ("Suv hisoblagichlarini oʻrnatish boʻyicha subpudrat",
             "Samarqand shahridagi 4 000 xonadonga suv hisoblagichlarini oʻrnatish."),
      "ru": ("Субподряд на установку счётчиков воды",
             "Установка счётчиков воды в 4 000 квартирах Самарканда."),
      "en": ("Subcontract to install water meters",
             "Installing water meters in 4,000 homes in Samarkand.")},
     ["water"], ["UZ-SA"], [], "under_100m", 18, "+998 66 233 00 02"),
]  # fmt: skip

# Public tenders imported from a spreadsheet: reference, title, language, customer, sectors,
# regions, value in soʻm, days to the deadline.
IMPORTED = [
    ("XT-2027-0101", "Toshkent shahrida suv quvurlarini rekonstruksiya qilish", "uz",
     "Toshkent shahar suv taʼminoti", "water, construction", "UZ-TK", "4200000000", 21),
    ("XT-2027-0102", "Строительство очистных сооружений в Нукусе", "ru",
     "Дирекция водоснабжения Каракалпакстана", "water, construction", "UZ-QR", "15000000000", 45),
    ("XT-2027-0103", "Buxoro viloyatida maktab binosini qurish", "uz",
     "Buxoro viloyati hokimligi", "construction", "UZ-BU", "8500000000", 33),
    ("XT-2027-0104", "Проектирование водопровода в Джизаке", "ru",
     "Джизакводоканал", "design, water", "UZ-JI", "650000000", 28),
    ("XT-2027-0105", "Qashqadaryo viloyatida nasos stansiyasini taʼmirlash", "uz",
     "Qashqadaryo suv taʼminoti", "water", "UZ-QA", "900000000", 15),
    ("XT-2027-0106", "Fargʻona vodiysida ichimlik suvi tarmoqlari", "uz",
     "Fargʻona viloyati suv taʼminoti", "water", "UZ-FA, UZ-NG, UZ-AN", "", 50),
]  # fmt: skip

# The titles the moderator adds to each imported tender, in the languages the file lacked.
IMPORTED_TRANSLATIONS = {
    "XT-2027-0101": {"ru": "Реконструкция водопроводных сетей в Ташкенте",
                     "en": "Reconstruction of water pipelines in Tashkent"},
    "XT-2027-0102": {"uz": "Nukus shahrida tozalash inshootlarini qurish",
                     "en": "Construction of wastewater treatment facilities in Nukus"},
    "XT-2027-0103": {"ru": "Строительство здания школы в Бухарской области",
                     "en": "Construction of a school building in Bukhara region"},
    "XT-2027-0104": {"uz": "Jizzax shahrida suv quvurini loyihalash",
                     "en": "Design of a water main in Jizzakh"},
    "XT-2027-0105": {"ru": "Ремонт насосной станции в Кашкадарьинской области",
                     "en": "Repair of a pumping station in Kashkadarya region"},
    "XT-2027-0106": {"ru": "Сети питьевого водоснабжения в Ферганской долине",
                     "en": "Drinking water networks in the Fergana Valley"},
}  # fmt: skip

EXPIRED_REFERENCE = "XT-2026-0999"
EXPIRED_CUSTOMER = "Navoiy viloyati suv taʼminoti"
EXPIRED_TITLES = {
    "uz": "Navoiy shahrida suv minorasini taʼmirlash",
    "ru": "Ремонт водонапорной башни в Навои",
    "en": "Repair of a water tower in Navoi",
}

# What the member firms look for: tax number, sectors, regions, areas.
WANTED = [
    ("305123456", ["design", "water"], ["UZ-TK", "UZ-TO", "UZ-JI"], ["TCH"]),
    ("201987654", ["water", "construction"], ["UZ-SA", "UZ-QA", "UZ-BU"], ["TCH"]),
]


def load(write: Callable[[str], object]) -> None:
    moderator = User.objects.filter(email="moderator@demo.muhandis.uz").first()
    posted = sum(_post(*row) for row in POSTED)
    imported = 0
    if moderator is not None:
        imported = _import(moderator)
        _translate_imported(moderator)
    expired = _expired(moderator)
    wanted = sum(_want(*row) for row in WANTED)
    write(
        f"Opportunities: {posted} posted by member firms, {imported} public tenders imported, "
        f"{expired} expired, preferences of {wanted} firms"
    )


def _today() -> datetime.date:
    return timezone.localdate()


def _post(
    tax_number: str,
    kind: str,
    texts: dict[str, tuple[str, str]],
    sectors: list[str],
    regions: list[str],
    areas: list[str],
    value_band: str,
    days: int,
    contact: str,
) -> int:
    firm = Organisation.objects.filter(tax_number=tax_number).first()
    posted_before = Q()
    for language, (title, _description) in texts.items():
        posted_before |= Q(**{f"title_{language}": title})
    if firm is None or Opportunity.objects.filter(posted_before).exists():
        return 0
    representative = next((p for p in _representatives(firm) if posting.posting_firms(p)), None)
    if representative is None:
        return 0
    try:
        post_opportunity(
            actor=representative,
            organisation=firm,
            values=OpportunityIn(
                kind=kind,
                texts=texts,
                deadline=_today() + datetime.timedelta(days=days),
                sectors=sectors,
                regions=list(Region.objects.filter(code__in=regions)),
                areas=_areas(areas),
                value_band=value_band,
                contact=contact,
            ),
        )
    except OpportunityError:
        return 0
    return 1


def _representatives(firm: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            employments__organisation=firm,
            employments__relation="representative",
            employments__end_date__isnull=True,
        ).order_by("pk")
    )


def _areas(codes: list[str]) -> list[Area]:
    return list(Area.objects.filter(code__in=codes, framework__status=Framework.Status.PUBLISHED))


def _import(moderator: User) -> int:
    references = [row[0] for row in IMPORTED]
    if Opportunity.objects.filter(source_reference__in=references).count() == len(references):
        # Imported before: a second import would add nothing but its entry in the trail.
        return 0
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["reference", "title", "language", "customer", "sectors", "regions", "value", "deadline"]
    )
    for ref, title, lang, customer, sectors, regions, value, days in IMPORTED:
        deadline = (_today() + datetime.timedelta(days=days)).isoformat()
        writer.writerow([ref, title, lang, customer, sectors, regions, value, deadline])
    try:
        _plan, made = imports.import_tenders(
            content=buffer.getvalue().encode(), filename="demo-tenders.csv", actor=moderator
        )
    except (ValidationError, PermissionDenied):
        return 0
    return len(made)


def _translate_imported(moderator: User) -> None:
    """The moderator gives each imported tender its title in the two languages the file did
    not have, through the same change a moderator makes on the board; a tender whose titles are
    all there is left alone."""
    for reference, titles in IMPORTED_TRANSLATIONS.items():
        found = Opportunity.objects.filter(
            source=Source.IMPORTED, source_reference=reference
        ).first()
        if found is None:
            continue
        missing = {
            language: (title, getattr(found, f"description_{language}") or "")
            for language, title in titles.items()
            if not getattr(found, f"title_{language}")
        }
        if not missing:
            continue
        try:
            update_opportunity(
                actor=moderator,
                opportunity=found,
                values=OpportunityIn(
                    kind=found.kind,
                    texts=missing,
                    deadline=found.deadline,
                    sectors=list(found.sector_rows.values_list("sector", flat=True)),
                    regions=list(found.regions.all()),
                    areas=list(found.areas.all()),
                    value_band=found.value_band,
                    contact=found.contact,
                    link=found.link,
                    customer=found.customer,
                ),
            )
        except OpportunityError:  # closed or past its deadline: no longer changed
            continue


def _expired(moderator: User | None) -> int:
    """A public tender posted three weeks ago whose deadline passed yesterday: the daily run
    expires it."""
    found = Opportunity.objects.filter(
        source=Source.IMPORTED, source_reference=EXPIRED_REFERENCE
    ).first()
    if found is None:
        # Created directly: no service posts an opportunity whose deadline has passed.
        found = Opportunity.objects.create(
            kind="tender",
            **{f"title_{language}": title for language, title in EXPIRED_TITLES.items()},
            customer=EXPIRED_CUSTOMER,
            deadline=_today() - datetime.timedelta(days=1),
            source=Source.IMPORTED,
            source_reference=EXPIRED_REFERENCE,
            created_by=moderator,
            search_key=search_key(
                " ".join([*EXPIRED_TITLES.values(), EXPIRED_CUSTOMER, EXPIRED_REFERENCE])
            ),
        )
        found.regions.set(Region.objects.filter(code="UZ-NW"))
        found.sector_rows.create(sector="water")
    close_expired_opportunities()
    return Opportunity.objects.filter(status="expired").count()


def _want(tax_number: str, sectors: list[str], regions: list[str], areas: list[str]) -> int:
    firm = Organisation.objects.filter(tax_number=tax_number).first()
    if firm is None:
        return 0
    if MatchingPreference.objects.filter(organisation=firm).exists():
        return 1
    for person in _representatives(firm):
        if firm in posting.member_firms(person):
            preferences.save_preferences(
                actor=person,
                organisation=firm,
                sectors=sectors,
                regions=list(Region.objects.filter(code__in=regions)),
                areas=_areas(areas),
            )
            return 1
    return 0
