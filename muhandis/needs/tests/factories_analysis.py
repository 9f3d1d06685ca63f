"""Helpers for the analysis tests: many respondents at once, invitations and the register."""

from typing import Any

from django.utils import timezone

from muhandis.accounts.models import RoleAssignment, User
from muhandis.accounts.roles import Role

from ..models import Invitation, Response, Survey
from .factories import answer


def answer_many(
    survey: Survey, pairs: list[tuple[int, int]], code: str = "FIN-01", **background: Any
) -> list[Response]:
    """One submitted response per (importance, current) pair, all rating ``code``."""
    return [answer(survey, {code: pair}, **background) for pair in pairs]


def invite(
    survey: Survey,
    count: int,
    *,
    answered: int = 0,
    distribution: str = "Members",
    sent: bool = True,
    **fields: Any,
) -> list[Invitation]:
    """``count`` invitations on one list (sent, unless ``sent`` is False), the first
    ``answered`` of them answered."""
    start = Invitation.objects.filter(survey=survey).count()
    now = timezone.now()
    return [
        Invitation.objects.create(
            survey=survey,
            distribution=distribution,
            email=f"{distribution.lower().replace(' ', '-')}-{start + n}@example.invalid",
            language="uz",
            sent_at=now if sent else None,
            answered_at=now if n < answered else None,
            **fields,
        )
        for n in range(count)
    ]


def engineers(count: int, *, revoked: bool = False, **fields: Any) -> list[User]:
    """People holding the engineer role (or having held it, ``revoked``)."""
    people = []
    for _n in range(count):
        number = User.objects.count() + 1
        person = User.objects.create(email=f"engineer-{number}@example.invalid", **fields)
        RoleAssignment.objects.create(
            user=person, role=Role.ENGINEER, revoked_at=timezone.now() if revoked else None
        )
        people.append(person)
    return people
