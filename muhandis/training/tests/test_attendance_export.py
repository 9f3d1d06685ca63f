import csv
import io

import openpyxl
import pytest

from muhandis.accounts.tests.factories import make_person
from muhandis.training.models import Attendance, SessionDay, SessionTrainer

from .evaluation_factories import participant, past_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = past_session(days_ago=3)
    first = SessionDay.objects.create(session=session, date="2026-11-02", check_in_code="A1")
    second = SessionDay.objects.create(session=session, date="2026-11-03", check_in_code="B2")
    ali = participant(session, given_name="Ali", family_name="Aliyev")
    vali = participant(session, given_name="=Vali", family_name="Valiyev")
    participant(session, status="cancelled", given_name="Gone", family_name="Away")
    Attendance.objects.create(enrolment=ali, day=first, mark="present")
    Attendance.objects.create(enrolment=ali, day=second, mark="excused")
    Attendance.objects.create(enrolment=vali, day=first, mark="absent")
    return session


def test_csv_lists_participants_by_days_with_marks(client, session, training_manager):
    client.force_login(training_manager)
    response = client.get(f"/en/training/imports/attendance/{session.public_id}.csv")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][3:] == ["2026-11-02", "2026-11-03"]
    assert rows[1][0] == "Ali Aliyev"
    assert rows[1][3:] == ["Present", "Apologised in advance"]
    assert rows[2][0] == "'=Vali Valiyev"
    assert rows[2][3:] == ["Absent", ""]
    assert len(rows) == 3  # the cancelled enrolment is left out


def test_xlsx_has_the_same_table(client, session, administrator):
    client.force_login(administrator)
    response = client.get(f"/en/training/imports/attendance/{session.public_id}.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "Ali Aliyev"
    assert values[1][3] == "Present"


def test_strangers_are_refused_the_export(client, session, engineer):
    url = f"/en/training/imports/attendance/{session.public_id}.csv"
    assert client.get(url).status_code == 302
    own_trainer = make_person("trainer")
    SessionTrainer.objects.create(session=session, trainer=own_trainer)
    for person in (engineer, make_person("trainer"), own_trainer):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_an_unknown_format_is_not_found(client, session, training_manager):
    client.force_login(training_manager)
    assert client.get(f"/en/training/imports/attendance/{session.public_id}.pdf").status_code == 404
