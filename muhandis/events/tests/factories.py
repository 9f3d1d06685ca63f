"""Events made through the services, and members for the price tests."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from muhandis.accounts.models import Region
from muhandis.billing.tests.factories import IssuerFactory
from muhandis.membership.tests.factories_core import approved, employ, make_firm, make_type

from ..models import Event
from ..services import create_event, publish_event


def start_in(days: int, hour: int = 10) -> datetime.datetime:
    local = timezone.localtime() + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def values(**overrides: Any) -> dict[str, Any]:
    starts = overrides.pop("starts_at", None) or start_in(10)
    data: dict[str, Any] = {
        "kind": "seminar",
        "title_uz": "Suv taʼminoti seminari",
        "title_ru": "Семинар по водоснабжению",
        "title_en": "Water supply seminar",
        "description_uz": "Suv taʼminoti tizimlari.",
        "description_ru": "Системы водоснабжения.",
        "description_en": "Water supply systems.",
        "place_uz": "Muhandislar uyi",
        "place_ru": "Дом инженеров",
        "place_en": "Engineers' House",
        "address": "Amir Temur 1, Toshkent",
        "region": Region.objects.get(code="UZ-TK"),
        "online_url": "",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=4),
        "registration_deadline": starts - datetime.timedelta(hours=1),
        "capacity": 20,
        "member_price": Decimal(0),
        "non_member_price": Decimal(0),
        "cpd_hours": Decimal(0),
        "cpd_category": "",
    }
    data.update(overrides)
    return data


def make_event(actor, *, publish: bool = True, **overrides: Any) -> Event:
    if overrides.get("member_price") or overrides.get("non_member_price"):
        IssuerFactory()
    event = create_event(actor=actor, values=values(**overrides))
    if publish:
        event = publish_event(event=event, actor=actor)
    return event


def make_member(person, registrar) -> None:
    """``person`` becomes an individual member in good standing (a type with no fee)."""
    honorary = make_type("honorary", grade="honorary", fees={"UZS": "0"})
    approved(actor=registrar, type=honorary, person=person)


def make_firm_member(person, registrar) -> None:
    """``person`` works for a member firm in good standing (a type with no fee)."""
    firms = make_type("firm-small", kind="firm", size_band="small", fees={"UZS": "0"})
    firm, representative = make_firm()
    employ(person, firm)
    approved(actor=registrar, type=firms, firm=firm, representative=representative)
