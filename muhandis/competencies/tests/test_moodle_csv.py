import csv
import io

import pytest
from django.utils import translation

from muhandis.competencies import moodle_csv, services
from muhandis.competencies.models import Competency, Framework
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages below are checked in English."""
    with translation.override("en"):
        yield


HEADER = moodle_csv.HEADERS


def _csv(rows, header=HEADER, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row + [""] * (len(header) - len(row)))
    return out.getvalue().encode()


def _framework_row(code="WSS", name="Water engineers", scale="None,Aware,Works,Expert"):
    return [
        "",
        code,
        name,
        "A framework",
        "1",
        scale,
        "",
        "",
        "",
        "",
        "",
        "",
        "1",
        "domain,competency",
    ]


GOOD = [
    _framework_row(),
    ["", "TEC", "Technical", "Engineering knowledge"],
    ["TEC", "TEC-01", "Hydraulics", "Networks and pumping"],
    ["TEC", "TEC-02", "Treatment", ""],
    [
        "",
        "LEG",
        '<span lang="uz" class="multilang">Huquqiy</span>'
        '<span lang="ru" class="multilang">Правовые</span>',
        "",
    ],
    ["LEG", "LEG-01", "FIDIC", ""],
]


def test_a_moodle_file_becomes_a_draft_framework(engineer, administrator):
    framework, notices = services.import_moodle_csv(
        content=_csv(GOOD), language="en", actor=administrator
    )
    assert framework.status == Framework.Status.DRAFT
    assert framework.code == "WSS"
    assert framework.version == 1
    assert [a.code for a in framework.areas.all()] == ["TEC", "LEG"]
    assert list(Competency.objects.filter(framework=framework).values_list("code", flat=True)) == [
        "TEC-01",
        "TEC-02",
        "LEG-01",
    ]
    assert list(framework.scale.levels.values_list("value", "name_en")) == [
        (0, "None"),
        (1, "Aware"),
        (2, "Works"),
        (3, "Expert"),
    ]
    assert notices == []
    assert AuditEntry.objects.filter(action="competencies.framework.imported").exists()


def test_multilanguage_spans_fill_each_language():
    framework, _ = services.import_moodle_csv(content=_csv(GOOD), language="en", actor=None)
    legal = framework.areas.get(code="LEG")
    assert (legal.title_uz, legal.title_ru) == ("Huquqiy", "Правовые")
    technical = framework.areas.get(code="TEC")
    assert technical.title_en == "Technical"


def test_importing_the_same_code_again_makes_the_next_version():
    first, _ = services.import_moodle_csv(content=_csv(GOOD), language="en", actor=None)
    second, _ = services.import_moodle_csv(content=_csv(GOOD), language="en", actor=None)
    assert (first.version, second.version) == (1, 2)


def test_semicolon_separated_files_from_spreadsheets_are_read():
    framework, _ = services.import_moodle_csv(
        content=_csv(GOOD, delimiter=";"), language="en", actor=None
    )
    assert framework.competencies.count() == 3


@pytest.mark.parametrize(
    ("rows", "row", "column", "words"),
    [
        ([*GOOD, ["TEC", "TEC-01", "Again", ""]], 8, "ID number", "already used in row 4"),
        ([*GOOD, ["NOPE", "X-01", "Orphan", ""]], 8, "Parent ID number", "NOPE"),
        (
            [*GOOD, ["TEC-01-B", "TEC-01-A", "Loop", ""], ["TEC-01-A", "TEC-01-B", "Loop", ""]],
            8,
            "Parent ID number",
            "its own ancestor",
        ),
        ([*GOOD, ["TEC", "", "No code", ""]], 8, "ID number", "empty"),
        ([*GOOD, ["TEC", "bad code!", "Name", ""]], 8, "ID number", "not a usable code"),
        ([*GOOD, ["TEC", "TEC-09", "", ""]], 8, "Short name", "empty"),
        ([_framework_row(scale="Only"), *GOOD[1:]], 2, "Scale values", "at least two"),
        (GOOD[1:], 0, "Is framework", "framework itself is missing"),
        ([*GOOD, _framework_row(code="OTHER")], 8, "Is framework", "second framework"),
    ],
)
def test_bad_rows_are_named_by_row_and_column_and_nothing_is_imported(rows, row, column, words):
    with pytest.raises(moodle_csv.ImportRefused) as refused:
        services.import_moodle_csv(content=_csv(rows), language="en", actor=None)
    problem = next(p for p in refused.value.problems if p.column == column)
    assert problem.row == row
    assert words in str(problem)
    assert not Framework.objects.filter(code="WSS").exists()
    assert not Competency.objects.filter(framework__code="WSS").exists()


def test_every_problem_is_listed_at_once():
    rows = [*GOOD, ["TEC", "", "No code", ""], ["NOPE", "X-01", "Orphan", ""]]
    with pytest.raises(moodle_csv.ImportRefused) as refused:
        services.import_moodle_csv(content=_csv(rows), language="en", actor=None)
    assert [p.row for p in refused.value.problems] == [8, 9]


def test_missing_columns_and_wrong_encoding_are_explained():
    with pytest.raises(moodle_csv.ImportRefused) as refused:
        services.import_moodle_csv(
            content=_csv([["x"]], header=["ID number", "Short name"]), language="en", actor=None
        )
    assert {p.column for p in refused.value.problems} == {"Parent ID number", "Is framework"}
    with pytest.raises(moodle_csv.ImportRefused) as refused:
        services.import_moodle_csv(content="ID;Имя".encode("cp1251"), language="en", actor=None)
    assert "UTF-8" in str(refused.value.problems[0])


def test_unused_moodle_columns_are_reported_not_silently_dropped():
    """Moodle ignores a rule class it does not know (framework_importer::set_rules); here the
    file's reader is told."""
    rows = [
        *GOOD[:3],
        ["TEC", "TEC-02", "Treatment", "", "1", "", "", "my_plugin\\rule_magic", "1"],
    ]
    _, notices = services.import_moodle_csv(content=_csv(rows), language="en", actor=None)
    assert any("Rule type" in n and "my_plugin" in n for n in notices)


def test_export_then_import_gives_the_same_framework():
    original, _ = services.import_moodle_csv(content=_csv(GOOD), language="en", actor=None)
    from muhandis.competencies.selectors import framework_areas, tree_of

    exported = moodle_csv.write(original, tree_of(original, with_links=True), language="en")
    assert exported.splitlines()[0].split(",")[:3] == [
        "Parent ID number",
        "ID number",
        "Short name",
    ]
    copy, _ = services.import_moodle_csv(content=exported.encode(), language="en", actor=None)

    def shape(f):
        """What an English reader sees (missing English falls back to Uzbek)."""
        with translation.override("en"):
            return [
                (a.code, a.title, [(c.code, c.title, c.description) for c in a.competencies.all()])
                for a in framework_areas(f)
            ]

    assert shape(copy) == shape(original)
    assert list(copy.scale.levels.values_list("name_en", flat=True)) == [
        "None",
        "Aware",
        "Works",
        "Expert",
    ]
