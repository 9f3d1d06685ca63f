"""The staff audit trail reads as sentences, with the stored record one click away."""

import pytest

from muhandis.accounts import services
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.core import audit
from tests.visible import check_references

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page's words as a person reads them, cells and lines apart."""
    import html
    import re

    body = response.content.decode()
    body = re.sub(r"<details.*?</details>", " ", body, flags=re.S)  # closed until opened
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_an_entry_reads_as_a_sentence_with_its_changes_and_reason(
    client, registrar, administrator, engineer
):
    services.grant_role(user=engineer, role=Role.TRAINER, actor=administrator, reason="courses")
    client.force_login(registrar)
    text = _text(client.get("/en/staff/audit/", {"action": "accounts.role"}))
    assert f"{administrator} gave Dilnoza Karimova a role" in text
    assert "Role Trainer" in text  # the changed field and its value, by their names
    assert "Reason: courses" in text
    assert "{'role'" not in text


def test_the_sentence_is_in_the_readers_language(client, registrar, administrator, engineer):
    services.grant_role(user=engineer, role=Role.TRAINER, actor=administrator, reason="courses")
    client.force_login(registrar)
    text = _text(client.get("/ru/staff/audit/", {"action": "accounts.role"}))
    assert f"{administrator} назначил(а) Dilnoza Karimova роль" in text
    text = _text(client.get("/uz/staff/audit/", {"action": "accounts.role"}))
    assert f"{administrator} Dilnoza Karimova uchun rol tayinladi" in text


def test_values_read_as_dates_yes_or_no_and_lists(client, registrar, engineer):
    audit.record(
        "certification.certificate.renewed",
        actor=registrar,
        target=engineer,
        before={"expires": "2026-12-07"},
        after={"expires": "2029-12-07", "passed": True, "roles": ["trainer", "registrar"]},
    )
    client.force_login(registrar)
    text = _text(client.get("/en/staff/audit/"))
    assert "Valid until Dec. 7, 2026 Dec. 7, 2029" in text
    assert "Passed — yes" in text
    assert "Roles — Trainer, Registrar" in text


def test_the_stored_record_is_one_click_away(client, registrar, administrator, engineer):
    services.grant_role(user=engineer, role=Role.TRAINER, actor=administrator, reason="courses")
    entry = audit.record("accounts.session.signed_in", actor=engineer, target=engineer)
    client.force_login(registrar)
    html = client.get("/en/staff/audit/").content.decode()
    details = html[html.index(f"Record #{entry.sequence} as stored") :]
    details = details[: details.index("</details>")]
    assert "<summary>" in html[: html.index(f"Record #{entry.sequence} as stored")][-20:]
    assert "accounts.session.signed_in" in details
    assert entry.entry_hash in details
    assert entry.previous_hash in details


def test_help_and_error_references_point_to_elements_on_the_page(client, registrar):
    client.force_login(registrar)
    for query in ({}, {"date_from": "2026-02-02", "date_to": "2026-01-01"}):
        check_references(client.get("/en/staff/audit/", query).content.decode())


def _entries(count: int) -> None:
    people = [make_person(Role.ENGINEER) for _ in range(5)]
    for index in range(count):
        person = people[index % 5]
        audit.record(
            "accounts.role.granted",
            actor=people[(index + 1) % 5],
            target=person,
            after={"role": "trainer"},
        )


@pytest.mark.parametrize("count", [3, 45])
def test_the_page_reads_a_fixed_number_of_queries(
    client, registrar, count, django_assert_num_queries
):
    _entries(count)
    client.force_login(registrar)
    with django_assert_num_queries(9):
        assert client.get("/en/staff/audit/").status_code == 200
