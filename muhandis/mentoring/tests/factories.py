"""Programmes, applications and pairs made through the services, for the mentoring tests."""

import datetime
from itertools import count

from django.utils import timezone

from muhandis.accounts.models import Region, User
from muhandis.accounts.tests.factories import UserFactory
from muhandis.competencies.models import Area, Framework

from ..models import Application, Mode, Pair, Programme, Side
from ..services import applications, pairs

_numbers = count(1)


def make_programme(**fields: object) -> Programme:
    number = next(_numbers)
    today = timezone.localdate()
    values: dict[str, object] = {
        "title_uz": f"Dastur {number}",
        "title_ru": f"Программа {number}",
        "title_en": f"Programme {number}",
        "audience": "women",
        "opens_on": today - datetime.timedelta(days=10),
        "closes_on": today + datetime.timedelta(days=30),
        "is_active": True,
    }
    values.update(fields)
    return Programme.objects.create(**values)


def areas() -> list[Area]:
    return list(
        Area.objects.filter(framework__status=Framework.Status.PUBLISHED).order_by(
            "framework__code", "sort_order", "code"
        )
    )


def region(code: str = "UZ-TK") -> Region:
    return Region.objects.get(code=code)


def person(gender: str = "female", *, language: str = "en", **fields: object) -> User:
    return UserFactory(gender=gender, preferred_language=language, **fields)


def apply(
    programme: Programme,
    who: User,
    side: str,
    *,
    area_list: list[Area] | None = None,
    region_code: str | None = "UZ-TK",
    languages: list[str] | None = None,
    mode: str = Mode.EITHER,
    goals: str = "Design a pumping station\nLead a team",
    **extra: object,
) -> Application:
    return applications.apply(
        programme=programme,
        person=who,
        side=side,
        goals=goals,
        areas=area_list or [],
        hours_per_month=4,
        mode=mode,
        region=region(region_code) if region_code else None,
        languages=languages or ["uz"],
        **extra,
    )


def _person(gender: str, given_name: str | None) -> User:
    return person(gender, given_name=given_name) if given_name else person(gender)


def mentor(
    programme: Programme, gender: str = "female", *, given_name: str | None = None, **extra: object
) -> Application:
    return apply(programme, _person(gender, given_name), Side.MENTOR, **extra)


def mentee(
    programme: Programme, gender: str = "female", *, given_name: str | None = None, **extra: object
) -> Application:
    return apply(programme, _person(gender, given_name), Side.MENTEE, **extra)


def make_pair(
    actor: User, programme: Programme, *, mentee_gender: str = "female", **kw: object
) -> Pair:
    return pairs.pair(
        actor=actor,
        mentor=mentor(programme),
        mentee=mentee(programme, mentee_gender),
        **kw,
    )


def certificate_for(holder: User, effective: datetime.date, *, source: str = "decision") -> object:
    """A certificate of ``holder`` taking effect on ``effective`` (a bare scheme will do)."""
    from muhandis.certification.models import Certificate, Scheme

    scheme = Scheme.objects.filter(code="MENTORING-TEST").first() or Scheme.objects.create(
        code="MENTORING-TEST",
        title="Test scheme",
        scope="Testing",
        framework=Framework.objects.filter(status=Framework.Status.PUBLISHED).first(),
        code_of_conduct="Be honest.",
        fee=0,
    )
    return Certificate.objects.create(
        number=f"T-{next(_numbers)}",
        holder=holder,
        scheme=scheme,
        source=source,
        holder_name_latin=holder.display_name,
        effective_date=effective,
        expiry_date=effective + datetime.timedelta(days=3 * 365),
    )
