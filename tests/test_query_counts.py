"""No page issues more than ten queries (a dashboard sixteen), however much data it lists."""

import pytest

from muhandis.accounts import services
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import OrganisationFactory, make_person
from muhandis.core import audit

pytestmark = pytest.mark.django_db

BUDGET = 10
# A dashboard is made of one section per domain the person works in (the engineer's: profile,
# invoices, courses, applications, certificates with CPD, appeals, exams, membership, events,
# consultations), each read in a fixed number of queries; it grows by domain, never by data.
DASHBOARD_BUDGET = 16


def budget_for(url: str) -> int:
    return DASHBOARD_BUDGET if "/dashboard/" in url else BUDGET


@pytest.fixture
def busy_installation(administrator):
    people = [make_person(Role.ENGINEER) for _ in range(15)]
    for person in people[:5]:
        services.grant_role(user=person, role=Role.TRAINER, actor=administrator, reason="load")
    for index in range(30):
        audit.record("test.load", actor=people[index % 15], target=people[index % 15])
    return people


@pytest.mark.parametrize("url", ["/uz/", "/uz/account/login/", "/uz/account/signup/"])
def test_public_pages(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/uz/dashboard/",
        "/uz/dashboard/engineer/",
        "/uz/profile/",
        "/uz/profile/data/",
        "/uz/profile/tokens/",
        "/uz/profile/employment/add/",
        "/uz/organisations/new/",
    ],
)
def test_personal_pages(client, engineer, busy_installation, url, django_assert_max_num_queries):
    services.link_person(
        person=engineer, organisation=OrganisationFactory(), relation="employee", actor=engineer
    )
    client.force_login(engineer)
    with django_assert_max_num_queries(budget_for(url)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (Role.ADMIN, "/uz/staff/people/"),
        (Role.ADMIN, "/uz/dashboard/admin/"),
        (Role.REGISTRAR, "/uz/staff/audit/"),
        (Role.REGISTRAR, "/uz/dashboard/registrar/"),
        (Role.REGISTRAR, "/uz/staff/deletion-requests/"),
        (Role.REGISTRAR, "/uz/staff/outbox/"),
        (Role.EMPLOYER, "/uz/dashboard/employer/"),
        (Role.REPORT_VIEWER, "/uz/dashboard/report_viewer/"),
        (Role.TRAINER, "/uz/dashboard/trainer/"),
    ],
)
def test_role_pages(client, busy_installation, role, url, django_assert_max_num_queries):
    person = make_person(role, two_factor=True)
    if role == Role.EMPLOYER:
        for _ in range(4):
            services.link_person(
                person=person,
                organisation=OrganisationFactory(),
                relation="representative",
                actor=make_person(Role.ADMIN, two_factor=True),
            )
    for someone in busy_installation[:3]:
        services.request_deletion(person=someone, reason="")
    client.force_login(person)
    client.get(url)  # the session's idle clock is written at most once a minute, not per page
    with django_assert_max_num_queries(budget_for(url)):
        assert client.get(url).status_code == 200


def test_person_roles_page(client, administrator, engineer, django_assert_max_num_queries):
    for role in (Role.TRAINER, Role.EXAMINER, Role.COMMITTEE):
        services.grant_role(user=engineer, role=role, actor=administrator, reason="load")
    client.force_login(administrator)
    with django_assert_max_num_queries(BUDGET):
        assert client.get(f"/uz/staff/people/{engineer.public_id}/").status_code == 200


def test_api_lists(client, engineer, busy_installation, django_assert_max_num_queries):
    for _ in range(10):
        OrganisationFactory()
    _, plain = services.create_api_token(user=engineer, name="q", scope="read")
    with django_assert_max_num_queries(BUDGET):
        response = client.get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 200
