"""Invitations and responses started as respondents start them, for the answering tests."""

from typing import Any

from muhandis.accounts.tests.factories import make_person

from ..models import Invitation, RespondentKind, Survey
from ..services import answers
from .factories import make_survey


def survey_with(*, areas: tuple[str, ...] = ("FIN", "LEG"), **fields: Any) -> Survey:
    """An open survey over two areas (FIN: 3 competencies or more, LEG likewise)."""
    return make_survey(areas=areas, **fields)


def invitation(survey: Survey, *, language: str = "uz", **fields: Any) -> Invitation:
    person = fields.pop("person", None) or make_person(None, preferred_language=language)
    return Invitation.objects.create(
        survey=survey,
        distribution=fields.pop("distribution", "Members"),
        person=person,
        email=person.email,
        language=language,
        kind=fields.pop("kind", RespondentKind.SELF),
        **fields,
    )


def started(survey: Survey, *, kind: str = RespondentKind.SELF, language: str = "uz"):
    return answers.start_public(survey=survey, kind=kind, language=language)
