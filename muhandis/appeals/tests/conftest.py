import pytest

from muhandis.accounts.tests.factories import make_person
from muhandis.certification import services as certification
from muhandis.certification.models import Certificate

# The certification workflow's fixtures: an application at each stage.
from muhandis.certification.tests.conftest import (  # noqa: F401
    PDF,
    accepted_application,
    assessed_application,
    complete_application,
    level_two,
    pdf_upload,
    schemes,
    second_member,
)


@pytest.fixture
def rejected_application(complete_application, engineer, registrar):  # noqa: F811
    certification.submit_application(
        application=complete_application,
        actor=engineer,
        accept_code_of_conduct=True,
        accept_data_processing=True,
    )
    certification.decide_eligibility(
        application=complete_application,
        actor=registrar,
        decision="reject",
        reason="The experience is not in water supply.",
    )
    complete_application.refresh_from_db()
    return complete_application


@pytest.fixture
def refused_application(assessed_application, committee_member, second_member):  # noqa: F811
    for member in (committee_member, second_member):
        certification.cast_vote(
            application=assessed_application,
            actor=member,
            outcome="refuse",
            reasons="The findings fall short of level II.",
        )
    assessed_application.refresh_from_db()
    return assessed_application


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):  # noqa: F811
    for member in (committee_member, second_member):
        certification.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return Certificate.objects.get()


@pytest.fixture
def panel(db):
    """Three committee members who took no part in anything yet."""
    return [
        make_person("committee", two_factor=True, given_name=name, family_name="Panelist")
        for name in ("Anvar", "Bekzod", "Charos")
    ]
