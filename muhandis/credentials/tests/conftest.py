"""The certification workflow's fixtures, reused."""

from muhandis.certification.tests.conftest import (  # noqa: F401
    accepted_application,
    assessed_application,
    complete_application,
    level_two,
    schemes,
    second_member,
)
