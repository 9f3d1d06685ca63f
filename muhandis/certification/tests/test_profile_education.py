"""The profile and the application agree on a person's education."""

import re

import pytest

from muhandis.certification import services

pytestmark = pytest.mark.django_db


def _checklist(client) -> str:
    html = client.get("/en/dashboard/").content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_degree_on_the_application_ticks_education_on_the_profile_checklist(
    client, engineer, level_two
):
    client.force_login(engineer)
    assert "missing: Education" in _checklist(client)
    application = services.start_application(candidate=engineer, scheme=level_two)
    services.add_education(
        application=application,
        actor=engineer,
        level="bachelor",
        institution="TDTU",
        field="Water supply",
        year=2012,
    )
    assert "done: Education" in _checklist(client)
    engineer.refresh_from_db()
    assert engineer.get_education_level_display() == "Bachelor's degree"
    assert engineer.education_institution == "TDTU"


def test_a_lower_degree_leaves_the_profiles_highest_education(engineer, level_two):
    engineer.education_level = "master"
    engineer.education_institution = "TAQI"
    engineer.save()
    application = services.start_application(candidate=engineer, scheme=level_two)
    services.add_education(
        application=application,
        actor=engineer,
        level="secondary_specialised",
        institution="Kollej",
        field="Plumbing",
        year=2005,
    )
    engineer.refresh_from_db()
    assert (engineer.education_level, engineer.education_institution) == ("master", "TAQI")
