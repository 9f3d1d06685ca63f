"""Surveys and answers for tests. ``answer`` writes a submitted response directly (the
services that respondents go through are tested on their own)."""

import itertools
from typing import Any

from django.utils import timezone

from muhandis.competencies.models import Framework

from ..models import Channel, Rating, RespondentKind, Response, Survey
from ..services.surveys import create_survey

_numbers = itertools.count(1)


def make_survey(*, code: str | None = None, areas: tuple[str, ...] = (), **fields: Any) -> Survey:
    """A survey over the default framework (MUHANDIS-CORE), open for answers."""
    framework = Framework.objects.get(code="MUHANDIS-CORE", version=1)
    number = next(_numbers)
    fields.setdefault("status", "open")
    return create_survey(
        actor=None,
        code=code or f"survey-{number}",
        titles={
            "uz": f"Ehtiyojlar soʻrovi {number}",
            "ru": f"Опрос {number}",
            "en": f"Survey {number}",
        },
        framework=framework,
        areas=framework.areas.filter(code__in=areas) if areas else (),
        **fields,
    )


def answer(
    survey: Survey,
    ratings: dict[str, tuple[int | None, int | None]],
    *,
    submitted: bool = True,
    kind: str = RespondentKind.SELF,
    channel: str = Channel.PUBLIC,
    **background: Any,
) -> Response:
    """A response rating competencies by code: ``{"TEC-01": (importance, current)}``."""
    number = next(_numbers)
    response = Response.objects.create(
        survey=survey,
        channel=channel,
        kind=kind,
        pseudonym=f"T{number:06d}",
        language="uz",
        submitted_at=timezone.now() if submitted else None,
        **background,
    )
    items = {item.competency.code: item for item in survey.items.select_related("competency")}
    Rating.objects.bulk_create(
        Rating(response=response, item=items[code], importance=i, current=c)
        for code, (i, c) in ratings.items()
    )
    return response
