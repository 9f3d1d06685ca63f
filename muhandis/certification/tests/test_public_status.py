"""One list of public statuses: every status a certificate can show is exported, searchable
and answered by the API, with the same label everywhere."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from muhandis.accounts.tests.factories import make_person
from muhandis.certification.models import Certificate, PublicStatus
from muhandis.certification.services.decisions import next_certificate_number

pytestmark = pytest.mark.django_db

EXPORT = "/en/certification/registrar/register/export."
LABELS = {
    "valid": "Valid",
    "expired": "Expired",
    "suspended": "Suspended",
    "withdrawn": "Withdrawn",
    "replaced": "Replaced",
}


@pytest.fixture
def every_status(level_two) -> dict[str, Certificate]:
    """One certificate showing each public status, held by people named after it."""
    today = timezone.localdate()
    made = {}
    for shown in PublicStatus.values:
        holder = make_person("engineer", given_name=shown.capitalize(), family_name="Holder")
        ends = (
            today - datetime.timedelta(days=1)
            if shown == "expired"
            else today.replace(year=today.year + 2)
        )
        made[shown] = Certificate.objects.create(
            number=next_certificate_number(today),
            holder=holder,
            scheme=level_two,
            source=Certificate.Source.IMPORT,
            holder_name_latin=holder.display_name,
            status="valid" if shown == "expired" else shown,
            effective_date=ends.replace(year=ends.year - 3),
            expiry_date=ends,
        )
    return made


def test_the_public_statuses_are_the_stored_ones_and_expired():
    assert set(PublicStatus.values) == {*Certificate.Status.values, "expired"}
    assert {s.value: str(s.label) for s in PublicStatus} == LABELS


def test_the_csv_export_holds_every_certificate_with_its_status(client, registrar, every_status):
    client.force_login(registrar)
    text = b"".join(client.get(EXPORT + "csv").streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    status = rows[0].index("Status")
    found = {row[0]: row[status] for row in rows[1:]}
    assert found == {c.number: LABELS[shown] for shown, c in every_status.items()}


def test_the_xlsx_export_holds_every_certificate_with_its_status(client, registrar, every_status):
    client.force_login(registrar)
    response = client.get(EXPORT + "xlsx")
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    status = rows[0].index("Status")
    found = {row[0]: row[status] for row in rows[1:]}
    assert found == {c.number: LABELS[shown] for shown, c in every_status.items()}


@pytest.mark.parametrize("shown", PublicStatus.values)
def test_each_status_is_found_by_its_filter_everywhere(client, registrar, every_status, shown):
    number = every_status[shown].number
    items = client.get("/api/v1/register", {"status": shown}).json()["items"]
    assert [(i["number"], i["status"]) for i in items] == [(number, shown)]
    assert client.get(f"/api/v1/verify/{number}").json()["status"] == shown
    page = client.get("/en/certification/register/", {"status": shown}).content.decode()
    assert all((c.number in page) == (s == shown) for s, c in every_status.items())
    client.force_login(registrar)
    text = b"".join(client.get(EXPORT + "csv", {"status": shown}).streaming_content).decode()
    assert [row[0] for row in csv.reader(io.StringIO(text.lstrip("\ufeff")))][1:] == [number]


def test_an_unknown_status_is_refused_by_the_api(client):
    assert client.get("/api/v1/register", {"status": "lost"}).status_code == 422
