"""Writes for the catalogue: courses with their prices and competencies, venues and rooms.

Every function validates, writes in one transaction and records the change in the audit trail.
A refusal is a ``ValidationError`` whose messages a training manager can act on (keyed by field
where one field is at fault).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.billing.models import Currency
from muhandis.competencies.models import Competency, ProficiencyLevel
from muhandis.core import audit

from .. import catalogue_cache
from ..models import Course, CourseCompetency, CoursePrice, PayerKind, Room, Venue

LANGUAGE_CODES = ("uz", "ru", "en")
TRANSLATED_COURSE_FIELDS = (
    "title",
    "summary",
    "outline",
    "prerequisites",
    "target_roles",
    "trainer_profile",
)
PLAIN_COURSE_FIELDS = (
    "code",
    "kind",
    "level",
    "format",
    "languages",
    "duration_hours",
    "cpd_hours",
    "cpd_category",
    "min_attendance_percent",
    "post_test_required",
    "ikpu_code",
    "package_code",
    "vat_rate",
)
COURSE_FIELDS = PLAIN_COURSE_FIELDS + tuple(
    f"{name}_{lang}" for name in TRANSLATED_COURSE_FIELDS for lang in LANGUAGE_CODES
)
VENUE_FIELDS = (
    *(f"{name}_{lang}" for name in ("name", "address", "city") for lang in LANGUAGE_CODES),
    "region",
)


@dataclass(frozen=True)
class PriceInput:
    """One price of a course: what a payer of this kind pays, in this currency."""

    payer_kind: str
    currency: str
    amount: Decimal | str | int


@dataclass(frozen=True)
class CompetencyTarget:
    """A competency (at any depth of the framework) the course develops, to a level."""

    competency: Competency
    level: ProficiencyLevel | None = None


def _snapshot(instance: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    values = {}
    for name in fields:
        value = getattr(instance, name if name != "region" else "region_id")
        values[name] = str(value) if isinstance(value, Decimal) else value
    return values


def _changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _check_languages(languages: Any) -> list[str]:
    if not isinstance(languages, list | tuple) or not languages:
        raise ValidationError({"languages": _("Choose at least one language of teaching.")})
    unknown = [code for code in languages if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            {"languages": _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return list(dict.fromkeys(languages))


def _apply_course_values(course: Course, values: dict[str, Any]) -> None:
    unknown = set(values) - set(COURSE_FIELDS)
    if unknown:
        raise ValueError(f"Not course fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(course, name, value)
    course.languages = _check_languages(course.languages)
    course.search_text = Course.search_text_for(
        course.code, [getattr(course, f"title_{lang}") or "" for lang in LANGUAGE_CODES]
    )
    course.full_clean(exclude=["public_id"])


@transaction.atomic
def create_course(
    *,
    actor: User | None,
    values: dict[str, Any],
    prices: list[PriceInput] | None = None,
    competencies: list[CompetencyTarget] | None = None,
    request: HttpRequest | None = None,
) -> Course:
    """A new course, not yet published, with its prices and competencies."""
    course = Course()
    _apply_course_values(course, values)
    course.save()
    after = _snapshot(course, COURSE_FIELDS)
    catalogue_cache.bump()
    audit.record(
        "training.course.created", actor=actor, target=course, after=after, request=request
    )
    if prices:
        set_prices(course=course, prices=prices, actor=actor, request=request)
    if competencies:
        set_competencies(course=course, targets=competencies, actor=actor, request=request)
    return course


@transaction.atomic
def update_course(
    *,
    course: Course,
    actor: User | None,
    values: dict[str, Any],
    request: HttpRequest | None = None,
) -> Course:
    """Change a course's description, hours, completion rule or fiscal details."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    before = _snapshot(course, COURSE_FIELDS)
    _apply_course_values(course, values)
    course.save()
    old, new = _changed(before, _snapshot(course, COURSE_FIELDS))
    if new:
        catalogue_cache.bump()
        audit.record(
            "training.course.updated",
            actor=actor,
            target=course,
            before=old,
            after=new,
            request=request,
        )
    return course


def _clean_prices(prices: list[PriceInput]) -> list[tuple[str, str, Decimal]]:
    payer_kinds, currencies = dict(PayerKind.choices), dict(Currency.choices)
    cleaned: list[tuple[str, str, Decimal]] = []
    seen: set[tuple[str, str]] = set()
    problems: list[str] = []
    for price in prices:
        try:
            amount = Decimal(str(price.amount).strip().replace(" ", "").replace(",", "."))
        except InvalidOperation:
            problems.append(_("“%(amount)s” is not an amount of money.") % {"amount": price.amount})
            continue
        if price.payer_kind not in payer_kinds:
            problems.append(_("Unknown payer: %(kind)s.") % {"kind": price.payer_kind})
            continue
        if price.currency not in currencies:
            problems.append(_("Unknown currency: %(currency)s.") % {"currency": price.currency})
            continue
        label = f"{payer_kinds[price.payer_kind]}, {price.currency}"
        if not amount.is_finite() or amount < 0:
            problems.append(
                _("A price cannot be negative: %(price)s is %(amount)s.")
                % {"price": label, "amount": amount}
            )
            continue
        if amount != amount.quantize(Decimal("0.01")) or amount >= Decimal(10) ** 12:
            problems.append(
                _("%(price)s: give at most 12 digits and 2 decimals.") % {"price": label}
            )
            continue
        if (price.payer_kind, price.currency) in seen:
            problems.append(_("%(price)s is given twice.") % {"price": label})
            continue
        seen.add((price.payer_kind, price.currency))
        cleaned.append((price.payer_kind, price.currency, amount))
    if problems:
        raise ValidationError(problems)
    return cleaned


@transaction.atomic
def set_prices(
    *,
    course: Course,
    prices: list[PriceInput],
    actor: User | None,
    request: HttpRequest | None = None,
) -> None:
    """Replace the course's prices: one per payer kind and currency; none negative."""
    cleaned = _clean_prices(prices)
    course = Course.objects.select_for_update().get(pk=course.pk)
    before = {
        f"{p.payer_kind} {p.currency}": str(p.amount)
        for p in CoursePrice.objects.filter(course=course)
    }
    after = {f"{kind} {currency}": str(amount) for kind, currency, amount in cleaned}
    CoursePrice.objects.filter(course=course).delete()
    CoursePrice.objects.bulk_create(
        CoursePrice(course=course, payer_kind=kind, currency=currency, amount=amount)
        for kind, currency, amount in cleaned
    )
    if before != after:
        catalogue_cache.bump()
        audit.record(
            "training.course.prices_set",
            actor=actor,
            target=course,
            before={"prices": before},
            after={"prices": after},
            request=request,
        )


@transaction.atomic
def set_competencies(
    *,
    course: Course,
    targets: list[CompetencyTarget],
    actor: User | None,
    request: HttpRequest | None = None,
) -> None:
    """Replace the competencies the course develops, each to a level of its framework's scale."""
    problems: list[str] = []
    seen: set[int] = set()
    for target in targets:
        competency, level = target.competency, target.level
        if competency.pk in seen:
            problems.append(_("%(code)s is chosen twice.") % {"code": competency.code})
        seen.add(competency.pk)
        scale_id = competency.framework.scale_id
        if level is not None and scale_id is not None and level.scale_id != scale_id:
            problems.append(
                _("Level “%(level)s” is not on the scale of %(code)s's framework.")
                % {"level": level.name, "code": competency.code}
            )
    if problems:
        raise ValidationError(problems)
    course = Course.objects.select_for_update().get(pk=course.pk)
    links = CourseCompetency.objects.filter(course=course).select_related("competency", "level")
    before = {link.competency.code: link.level.value if link.level else None for link in links}
    after = {t.competency.code: t.level.value if t.level else None for t in targets}
    CourseCompetency.objects.filter(course=course).delete()
    CourseCompetency.objects.bulk_create(
        CourseCompetency(course=course, competency=t.competency, level=t.level) for t in targets
    )
    if before != after:
        catalogue_cache.bump()
        audit.record(
            "training.course.competencies_set",
            actor=actor,
            target=course,
            before={"competencies": before},
            after={"competencies": after},
            request=request,
        )


@transaction.atomic
def publish_course(
    *,
    course: Course,
    published: bool,
    actor: User | None,
    request: HttpRequest | None = None,
) -> Course:
    """Show the course in the public catalogue (``published``) or take it out."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.is_published == published:
        return course
    if published and not CoursePrice.objects.filter(course=course).exists():
        raise ValidationError(_("Give the course at least one price before you publish it."))
    course.is_published = published
    course.save(update_fields=["is_published", "updated_at"])
    catalogue_cache.bump()
    audit.record(
        "training.course.published" if published else "training.course.unpublished",
        actor=actor,
        target=course,
        before={"is_published": not published},
        after={"is_published": published},
        request=request,
    )
    return course


def _apply_venue_values(venue: Venue, values: dict[str, Any]) -> None:
    unknown = set(values) - set(VENUE_FIELDS)
    if unknown:
        raise ValueError(f"Not venue fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(venue, name, value)
    venue.full_clean()


@transaction.atomic
def save_venue(
    *,
    venue: Venue | None = None,
    values: dict[str, Any],
    actor: User | None,
    request: HttpRequest | None = None,
) -> Venue:
    """Create a venue (``venue`` None) or change one: its name, address and city in uz, ru,
    en, and its region."""
    creating = venue is None
    venue = Venue() if venue is None else Venue.objects.select_for_update().get(pk=venue.pk)
    before = {} if creating else _snapshot(venue, VENUE_FIELDS)
    _apply_venue_values(venue, values)
    venue.save()
    old, new = _changed(before, _snapshot(venue, VENUE_FIELDS))
    if new:
        catalogue_cache.bump()
        audit.record(
            "training.venue.created" if creating else "training.venue.updated",
            actor=actor,
            target=venue,
            before=old or None,
            after=new,
            request=request,
        )
    return venue


@transaction.atomic
def save_room(
    *,
    venue: Venue,
    room: Room | None = None,
    name: str,
    capacity: int,
    actor: User | None,
    request: HttpRequest | None = None,
) -> Room:
    """Create a room of a venue (``room`` None) or change its name or capacity."""
    creating = room is None
    room = Room(venue=venue) if room is None else Room.objects.select_for_update().get(pk=room.pk)
    if room.venue_id != venue.pk:
        raise ValidationError(_("This room belongs to another venue."))
    before = {} if creating else {"name": room.name, "capacity": room.capacity}
    if capacity is None or capacity < 1:
        raise ValidationError({"capacity": _("A room holds at least one person.")})
    if not creating and capacity < room.capacity:
        bigger = (
            room.sessions.exclude(status="cancelled")
            .filter(max_seats__gt=capacity)
            .order_by("starts_at")
            .first()
        )
        if bigger is not None:
            raise ValidationError(
                {
                    "capacity": _(
                        "Session %(session)s in this room has %(seats)s seats: lower its seats "
                        "first."
                    )
                    % {"session": bigger, "seats": bigger.max_seats}
                }
            )
    room.name, room.capacity = name.strip(), capacity
    room.full_clean()
    room.save()
    after = {"name": room.name, "capacity": room.capacity}
    old, new = _changed(before, after)
    if new:
        catalogue_cache.bump()
        audit.record(
            "training.room.created" if creating else "training.room.updated",
            actor=actor,
            target=room,
            before=old or None,
            after=new,
            request=request,
        )
    return room
