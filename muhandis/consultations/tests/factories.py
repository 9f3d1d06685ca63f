"""Consultations, clauses, members and comments for the tests."""

import datetime
from itertools import count

from django.utils import timezone

from muhandis.accounts.models import Employment, Organisation, User
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import OrganisationFactory, make_person
from muhandis.consultations.models import Clause, Comment, Consultation, Status
from muhandis.membership.tests.factories_pages import make_membership, make_type

_numbers = count(1)


def make_consultation(
    *,
    status: str = Status.OPEN,
    opens: datetime.date | None = None,
    closes: datetime.date | None = None,
    clauses: int = 3,
    audience: str = "members",
    language: str = "uz",
    **fields: object,
) -> Consultation:
    today = timezone.localdate()
    number = next(_numbers)
    consultation = Consultation.objects.create(
        title_uz=fields.pop("title_uz", f"Qoidalar loyihasi {number}"),
        title_en=fields.pop("title_en", f"Draft rules {number}"),
        addressee_uz="Vazirlik",
        addressee_en=fields.pop("addressee_en", "The Ministry"),
        kind=fields.pop("kind", "regulation"),
        language=language,
        opens_on=opens or today - datetime.timedelta(days=3),
        closes_on=closes or today + datetime.timedelta(days=20),
        audience=audience,
        status=status,
        **fields,
    )
    for index in range(1, clauses + 1):
        Clause.objects.create(
            consultation=consultation,
            number=f"{index}.1",
            order=index,
            heading_uz=f"Band sarlavhasi {index}",
            text_uz=f"Bandning matni {index}: quvurlar oʻlchami.",
        )
    return consultation


def make_member(**fields: object) -> User:
    """An engineer who is an individual member in good standing."""
    person = make_person(Role.ENGINEER, **fields)
    make_membership(make_type(), person=person)
    return person


def make_firm_member(**fields: object) -> tuple[User, Organisation]:
    """An engineer with no membership of their own, on the staff of a member firm."""
    person = make_person(Role.ENGINEER, **fields)
    firm = OrganisationFactory(name=f"Suvloyiha {next(_numbers)} MChJ")
    make_membership(make_type(kind="firm"), organisation=firm)
    Employment.objects.create(person=person, organisation=firm, relation="employee")
    return person, firm


def make_comment(
    clause: Clause, author: User, position: str = "support", **fields: object
) -> Comment:
    return Comment.objects.create(
        clause=clause,
        author=author,
        position=position,
        text=fields.pop("text", "Bu band toʻgʻri."),
        **fields,
    )
