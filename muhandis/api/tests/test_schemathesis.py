"""The API keeps its OpenAPI description honest: schemathesis calls every operation in process,
anonymously and with a personal access token, with values made from the description (valid and
not), and checks that no answer is a server error and that every answer is what the
description says: a documented status, the documented content type and a body that matches
the schema.

Bounded: a few examples per operation from the examples and fuzzing phases, derandomised with a
fixed seed, so that the run is the same every time and takes seconds. The coverage phase (every
boundary value of every parameter) is off here: it takes about a minute; run it by hand with
`"coverage": {"enabled": True}` after changing the API's inputs."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from muhandis.accounts import services
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person

CONFIG = SchemathesisConfig.from_dict(
    {"seed": 20261206, "phases": {"coverage": {"enabled": False}}}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _in_process(in_process_wsgi):
    return in_process_wsgi


@pytest.fixture
def bearer(db, settings) -> dict[str, str]:
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 100_000
    person = make_person(Role.ENGINEER)
    _, plain = services.create_api_token(user=person, name="schemathesis", scope="write")
    return {"Authorization": f"Bearer {plain}"}


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_as_anonymous(case, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 100_000
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_with_a_personal_access_token(case, bearer):
    case.call_and_validate(headers=bearer, checks=CHECKS)
