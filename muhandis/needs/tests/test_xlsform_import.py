"""An XLSForm built from our template makes a draft survey; a broken form is refused with every
problem named by sheet, row and column, never with a server error."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from muhandis.competencies.models import Framework
from muhandis.core.models import AuditEntry
from muhandis.needs import xlsform
from muhandis.needs.models import ScaleKind, Survey

from .factories import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return Framework.objects.get(code="MUHANDIS-CORE", version=1)


def edited(content: bytes, change) -> bytes:
    """The workbook after ``change(workbook)``."""
    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_of(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def renamed(code: str):
    def change(workbook):
        workbook["settings"]["B2"] = code

    return change


def cell(workbook, sheet: str, row: int, column: str):
    header = [c.value for c in workbook[sheet][1]]
    return workbook[sheet].cell(row=row, column=header.index(column) + 1)


def row_of(workbook, name: str) -> int:
    header = [c.value for c in workbook["survey"][1]]
    for number, row in enumerate(workbook["survey"].iter_rows(values_only=True), start=1):
        if row[header.index("name")] == name:
            return number
    raise LookupError(name)


def problems_of(content: bytes, framework) -> set[tuple[str, int, str]]:
    plan = xlsform.plan_form_import(content=content, filename="form.xlsx", framework=framework)
    return {(p.sheet, p.row, p.column) for p in plan.problems}


def test_an_exported_form_makes_a_draft_survey_with_the_same_questions(framework, training_manager):
    source = make_survey(code="wave-1", areas=("TEC", "ENV"), scale=ScaleKind.BORICH)
    content = edited(xlsform.export_workbook(source), renamed("wave-2"))
    survey = xlsform.import_form(
        content=content, filename="wave-2.xlsx", framework=framework, actor=training_manager
    )
    assert survey.code == "wave-2"
    assert survey.status == "draft"
    assert survey.title == source.title_uz
    assert survey.scale == ScaleKind.BORICH
    assert (survey.scale_min, survey.scale_max) == (1, 5)
    assert sorted(survey.kinds) == ["self", "supervisor"]
    codes = list(survey.items.order_by("sort_order").values_list("competency__code", flat=True))
    assert codes == list(
        source.items.order_by("sort_order").values_list("competency__code", flat=True)
    )
    assert AuditEntry.objects.filter(action="needs.xlsform.imported").exists()


def test_a_form_keeping_some_competencies_asks_only_those(framework, training_manager):
    source = make_survey(code="wave-1", areas=("TEC",), kinds=["self"])
    content = xlsform.export_workbook(source)

    def drop(workbook):
        renamed("wave-3")(workbook)
        sheet = workbook["survey"]
        for name in ("TEC_02_imp", "TEC_02_cur"):
            sheet.delete_rows(row_of(workbook, name))

    survey = xlsform.import_form(
        content=edited(content, drop), filename="f.xlsx", framework=framework, actor=None
    )
    codes = set(survey.items.values_list("competency__code", flat=True))
    assert "TEC-02" not in codes
    assert "TEC-01" in codes
    assert survey.kinds == ["self"]
    assert survey.scale == ScaleKind.FRAMEWORK


def test_an_unknown_type_a_missing_list_and_a_duplicate_name_are_named(framework):
    source = make_survey(code="wave-1", areas=("TEC",))

    def break_it(workbook):
        renamed("broken")(workbook)
        cell(workbook, "survey", row_of(workbook, "comments"), "type").value = "essay"
        cell(workbook, "survey", row_of(workbook, "gender"), "type").value = "select_one genders"
        cell(workbook, "survey", row_of(workbook, "TEC_02_imp"), "name").value = "TEC_01_imp"

    workbook = load_workbook(io.BytesIO(xlsform.export_workbook(source)))
    comments, gender, tec2 = (row_of(workbook, n) for n in ("comments", "gender", "TEC_02_imp"))
    content = edited(xlsform.export_workbook(source), break_it)
    assert problems_of(content, framework) == {
        ("survey", comments, "type"),
        ("survey", gender, "type"),
        ("survey", tec2, "name"),
    }
    assert not Survey.objects.filter(code="broken").exists()


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("${TEC_01_imp} > > 2", "nothing before"),
        ("(${TEC_01_imp} > 2", "not closed"),
        ("${TEC_01_imp} > 2)", "no opening"),
        ("${nowhere} = 'x'", "${nowhere}"),
        ("selected(${barriers}, 'cost)", "quotation"),
        ("${TEC_01_imp} >", "nothing after"),
    ],
)
def test_a_broken_relevant_is_named_with_its_row(framework, expression, words):
    source = make_survey(code="wave-1", areas=("TEC",))
    at = {}

    def break_it(workbook):
        renamed("broken")(workbook)
        at["row"] = row_of(workbook, "barriers_other")
        cell(workbook, "survey", at["row"], "relevant").value = expression

    content = edited(xlsform.export_workbook(source), break_it)
    plan = xlsform.plan_form_import(content=content, filename="f.xlsx", framework=framework)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [
        ("survey", at["row"], "relevant")
    ]
    assert words in plan.problems[0].message


def test_a_sound_expression_passes(framework):
    names = {"a", "b"}
    for text in (
        "${a} > 2 and ${b} != ''",
        "selected(${a}, 'x') or not(${b} = '1')",
        ". >= 0 and . <= 4",
        "-1 < ${a}",
        "yes",
    ):
        assert xlsform.expression_problem(text, names) is None, text


def test_errors_pyxform_finds_keep_their_row(framework):
    content = workbook_of(
        {
            "survey": [
                ["type", "name", "label"],
                ["begin_group", "grp_TEC", "Technical"],
                ["select_one scale", "TEC_01_imp", "Importance"],
            ],
            "choices": [["list_name", "name", "label"], ["scale", "1", "1"]],
            "settings": [["form_id"], ["unclosed"]],
        }
    )
    plan = xlsform.plan_form_import(content=content, filename="f.xlsx", framework=framework)
    assert [(p.sheet, p.row) for p in plan.problems] == [("survey", 2)]
    assert "begin_group" in plan.problems[0].message


def test_unknown_competency_codes_and_a_strange_scale_are_named(framework):
    content = workbook_of(
        {
            "survey": [
                ["type", "name", "label"],
                ["select_one rating", "TEC_01_imp", "Importance"],
                ["select_one rating", "XYZ_99_cur", "Current"],
            ],
            "choices": [["list_name", "name", "label"]]
            + [["rating", str(v), str(v)] for v in (1, 2, 3)],
            "settings": [["form_id", "form_title"], ["strange", "Strange"]],
        }
    )
    found = problems_of(content, framework)
    assert ("survey", 3, "name") in found
    assert ("choices", 0, "name") in found


def test_missing_columns_and_settings_are_named(framework):
    content = workbook_of(
        {
            "survey": [["name", "label"], ["TEC_01_imp", "Importance"]],
            "settings": [["form_title"], ["No id"]],
        }
    )
    assert problems_of(content, framework) == {("survey", 1, "type"), ("settings", 2, "form_id")}
    content = workbook_of(
        {
            "survey": [["type", "name", "label"], ["select_one scale", "TEC_01_imp", "I"]],
            "choices": [["list_name", "name", "label"]]
            + [["scale", str(v), str(v)] for v in range(5)],
            "settings": [["form_title"], ["No id"]],
        }
    )
    assert problems_of(content, framework) == {("settings", 2, "form_id")}


def test_a_code_already_taken_is_refused(framework):
    source = make_survey(code="taken", areas=("TEC",))
    assert problems_of(xlsform.export_workbook(source), framework) == {("settings", 2, "form_id")}


@pytest.mark.parametrize(
    "content",
    [
        b"\x00garbage\xff" * 50,
        b"",
        b"type,name,label\ninteger,a,A\n",
        b"PK\x03\x04not really a zip",
        workbook_of({"Sheet": []}),
        workbook_of({"survey": [["type", "name", "label"]]}),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
    ],
    ids=["garbage", "empty", "csv", "broken-zip", "empty-workbook", "no-questions", "old-xls"],
)
def test_bad_files_get_a_problem_and_the_page_no_server_error(
    client, framework, training_manager, content
):
    assert problems_of(content, framework)
    client.force_login(training_manager)
    upload = io.BytesIO(content)
    upload.name = "form.xlsx"
    response = client.post("/en/needs/xlsform/import/", {"file": upload, "framework": framework.pk})
    assert response.status_code == 400
    assert not Survey.objects.exists()


def test_an_old_excel_file_is_asked_to_be_saved_as_xlsx(framework):
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    plan = xlsform.plan_form_import(content=content, filename="kobo.xls", framework=framework)
    assert "save it as .xlsx" in plan.problems[0].message


def test_the_page_makes_the_survey_and_lists_problems_by_sheet_row_and_column(
    client, framework, training_manager
):
    source = make_survey(code="wave-1", areas=("TEC",))
    client.force_login(training_manager)

    def bad(workbook):
        renamed("wave-9")(workbook)
        cell(workbook, "survey", row_of(workbook, "comments"), "type").value = "essay"

    upload = io.BytesIO(edited(xlsform.export_workbook(source), bad))
    upload.name = "form.xlsx"
    response = client.post("/en/needs/xlsform/import/", {"file": upload, "framework": framework.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "“essay” is not a question type of XLSForm" in html
    assert "<code>type</code>" in html
    upload = io.BytesIO(edited(xlsform.export_workbook(source), renamed("wave-9")))
    upload.name = "form.xlsx"
    response = client.post(
        "/en/needs/xlsform/import/", {"file": upload, "framework": framework.pk}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith("/needs/surveys/wave-9/xlsform/")
    assert Survey.objects.get(code="wave-9").status == "draft"


def test_the_problems_come_in_russian(client, framework, training_manager):
    training_manager.preferred_language = "ru"
    training_manager.save()
    client.force_login(training_manager)
    upload = io.BytesIO(b"garbage")
    upload.name = "form.xlsx"
    response = client.post("/ru/needs/xlsform/import/", {"file": upload, "framework": framework.pk})
    assert response.status_code == 400
    assert response.context["LANGUAGE_CODE"] == "ru"
