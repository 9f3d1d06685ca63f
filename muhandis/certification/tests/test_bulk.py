import csv
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import roles_of
from muhandis.certification import bulk, numbers
from muhandis.certification.models import Certificate
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db

IMPORT = "/en/certification/registrar/import/"
CONFIRM = "/en/certification/registrar/import/confirm/"
TEMPLATE = "/en/certification/registrar/import/template.xlsx"
EXPORT = "/en/certification/registrar/register/export."
HEADER = [
    "email",
    "name_latin",
    "name_cyrillic",
    "region",
    "scheme",
    "scheme_version",
    "effective_date",
    "expiry_date",
    "limitation",
    "previous_number",
    "language",
]
BEKZOD = ["bekzod@pilot.uz", "Bekzod Aliyev", "Бекзод Алиев", "UZ-SA", "CE-WSS-II", ""]
NODIRA = ["nodira@pilot.uz", "Nodira Rahimova", "", "UZ-TK", "CE-CON", "1", "15.06.2023"]
GOOD_ROWS = [
    [*BEKZOD, "2024-03-01", "", "", "PILOT-17", "ru"],
    [*NODIRA, "2026-12-31", "Pipelines only", "PILOT-18", ""],
]


@pytest.fixture(autouse=True)
def _in_english():
    # Messages built outside a request follow the active language; these tests read English.
    with translation.override("en"):
        yield


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def counts() -> tuple[int, int, int]:
    return Certificate.objects.count(), User.objects.count(), AuditEntry.objects.count()


def where(problems) -> set[tuple[int, str]]:
    return {(p.row, p.column) for p in problems}


def test_the_dry_run_writes_nothing_and_lists_every_bad_row_and_column(schemes, registrar):
    rows = [
        *GOOD_ROWS,
        ["a@pilot.uz", "A", "", "UZ-TK", "NO-SUCH", "", "2024-01-01", "", "", "", ""],
        ["b@pilot.uz", "B", "", "UZ-TK", "CE-CON", "", "31.02.2024", "", "", "", ""],
        ["c@pilot.uz", "C", "", "UZ-TK", "CE-CON", "", "2024-05-01", "2024-04-01", "", "", ""],
        ["not-an-email", "D", "", "UZ-TK", "CE-CON", "", "2024-01-01", "", "", "", ""],
        ["e@pilot.uz", "E", "", "UZ-ZZ", "CE-CON", "", "2024-01-01", "", "", "", "fr"],
        GOOD_ROWS[0],
    ]
    before = counts()
    plan = bulk.plan_import(content=csv_bytes(rows), filename="pilot.csv", actor=registrar)
    assert counts() == before
    assert where(plan.problems) == {
        (4, "scheme"),
        (5, "effective_date"),
        (6, "expiry_date"),
        (7, "email"),
        (8, "region"),
        (8, "language"),
        (9, ""),
        (9, "previous_number"),
    }
    messages = {(p.row, p.column): str(p) for p in plan.problems}
    assert "“NO-SUCH”" in messages[(4, "scheme")]
    assert "31.02.2024" in messages[(5, "effective_date")]
    assert "expire before it takes effect" in messages[(6, "expiry_date")]
    assert "repeats row 2" in messages[(9, "")]
    assert messages[(8, "region")].startswith("Row 8, column “region”:")
    assert [c.row for c in plan.certificates] == [2, 3]


def test_a_good_file_says_who_is_new_before_anything_is_written(schemes, registrar, engineer):
    rows = [[engineer.email.upper(), *GOOD_ROWS[0][1:]], GOOD_ROWS[1]]
    plan = bulk.plan_import(content=xlsx_bytes(rows), filename="pilot.xlsx", actor=registrar)
    assert plan.problems == []
    assert (plan.new_people, plan.existing_people) == (1, 1)
    first, second = plan.certificates
    assert first.person == engineer
    assert first.scheme == schemes["CE-WSS-II"]
    assert str(first.expiry_date) == "2027-03-01"  # three years of the scheme's validity
    assert (str(second.effective_date), str(second.expiry_date)) == ("2023-06-15", "2026-12-31")


def test_a_good_file_imports_people_and_certificates_with_fresh_numbers(schemes, registrar):
    result = bulk.import_certificates(
        content=xlsx_bytes(GOOD_ROWS), filename="pilot.xlsx", actor=registrar
    )
    assert (len(result.certificates), result.people_created) == (2, 2)
    bekzod = Certificate.objects.get(holder__email="bekzod@pilot.uz")
    assert bekzod.source == Certificate.Source.IMPORT
    assert bekzod.decision is None
    assert numbers.parse(bekzod.number) == (bekzod.number, True)
    assert (bekzod.language, bekzod.holder_name_cyrillic) == ("ru", "Бекзод Алиев")
    assert bekzod.holder.region.code == "UZ-SA"
    assert not bekzod.holder.has_usable_password()
    assert roles_of(bekzod.holder) == {Role.ENGINEER}
    nodira = Certificate.objects.get(holder__email="nodira@pilot.uz")
    assert (nodira.limitation, nodira.language) == ("Pipelines only", "uz")
    entry = AuditEntry.objects.get(action="certification.certificate.imported", target_id=bekzod.pk)
    assert entry.actor == registrar
    assert entry.after["previous_number"] == "PILOT-17"
    whole = AuditEntry.objects.get(action="certification.import.completed")
    assert whole.after["file"] == "pilot.xlsx"
    assert whole.after["rows"] == 2
    assert whole.after["sha256"] == result.plan.sha256


def test_reimporting_the_same_file_is_refused_as_duplicates(schemes, registrar):
    content = csv_bytes(GOOD_ROWS, delimiter=";", bom=True)
    bulk.import_certificates(content=content, filename="pilot.csv", actor=registrar)
    before = counts()
    with pytest.raises(bulk.ImportRefused) as refused:
        bulk.import_certificates(content=content, filename="pilot.csv", actor=registrar)
    assert counts() == before
    assert where(refused.value.problems) == {(2, ""), (3, "")}
    assert "already holds certificate MHD-" in str(refused.value.problems[0])


def test_one_bad_row_imports_nothing(schemes, registrar):
    rows = [*GOOD_ROWS, ["x@pilot.uz", "X", "", "", "CE-CON", "", "tomorrow", "", "", "", ""]]
    before = counts()
    with pytest.raises(bulk.ImportRefused):
        bulk.import_certificates(content=csv_bytes(rows), filename="pilot.csv", actor=registrar)
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv", "not a spreadsheet"),
        (b"PK\x03\x04 broken", "pilot.xlsx", "not a readable XLSX"),
        ("имя;фамилия\n".encode("cp1251"), "pilot.csv", "not UTF-8"),
        (b"", "pilot.csv", "The file is empty"),
        (csv_bytes([]), "pilot.csv", "no certificates"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_message(
    schemes, registrar, content, filename, message
):
    plan = bulk.plan_import(content=content, filename=filename, actor=registrar)
    assert len(plan.problems) == 1
    assert message in str(plan.problems[0])


def test_wrong_headers_name_each_missing_and_unknown_column(schemes, registrar):
    content = csv_bytes([["a@pilot.uz", "A"]], header=["e-mail", "name_latin"])
    plan = bulk.plan_import(content=content, filename="pilot.csv", actor=registrar)
    assert where(plan.problems) == {
        (1, "email"),
        (1, "scheme"),
        (1, "effective_date"),
        (1, "e-mail"),
    }


def test_only_a_registrar_may_import(schemes, examiner):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        bulk.plan_import(content=csv_bytes(GOOD_ROWS), filename="p.csv", actor=examiner)


# The registrar's page ---------------------------------------------------------------------


def upload(client, content, name="pilot.xlsx"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def test_the_page_previews_then_imports_exactly_the_previewed_file(client, schemes, registrar):
    client.force_login(registrar)
    response = upload(client, xlsx_bytes(GOOD_ROWS))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 certificates would be imported, for 0 people already known and 2 new" in html
    assert "bekzod@pilot.uz" in html
    assert Certificate.objects.count() == 0
    token = response.context["confirm"]["token"].value()
    response = client.post(CONFIRM, {"token": token}, follow=True)
    assert "2 certificates were imported; 2 accounts were created." in response.content.decode()
    assert Certificate.objects.filter(source="import").count() == 2


def test_the_page_shows_problems_by_row_and_column_and_offers_no_import(client, schemes, registrar):
    client.force_login(registrar)
    rows = [GOOD_ROWS[0], ["x@pilot.uz", "X", "", "UZ-ZZ", "CE-CON", "", "2024-01-01"]]
    response = upload(client, csv_bytes(rows), name="pilot.csv")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing can be imported: the file has 1 problem." in html
    assert "<td>3</td><td><code>region</code></td>" in html
    assert CONFIRM not in html


def test_a_file_changed_after_the_preview_is_not_imported(client, schemes, registrar):
    client.force_login(registrar)
    response = upload(client, xlsx_bytes(GOOD_ROWS))
    token = response.context["confirm"]["token"].value()
    kept = f"certificate-imports/{response.context['plan'].sha256}"
    default_storage.delete(kept)
    default_storage.save(kept, io.BytesIO(xlsx_bytes(GOOD_ROWS[:1])))
    response = client.post(CONFIRM, {"token": token}, follow=True)
    assert "The file changed after the preview" in response.content.decode()
    assert Certificate.objects.count() == 0


def test_a_forged_confirmation_is_refused(client, schemes, registrar):
    client.force_login(registrar)
    response = client.post(CONFIRM, {"token": "forged"}, follow=True)
    assert "The preview is no longer valid" in response.content.decode()


def test_the_template_has_the_header_row(client, registrar):
    client.force_login(registrar)
    response = client.get(TEMPLATE)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows())] == bulk.COLUMN_NAMES


NEW_URLS = [("get", IMPORT), ("post", CONFIRM), ("get", TEMPLATE), ("get", EXPORT + "csv")]


@pytest.mark.parametrize(("method", "url"), NEW_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize(("method", "url"), NEW_URLS)
def test_people_without_the_registrar_role_are_refused(
    client, engineer, administrator, method, url
):
    for person in (engineer, administrator):
        client.force_login(person)
        assert getattr(client, method)(url).status_code == 403


def test_a_registrar_without_two_factor_is_sent_to_set_it_up(client, registrar_without_two_factor):
    client.force_login(registrar_without_two_factor)
    response = client.get(IMPORT)
    assert "/account/2fa/totp/activate/" in response["Location"]


# Exports of the register ------------------------------------------------------------------


@pytest.fixture
def imported(schemes, registrar):
    return bulk.import_certificates(
        content=xlsx_bytes(GOOD_ROWS), filename="pilot.xlsx", actor=registrar
    ).certificates


def test_the_csv_export_streams_the_filtered_register_with_headers(client, imported, registrar):
    client.force_login(registrar)
    response = client.get(EXPORT + "csv", {"scheme": "CE-WSS-II"})
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffCertificate number,Name (Latin),Name (Cyrillic),Scheme code")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2
    bekzod = rows[1]
    assert bekzod[:4] == [imported[0].number, "Bekzod Aliyev", "Бекзод Алиев", "CE-WSS-II"]
    assert bekzod[6:11] == ["UZ-SA", "Samarkand Region", "Valid", "2024-03-01", "2027-03-01"]
    assert bekzod[12] == "Imported record"
    assert AuditEntry.objects.filter(action="certification.register.exported").exists()


def test_the_xlsx_export_holds_the_same_rows(client, imported, registrar):
    client.force_login(registrar)
    response = client.get(EXPORT + "xlsx", {"status": "valid"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Certificate number"
    assert sorted(r[0] for r in rows[1:]) == sorted(c.number for c in imported)


def test_exported_text_never_runs_as_a_formula(client, imported, registrar):
    imported[0].limitation = '=HYPERLINK("http://evil.example","Click")'
    imported[0].save(update_fields=["limitation"])
    client.force_login(registrar)
    text = b"".join(client.get(EXPORT + "csv").streaming_content).decode("utf-8")
    assert "'=HYPERLINK" in text
    response = client.get(EXPORT + "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


def test_an_unknown_export_format_is_not_found(client, registrar):
    client.force_login(registrar)
    assert client.get(EXPORT + "pdf").status_code == 404


# The command --------------------------------------------------------------------------------


def test_the_command_checks_then_imports(tmp_path, schemes, registrar, capsys):
    path = tmp_path / "pilot.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    call_command("import_certificates", str(path), "--dry-run", "--actor", registrar.email)
    assert "2 certificates would be imported" in capsys.readouterr().out
    assert Certificate.objects.count() == 0
    call_command("import_certificates", str(path), "--actor", registrar.email)
    assert "Imported 2 certificates; 2 accounts created." in capsys.readouterr().out
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_certificates", str(path), "--actor", registrar.email)
    assert "Row 2: bekzod@pilot.uz already holds" in capsys.readouterr().err


def test_imported_numbers_come_from_the_yearly_counter_that_decisions_use(imported):
    from django.db import transaction
    from django.utils import timezone

    from muhandis.certification.services.decisions import next_certificate_number

    today = timezone.localdate()
    assert sorted(c.number for c in imported) == [
        numbers.format_number(today.year, 1),
        numbers.format_number(today.year, 2),
    ]
    with transaction.atomic():
        assert next_certificate_number(today) == numbers.format_number(today.year, 3)


def test_date_and_number_cells_of_a_spreadsheet_are_read_as_such(schemes, registrar):
    import datetime

    row = [*NODIRA[:5], 1, datetime.date(2023, 6, 15), datetime.datetime(2026, 12, 31)]
    plan = bulk.plan_import(
        content=xlsx_bytes([[*row, None, None, "uz-ru"]]), filename="p.xlsx", actor=registrar
    )
    assert plan.problems == []
    (item,) = plan.certificates
    assert (item.scheme.version, item.language) == (1, "uz-ru")
    assert (item.effective_date, item.expiry_date) == (
        datetime.date(2023, 6, 15),
        datetime.date(2026, 12, 31),
    )


def test_another_registrar_cannot_confirm_someone_elses_preview(client, schemes, registrar):
    from muhandis.accounts.tests.factories import make_person

    client.force_login(registrar)
    token = upload(client, xlsx_bytes(GOOD_ROWS)).context["confirm"]["token"].value()
    client.force_login(make_person(Role.REGISTRAR, two_factor=True))
    response = client.post(CONFIRM, {"token": token}, follow=True)
    assert "The preview is no longer valid" in response.content.decode()
    assert Certificate.objects.count() == 0
