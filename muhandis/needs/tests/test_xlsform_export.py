"""A survey exported as an XLSForm is a valid XForm in three languages."""

import io

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from muhandis.needs import xlsform
from muhandis.needs.models import Barrier, ScaleKind

from .factories import make_survey

pytestmark = pytest.mark.django_db


def sheet_rows(content: bytes, name: str) -> list[list]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in workbook[name].iter_rows(values_only=True)]


def test_the_exported_form_converts_to_an_xform_in_three_languages():
    survey = make_survey(code="needs-2026", areas=("TEC", "LEG"))
    survey.introduction_uz = "Soʻrov 10 daqiqa davom etadi."
    survey.introduction_ru = "Опрос займёт 10 минут."
    survey.save()
    content = xlsform.export_workbook(survey)
    warnings: list[str] = []
    result = convert(content, warnings=warnings, file_type=".xlsx")
    assert warnings == []
    xform = result.xform
    for language in ("Uzbek (uz)", "Russian (ru)", "English (en)"):
        assert f'lang="{language}"' in xform
    assert 'id="needs-2026"' in xform
    assert "TEC_01_imp" in xform
    assert "TEC_01_cur" in xform
    assert "Hydraulics and water networks" in xform
    assert "Gidravlika va suv tarmoqlari" in xform
    # The introduction opens the form; English, missing, falls back to Uzbek.
    assert "Опрос займёт 10 минут." in xform
    assert xform.count("Soʻrov 10 daqiqa davom etadi.") == 2


def test_the_form_asks_two_questions_per_competency_grouped_by_area():
    survey = make_survey(areas=("TEC",))
    rows = sheet_rows(xlsform.export_workbook(survey), "survey")
    header = rows[0]
    types = [row[header.index("type")] for row in rows[1:]]
    names = [row[header.index("name")] for row in rows[1:]]
    codes = list(survey.items.values_list("competency__code", flat=True))
    assert names.count("grp_TEC") == 2  # begin and end
    for code in codes:
        stem = code.replace("-", "_")
        assert f"{stem}_imp" in names
        assert f"{stem}_cur" in names
    assert types.count("select_one scale") == 2 * len(codes)
    # Background questions and the open ones, named as the answers' fields.
    for name in ("gender", "age_band", "region", "sector", "job_role", "employer_size"):
        assert f"select_one {name}" in types
    assert "select_multiple barriers" in types
    # Both kinds answer: the form asks which.
    assert "respondent_kind" in names


def test_the_choice_lists_hold_the_models_values_and_the_framework_levels():
    survey = make_survey(kinds=["self"])
    rows = sheet_rows(xlsform.export_workbook(survey), "choices")
    lists: dict[str, list[str]] = {}
    for row in rows[1:]:
        lists.setdefault(row[0], []).append(str(row[1]))
    assert lists["scale"] == ["0", "1", "2", "3", "4"]
    assert lists["gender"] == ["female", "male", "undisclosed"]
    assert "UZ-TK" in lists["region"] or any(code.startswith("UZ-") for code in lists["region"])
    assert "respondent_kind" not in lists
    english = rows[0].index("label::English (en)")
    scale_labels = [row[english] for row in rows[1:] if row[0] == "scale"]
    assert scale_labels[-1] == "4 – Expert who teaches others"


def test_a_fixed_scale_has_numbers_with_labelled_ends():
    survey = make_survey(scale=ScaleKind.HENNESSY_HICKS)
    rows = sheet_rows(xlsform.export_workbook(survey), "choices")
    english = rows[0].index("label::English (en)")
    scale = [(str(row[1]), row[english]) for row in rows[1:] if row[0] == "scale"]
    assert [name for name, _label in scale] == [str(v) for v in range(1, 8)]
    assert scale[0][1] == "1 – not at all"
    assert scale[3][1] == "4"
    assert scale[-1][1] == "7 – very"


def test_the_settings_name_the_survey_and_its_default_language():
    survey = make_survey(code="wave-27")
    rows = sheet_rows(xlsform.export_workbook(survey), "settings")
    settings = dict(zip(rows[0], rows[1], strict=True))
    assert settings["form_id"] == "wave-27"
    assert settings["form_title"] == survey.title_uz
    assert settings["default_language"] == "Uzbek (uz)"
    assert settings["version"]


def test_every_relevant_is_a_sound_expression_over_the_forms_own_names():
    survey = make_survey()
    rows = sheet_rows(xlsform.export_workbook(survey), "survey")
    header = rows[0]
    names = {row[header.index("name")] for row in rows[1:]}
    relevant = {row[header.index("name")]: row[header.index("relevant")] for row in rows[1:]}
    for text in filter(None, relevant.values()):
        assert xlsform.expression_problem(text, names) is None
    # "Other barriers" is asked after "other" is ticked only when the list has that choice.
    if "other" in Barrier.values:
        assert relevant["barriers_other"] == "selected(${barriers}, 'other')"
    else:
        assert relevant["barriers_other"] is None


def test_competency_codes_become_distinct_xml_names():
    assert xlsform.xml_name("TEC-01") == "TEC_01"
    assert xlsform.xml_name("1.2") == "c_1_2"
    assert xlsform.stems(["A-1", "A.1", "B"]) == {"A-1": "A_1", "A.1": "A_1_2", "B": "B"}
