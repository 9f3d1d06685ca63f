"""Importing and exporting item banks: GIFT, Moodle XML and the authors' spreadsheet."""

import csv
import io
import zipfile

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from muhandis.exams.formats import gift, moodle_xml, spreadsheet
from muhandis.exams.formats.items import (
    Image,
    ItemDraft,
    Option,
    Pair,
    Problem,
    Unit,
    check,
    to_content,
)

CATEGORY = "category:$course$/top/Hydraulics"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"  # what the fixture's "iVBORw0KGgo=" decodes to

GIFT_BANK = """\
// Hydraulics and contracts, exported for the 2026 sitting
$CATEGORY: $course$/top/Hydraulics

::HYD-01:: A 200 mm pipe carries 30 l/s. What is the mean velocity in m/s? {#0.955:0.01}

::HYD-02:: Which equation gives the head loss due to friction in a pipe? {
  =Darcy–Weisbach #Right: h\\=f·(L/D)·v²/2g.
  ~Bernoulli #Bernoulli is energy conservation.
  ~%50%Hazen–Williams #Empirical, for water only.
  ####The Darcy–Weisbach equation holds for any fluid.
}

// true or false
::FIDIC-01:: Under the FIDIC Red Book the employer designs the works. {T}

::FIDIC-02:: Which FIDIC books put the design on the contractor? {
  ~%50%Yellow Book
  ~%50%Silver Book
  ~%-100%Red Book
}

The instrument {=manometer =piezometer} measures pressure by a column of liquid.

::FIDIC-03:: Match each book to who designs the works. {
  =Red Book -> the employer
  =Yellow Book -> the contractor
  =Silver Book -> the contractor, turnkey
}

::HYD-03:: The pump head lies between 12 and 18 m. Give a value. {#12..18}

::HYD-04:: Discharge of the weir in l/s? {#=240:5 =%50%240:20}

::FIDIC-04::[html]<p>The employer's drawings came 40 days late. Advise the contractor.</p> {
  ####Sub-Clause 1.9 and 20.2 apply.
}

::ESC-01:: Ratio 1\\:100, set \\{A\\}, cost \\~5\\# {=yes}
"""


def _en(text: str) -> dict[str, str]:
    return {"en": text}


def _opt(text: str, fraction: float = 0.0, feedback: str = "") -> Option:
    return Option(texts=_en(text), fraction=fraction, feedback=_en(feedback) if feedback else {})


GIFT_EXPECTED = [
    ItemDraft(
        kind="numeric",
        name="HYD-01",
        texts=_en("A 200 mm pipe carries 30 l/s. What is the mean velocity in m/s?"),
        answer=0.955,
        tolerance=0.01,
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="single",
        name="HYD-02",
        texts=_en("Which equation gives the head loss due to friction in a pipe?"),
        options=(
            _opt("Darcy–Weisbach", 1.0, "Right: h=f·(L/D)·v²/2g."),
            _opt("Bernoulli", 0.0, "Bernoulli is energy conservation."),
            _opt("Hazen–Williams", 0.5, "Empirical, for water only."),
        ),
        feedback=_en("The Darcy–Weisbach equation holds for any fluid."),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="true_false",
        name="FIDIC-01",
        texts=_en("Under the FIDIC Red Book the employer designs the works."),
        truth=True,
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="multiple",
        name="FIDIC-02",
        texts=_en("Which FIDIC books put the design on the contractor?"),
        options=(_opt("Yellow Book", 0.5), _opt("Silver Book", 0.5), _opt("Red Book", -1.0)),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="short_text",
        texts=_en("The instrument _____ measures pressure by a column of liquid."),
        options=(_opt("manometer", 1.0), _opt("piezometer", 1.0)),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="matching",
        name="FIDIC-03",
        texts=_en("Match each book to who designs the works."),
        pairs=(
            Pair(_en("Red Book"), _en("the employer")),
            Pair(_en("Yellow Book"), _en("the contractor")),
            Pair(_en("Silver Book"), _en("the contractor, turnkey")),
        ),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="numeric",
        name="HYD-03",
        texts=_en("The pump head lies between 12 and 18 m. Give a value."),
        answer=15.0,
        tolerance=3.0,
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="numeric",
        name="HYD-04",
        texts=_en("Discharge of the weir in l/s?"),
        answer=240.0,
        tolerance=5.0,
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="essay",
        name="FIDIC-04",
        texts=_en("<p>The employer's drawings came 40 days late. Advise the contractor.</p>"),
        feedback=_en("Sub-Clause 1.9 and 20.2 apply."),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="short_text",
        name="ESC-01",
        texts=_en("Ratio 1:100, set {A}, cost ~5#"),
        options=(_opt("yes", 1.0),),
        tags=(CATEGORY,),
    ),
]


def _lines(result) -> list[tuple[int | None, str]]:
    return [(p.line, p.severity) for p in result.problems]


# The neutral model -----------------------------------------------------------------------------


def test_a_single_choice_item_needs_a_fully_correct_option():
    item = ItemDraft(kind="single", texts=_en("Q"), options=(_opt("a", 0.5), _opt("b")))
    assert [p.message for p in check(item)] == [
        "A single-choice question needs at least one fully correct option; it has 0."
    ]


def test_several_fully_correct_options_of_a_single_choice_item_are_allowed_as_in_moodle():
    """Moodle's multichoice (single) lets several answers give 100%; a warning says so."""
    item = ItemDraft(
        kind="single", texts=_en("Q"), options=(_opt("a", 1.0), _opt("b", 1.0), _opt("c"))
    )
    (problem,) = check(item)
    assert problem.severity == "warning"
    assert problem.message.startswith("Options A, B all give full credit")


def test_an_item_needs_text_in_a_known_language_and_its_options_in_the_same_languages():
    untexted = ItemDraft(kind="essay", texts={"uz": " "}, rubric=_en("r"))
    assert [p.message for p in check(untexted)] == [
        "Write the question in at least one of Uzbek, Russian and English."
    ]
    item = ItemDraft(
        kind="single",
        texts={"uz": "Savol", "ru": "Вопрос"},
        options=(Option({"uz": "ha", "ru": "да"}, 1.0), Option({"uz": "yoʻq"})),
    )
    assert [p.message for p in check(item)] == [
        "Option B has no Russian text, but the question has."
    ]


def test_a_numeric_item_needs_a_number_and_an_essay_is_warned_without_a_rubric():
    assert check(ItemDraft(kind="numeric", texts=_en("Q")))[0].message == (
        "A numeric question needs the correct answer as a number."
    )
    (problem,) = check(ItemDraft(kind="essay", texts=_en("Q")))
    assert problem.severity == "warning"


def test_an_unknown_kind_is_one_problem_naming_the_kinds():
    (problem,) = check(ItemDraft(kind="cloze", texts=_en("Q"), name="X-1"))
    assert problem.item == "X-1"
    assert "single, multiple" in problem.message


def test_content_is_plain_json_with_the_base_unit_as_the_candidate_sees_it():
    item = ItemDraft(
        kind="numeric", texts=_en("Q"), answer=0.955, units=(Unit("m/s"), Unit("mm/s", 1000))
    )
    content = to_content(item)
    assert content["units"] == "m/s"
    assert content["unit_list"][1] == {"name": "mm/s", "multiplier": 1000}
    assert content["answer"] == 0.955


# GIFT ------------------------------------------------------------------------------------------


def test_a_gift_bank_reads_into_drafts():
    result = gift.parse(GIFT_BANK)
    assert list(result.items) == GIFT_EXPECTED


def test_gift_reports_what_it_did_not_keep_at_the_line_of_the_question():
    result = gift.parse(GIFT_BANK)
    assert result.ok
    assert [(p.line, p.item, p.severity) for p in result.problems] == [
        (32, "HYD-04", "warning"),  # the half-credit number is not kept
        (34, "FIDIC-04", "warning"),  # [html]
        (34, "FIDIC-04", "warning"),  # no rubric
    ]
    assert "240:20" in result.problems[0].message


def test_gift_text_is_read_as_the_language_the_importer_names():
    result = gift.parse("::U-1:: Quvurda oʻrtacha tezlik qancha (m/s)? {#0.95:0.01}", language="uz")
    assert result.items[0].texts == {"uz": "Quvurda oʻrtacha tezlik qancha (m/s)?"}


def test_gift_bytes_with_a_byte_order_mark_and_windows_line_ends_are_read():
    data = ("\ufeff::A:: Q1 {T}\r\n\r\n::B:: Q2 {F}\r\n").encode()
    result = gift.parse(data)
    assert [(i.name, i.truth) for i in result.items] == [("A", True), ("B", False)]
    assert result.problems == ()


def test_gift_round_trip_keeps_what_gift_can_hold():
    written = gift.write(GIFT_EXPECTED)
    again = gift.parse(written.content)
    assert list(again.items) == GIFT_EXPECTED
    assert [p.message for p in written.problems] == []


def test_gift_export_reports_what_it_cannot_hold():
    items = spreadsheet.EXAMPLES
    written = gift.write(items, language="ru")
    again = gift.parse(written.content, language="ru")
    assert [i.texts for i in again.items] == [{"ru": i.texts["ru"]} for i in items]
    numeric = [p.message for p in written.problems if p.item == "HYD-NUMERIC-1"]
    assert numeric == [
        "GIFT holds one language: the Uzbek, English text is not written.",
        "GIFT cannot hold the item's competency codes, difficulty, units; they are not written.",
    ]
    essay = [p.message for p in written.problems if p.item == "FIDIC-ESSAY-1"]
    assert "rubric" in essay[1]


def test_gift_export_skips_an_item_without_text_in_the_language_and_says_so():
    written = gift.write([ItemDraft(kind="true_false", texts={"uz": "Savol"}, truth=True)], "en")
    assert written.content.strip() == ""
    assert written.problems[0].message == (
        "The item has no English text and is not written to the GIFT file."
    )


BAD_GIFT = [
    ("::A:: ok {T}\n\n::B:: A pipe {=a ~b\n", 3, "never closed"),
    ("::A:: ok {T}\n\n\n::B:: A pipe =a ~b}\n", 4, "no “{” before it"),
    ("// c\n::N:: Velocity? {#fast}\n", 2, "“fast” is not a number"),
    ("::N:: Velocity? {#}\n", 1, "at least one number after the #"),
    ("::D:: Only a description\n", 1, "no answers in braces"),
    ("::D:: Q {=a} and {=b}\n", 1, "more than one set of answers"),
    ("::D:: Q {=a {=b}}\n", 1, "opens inside the answers"),
    ("::M:: Q {=a -> b =c}\n", 1, "=left -> right"),
    ("::N:: Q {#~#Wrong.}\n", 1, "at least one number after the #"),
    ("::W:: Q {~%half%a =b}\n", 1, "“%half%” is not a percentage"),
]


@pytest.mark.parametrize(("text", "line", "reason"), BAD_GIFT)
def test_bad_gift_gives_a_problem_at_the_question_line(text, line, reason):
    result = gift.parse(text)
    errors = result.errors
    assert errors, result
    assert errors[0].line == line
    assert reason in errors[0].message


def test_an_empty_gift_file_gives_no_items_and_no_exception():
    for text in ("", "\n\n", "// only a comment\n", b""):
        result = gift.parse(text)
        assert result.items == ()


def test_a_gift_question_that_cannot_be_read_is_not_offered_but_the_others_are():
    result = gift.parse("::A:: ok {T}\n\n::B:: bad {#x}\n\n::C:: ok {F}\n")
    assert [i.name for i in result.items] == ["A", "C"]
    assert [(p.line, p.item) for p in result.problems] == [(3, "B")]


GIFT_TEXT = st.text(
    alphabet=st.sampled_from(list("ab Z09.,'ʻ~=#{}:\\/[]%-> \nоʻқЖ$")),
    min_size=1,
    max_size=30,
).map(str.strip)


@settings(max_examples=150, deadline=None)
@given(name=GIFT_TEXT, stem=GIFT_TEXT, right=GIFT_TEXT, wrong=GIFT_TEXT, feedback=GIFT_TEXT)
def test_gift_escaping_round_trips_any_text(name, stem, right, wrong, feedback):
    assume(stem and right and wrong)
    assume(all("->" not in text for text in (right, wrong, feedback)))  # GIFT cannot escape it
    item = ItemDraft(
        kind="single",
        name=name.replace("\n", " ").strip(),
        texts=_en(stem),
        options=(_opt(right, 1.0, feedback), _opt(wrong)),
        feedback=_en(feedback) if feedback else {},
    )
    again = gift.parse(gift.write([item]).content)
    assert again.errors == []
    assert list(again.items) == [item]


# Moodle XML ------------------------------------------------------------------------------------

MOODLE_BANK = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Hydraulics</text></category>
  </question>
  <question type="multichoice">
    <name><text>HYD-10</text></name>
    <questiontext format="html">
      <text><![CDATA[<span lang="uz" class="multilang">Quvurdagi ishqalanish yoʻqotilishi \
qaysi tenglama bilan topiladi?</span><span lang="ru" class="multilang">Каким уравнением \
находят потери на трение?</span>]]></text>
    </questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html">
      <text><![CDATA[<span lang="uz" class="multilang">Darsi–Veysbax</span>\
<span lang="ru" class="multilang">Дарси–Вейсбаха</span>]]></text>
      <feedback format="html"><text>{mlang uz}Toʻgʻri{mlang}{mlang ru}Верно{mlang}</text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<span lang="uz" class="multilang">Bernulli</span>\
<span lang="ru" class="multilang">Бернулли</span>]]></text>
    </answer>
    <tags>
      <tag><text>competency:TEC-01</text></tag>
      <tag><text>scheme:CE-WSS-II</text></tag>
      <tag><text>difficulty:2</text></tag>
      <tag><text>pipes</text></tag>
    </tags>
  </question>
  <question type="multichoice">
    <name><text>FIDIC-10</text></name>
    <questiontext format="html"><text>Which books put design on contractors?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Yellow Book</text></answer>
    <answer fraction="50"><text>Silver Book</text></answer>
    <answer fraction="-100"><text>Red Book</text></answer>
  </question>
  <question type="truefalse">
    <name><text>FIDIC-11</text></name>
    <questiontext format="html"><text>Notice of a claim is due within 28 days.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Sub-Clause 20.2.1.</text></feedback>
    </answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>HYD-11</text></name>
    <questiontext format="html"><text>Name the pressure gauge with a U tube.</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>U-tube manometer</text></answer>
    <answer fraction="50"><text>manometer</text></answer>
  </question>
  <question type="numerical">
    <name><text>HYD-12</text></name>
    <questiontext format="html"><text>Mean velocity, 200 mm pipe, 30 l/s?</text></questiontext>
    <answer fraction="100"><text>0.955</text><tolerance>0.01</tolerance></answer>
    <answer fraction="0"><text>*</text></answer>
    <units>
      <unit><multiplier>1</multiplier><unit_name>m/s</unit_name></unit>
      <unit><multiplier>100</multiplier><unit_name>cm/s</unit_name></unit>
    </units>
  </question>
  <question type="matching">
    <name><text>FIDIC-12</text></name>
    <questiontext format="html"><text>Match the book to the designer.</text></questiontext>
    <subquestion format="html"><text>Red Book</text><answer><text>employer</text></answer>
    </subquestion>
    <subquestion format="html"><text>Yellow Book</text><answer><text>contractor</text></answer>
    </subquestion>
    <subquestion format="html"><text></text><answer><text>engineer</text></answer></subquestion>
  </question>
  <question type="essay">
    <name><text>FIDIC-13</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Drawings 40 days late. <img src="@@PLUGINFILE@@/site.png"></p>]]></text>
      <file name="site.png" path="/" encoding="base64">iVBORw0KGgo=</file>
    </questiontext>
    <graderinfo format="html"><text>Notice (2 marks); time and cost (2 marks).</text></graderinfo>
  </question>
  <question type="calculated">
    <name><text>HYD-13</text></name>
    <questiontext format="html"><text>Q = {v} * A</text></questiontext>
  </question>
</quiz>
""".encode()

MOODLE_EXPECTED = [
    ItemDraft(
        kind="single",
        name="HYD-10",
        texts={
            "uz": "Quvurdagi ishqalanish yoʻqotilishi qaysi tenglama bilan topiladi?",
            "ru": "Каким уравнением находят потери на трение?",
        },
        options=(
            Option(
                {"uz": "Darsi–Veysbax", "ru": "Дарси–Вейсбаха"},
                1.0,
                {"uz": "Toʻgʻri", "ru": "Верно"},
            ),
            Option({"uz": "Bernulli", "ru": "Бернулли"}, 0.0),
        ),
        competencies=("TEC-01",),
        schemes=("CE-WSS-II",),
        difficulty=2,
        tags=(CATEGORY, "pipes"),
    ),
    ItemDraft(
        kind="multiple",
        name="FIDIC-10",
        texts=_en("Which books put design on contractors?"),
        options=(_opt("Yellow Book", 0.5), _opt("Silver Book", 0.5), _opt("Red Book", -1.0)),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="true_false",
        name="FIDIC-11",
        texts=_en("Notice of a claim is due within 28 days."),
        truth=True,
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="short_text",
        name="HYD-11",
        texts=_en("Name the pressure gauge with a U tube."),
        options=(_opt("U-tube manometer", 1.0), _opt("manometer", 0.5)),
        case_sensitive=True,
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="numeric",
        name="HYD-12",
        texts=_en("Mean velocity, 200 mm pipe, 30 l/s?"),
        answer=0.955,
        tolerance=0.01,
        units=(Unit("m/s"), Unit("cm/s", 100.0)),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="matching",
        name="FIDIC-12",
        texts=_en("Match the book to the designer."),
        pairs=(
            Pair(_en("Red Book"), _en("employer")),
            Pair(_en("Yellow Book"), _en("contractor")),
        ),
        tags=(CATEGORY,),
    ),
    ItemDraft(
        kind="essay",
        name="FIDIC-13",
        texts=_en("<p>Drawings 40 days late. [image:1]</p>"),
        rubric=_en("Notice (2 marks); time and cost (2 marks)."),
        tags=(CATEGORY,),
        images=(Image("site.png", PNG_SIGNATURE, "image/png"),),
    ),
]


def test_a_moodle_xml_bank_reads_into_drafts():
    result = moodle_xml.parse(MOODLE_BANK)
    assert list(result.items) == MOODLE_EXPECTED


def test_moodle_xml_reports_what_it_did_not_keep_at_the_line_of_the_question():
    result = moodle_xml.parse(MOODLE_BANK)
    assert result.ok
    found = [(p.line, p.item, p.message.split(" ", 3)[:3]) for p in result.problems]
    assert found == [
        (35, "FIDIC-11", ["The", "feedback", "on"]),
        (49, "HYD-12", ["The", "“*”", "answer"]),
        (59, "FIDIC-12", ["The", "extra", "wrong"]),
        (76, "HYD-13", ["Questions", "of", "the"]),
    ]
    assert "calculated" in result.problems[-1].message


def test_moodle_xml_round_trip_keeps_every_language_tag_unit_and_rubric():
    items = [*MOODLE_EXPECTED, *spreadsheet.EXAMPLES]
    written = moodle_xml.write(items)
    again = moodle_xml.parse(written.content)
    assert list(again.items) == items
    assert again.errors == []


def test_moodle_xml_export_warns_about_multilang_odd_credit_and_short_matching():
    items = [
        spreadsheet.EXAMPLES[0],
        ItemDraft(
            kind="multiple",
            name="ODD",
            texts=_en("Q"),
            options=(_opt("a", 0.45), _opt("b", 0.55), _opt("c")),
        ),
        MOODLE_EXPECTED[5],
        GIFT_EXPECTED[0],
    ]
    written = moodle_xml.write(items)
    assert [p.message[-27:] for p in written.problems if p.item == "ODD"] == [
        "it offers no credit of 45%.",
        "it offers no credit of 55%.",
    ]
    assert [(p.item, p.message[:32]) for p in written.problems] == [
        ("HYD-SINGLE-1", "The item is written in 3 languag"),
        ("ODD", "Moodle may refuse the question o"),
        ("ODD", "Moodle may refuse the question o"),
        ("FIDIC-12", "Moodle needs at least three pair"),
    ]


def test_moodle_xml_with_a_dtd_is_refused_before_any_entity_is_expanded():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<quiz><question type="essay"><questiontext><text>&lol2;</text></questiontext></question></quiz>
"""
    result = moodle_xml.parse(bomb)
    assert result.items == ()
    (problem,) = result.problems
    assert problem.line == 2
    assert "DTD" in problem.message


def test_moodle_xml_with_an_external_entity_is_refused():
    xxe = b'<?xml version="1.0"?><!DOCTYPE q SYSTEM "file:///etc/passwd"><quiz/>'
    (problem,) = moodle_xml.parse(xxe).problems
    assert "refused" in problem.message


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (b"", None, "empty"),
        (b"  \n", None, "empty"),
        (b"<quiz>\n<question type='essay'>\n</quiz>", 3, "mismatched tag"),
        (b"GIFT? {T}", 1, "not well-formed"),
        (b"<html><body/></html>", 1, "not <quiz>"),
        (b"<quiz></quiz>", 1, "no questions"),
        (b"<quiz><question>&nbsp;</question></quiz>", 1, "undefined entity"),
    ],
)
def test_bad_moodle_xml_gives_a_problem_and_no_exception(data, line, reason):
    (problem,) = moodle_xml.parse(data).problems
    assert problem.line == line
    assert reason in problem.message


def test_moodle_xml_single_choice_with_two_right_answers_is_a_warning_at_its_line():
    """Moodle's single choice lets several answers give 100% (issue 13); bad numbers are errors."""
    data = b"""<quiz>
<question type="multichoice"><name><text>Q</text></name>
<questiontext><text>Which?</text></questiontext><single>true</single>
<answer fraction="100"><text>a</text></answer><answer fraction="100"><text>b</text></answer>
</question>
<question type="numerical"><name><text>N</text></name>
<questiontext><text>How much?</text></questiontext>
<answer fraction="100"><text>about ten</text></answer>
</question>
</quiz>"""
    result = moodle_xml.parse(data)
    assert [(p.line, p.item, p.severity) for p in result.problems] == [
        (2, "Q", "warning"),
        (6, "N", "error"),
    ]
    assert "“about ten” is not a number" in result.problems[1].message
    assert [i.name for i in result.items] == ["Q"]


# Spreadsheet -----------------------------------------------------------------------------------


def test_the_template_has_the_header_row_and_one_example_per_kind_that_reads_back():
    data = spreadsheet.template()
    sheet = load_workbook(io.BytesIO(data))["Items"]
    assert [cell.value for cell in sheet[1]] == list(spreadsheet.COLUMNS)
    result = spreadsheet.parse(data)
    assert result.problems == ()
    assert list(result.items) == list(spreadsheet.EXAMPLES)
    assert [i.kind for i in result.items] == [
        "single",
        "multiple",
        "true_false",
        "numeric",
        "matching",
        "short_text",
        "essay",
    ]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


SHEET_HEADER = [
    "Kind",
    "Name",
    "Competencies",
    "Difficulty",
    "stem_uz",
    "stem_ru",
    "option_a_uz",
    "option_a_ru",
    "option_b_uz",
    "option_b_ru",
    "option_c_uz",
    "option_c_ru",
    "answer",
    "tolerance",
    "unit",
]
SHEET_ROWS = [
    [
        "single",
        "GIDR-01",
        "TEC-01; TEC-02",
        "1",
        "Quvurdagi bosim yoʻqotilishi nimaga bogʻliq?",
        "От чего зависят потери напора в трубе?",
        "*Oqim tezligiga",
        "*От скорости потока",
        "Quvur rangiga",
        "От цвета трубы",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "numeric",
        "GIDR-02",
        "TEC-01",
        "",
        "200 mm quvur 30 l/s oʻtkazadi. Oʻrtacha tezlik?",
        "Труба 200 мм, 30 л/с. Средняя скорость?",
        *[""] * 6,
        "0,955",
        "0,01",
        "m/s",
    ],
    [
        "multiple",
        "GIDR-03",
        "TEC-02",
        "3",
        "Qaysilari nasos turlari?",
        "Какие из них типы насосов?",
        "*Markazdan qochma",
        "*Центробежный",
        "*Porshenli",
        "*Поршневой",
        "Gʻildirakli",
        "Колёсный",
        "",
        "",
        "",
    ],
]
SHEET_EXPECTED = [
    ItemDraft(
        kind="single",
        name="GIDR-01",
        texts={
            "uz": "Quvurdagi bosim yoʻqotilishi nimaga bogʻliq?",
            "ru": "От чего зависят потери напора в трубе?",
        },
        options=(
            Option({"uz": "Oqim tezligiga", "ru": "От скорости потока"}, 1.0),
            Option({"uz": "Quvur rangiga", "ru": "От цвета трубы"}, 0.0),
        ),
        competencies=("TEC-01", "TEC-02"),
        difficulty=1,
    ),
    ItemDraft(
        kind="numeric",
        name="GIDR-02",
        texts={
            "uz": "200 mm quvur 30 l/s oʻtkazadi. Oʻrtacha tezlik?",
            "ru": "Труба 200 мм, 30 л/с. Средняя скорость?",
        },
        answer=0.955,
        tolerance=0.01,
        units=(Unit("m/s"),),
        competencies=("TEC-01",),
    ),
    ItemDraft(
        kind="multiple",
        name="GIDR-03",
        texts={"uz": "Qaysilari nasos turlari?", "ru": "Какие из них типы насосов?"},
        options=(
            Option({"uz": "Markazdan qochma", "ru": "Центробежный"}, 0.5),
            Option({"uz": "Porshenli", "ru": "Поршневой"}, 0.5),
            Option({"uz": "Gʻildirakli", "ru": "Колёсный"}, 0.0),
        ),
        competencies=("TEC-02",),
        difficulty=3,
    ),
]


def test_a_csv_saved_by_excel_with_semicolons_and_a_bom_reads_into_drafts():
    data = ("\ufeff" + _csv([SHEET_HEADER, *SHEET_ROWS], delimiter=";")).encode()
    result = spreadsheet.parse(data)
    assert result.problems == ()
    assert list(result.items) == SHEET_EXPECTED


def test_a_csv_with_commas_and_no_bom_reads_the_same():
    rows = [row[:] for row in SHEET_ROWS]
    rows[1][12:14] = ["0.955", "0.01"]
    result = spreadsheet.parse(_csv([SHEET_HEADER, *rows]).encode())
    assert list(result.items) == SHEET_EXPECTED


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_with_numbers_as_numbers_reads_into_drafts():
    rows = [row[:] for row in SHEET_ROWS]
    rows[0][3], rows[1][12], rows[1][13] = 1, 0.955, 0.01
    result = spreadsheet.parse(_xlsx([SHEET_HEADER, *rows]))
    assert list(result.items) == SHEET_EXPECTED


def test_a_wrong_header_is_reported_at_row_one_with_its_column():
    header = [*SHEET_HEADER[:4], "stem_uzb", *SHEET_HEADER[5:], "name"]
    result = spreadsheet.parse(_csv([header, *SHEET_ROWS]).encode())
    assert [(p.line, p.column, p.message) for p in result.errors] == [
        (1, "E", "The column “stem_uzb” is not one of the template's columns; check its spelling."),
        (1, "P", "The column “name” appears twice."),
    ]


@pytest.mark.parametrize(
    "header",
    [["stem_en", "option_a_en"], ["kind", "name", "answer"], ["Savol", "Javob"]],
)
def test_a_header_without_kind_or_stem_stops_the_import(header):
    result = spreadsheet.parse(_csv([header, ["x", "y", "z"]]).encode())
    assert result.items == ()
    assert result.errors[-1].line == 1


def test_bad_rows_are_reported_by_row_and_column():
    header = ["kind", "name", "difficulty", "stem_en", "option_a_en", "option_b_en", "answer"]
    rows = [
        header,
        ["single", "OK-1", "2", "Which?", "*right", "wrong", ""],
        ["singel", "K-1", "", "Which?", "*a", "b", ""],
        ["single", "TWO-1", "", "Which?", "*a", "*b", ""],
        [],
        ["numeric", "NUM-1", "", "How much?", "", "", "about 5"],
        ["numeric", "NUM-2", "", "How much?", "", "", ""],
        ["essay", "ESS-1", "hard", "Discuss.", "", "", ""],
        ["true_false", "TF-1", "", "Water is wet.", "", "", "maybe"],
        ["matching", "M-1", "", "Match.", "a -> b", "c", ""],
    ]
    result = spreadsheet.parse(_csv(rows).encode())
    assert [i.name for i in result.items] == ["OK-1", "TWO-1", "NUM-2"]
    assert [(p.line, p.column, p.item) for p in result.errors] == [
        (3, "A", "K-1"),
        (6, "G", "NUM-1"),
        (7, None, "NUM-2"),
        (8, "C", "ESS-1"),
        (9, "G", "TF-1"),
        (10, "F", "M-1"),
    ]
    assert [p.message[:18] for p in result.warnings if p.item == "TWO-1"] == ["Options A, B all g"]
    assert result.errors[1].message == "“about 5” is not a number."


def test_an_option_marked_correct_in_one_language_only_is_a_warning():
    header = [
        "kind",
        "stem_uz",
        "stem_en",
        "option_a_uz",
        "option_a_en",
        "option_b_uz",
        "option_b_en",
    ]
    row = ["single", "Savol", "Question", "*ha", "yes", "yoʻq", "no"]
    (problem,) = spreadsheet.parse(_csv([header, row]).encode()).problems
    assert (problem.line, problem.column, problem.severity) == (2, "D", "warning")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n,,\r\n", "empty"),
        (b"kind,stem_en\r\n", "no items"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel"),
        ("kind,stem_en\nessay,Savol oʻqing\n".encode("utf-16"), "not in UTF-8"),
        (b"PK\x03\x04broken", "cannot be read as an Excel workbook"),
    ],
)
def test_an_unreadable_spreadsheet_gives_one_problem_and_no_exception(data, reason):
    result = spreadsheet.parse(data)
    assert result.items == ()
    assert reason in result.problems[-1].message


def test_a_zip_that_is_not_a_workbook_is_reported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    (problem,) = spreadsheet.parse(out.getvalue()).problems
    assert "Excel workbook" in problem.message


def test_spreadsheet_round_trip_keeps_what_the_layout_can_hold():
    items = [*SHEET_EXPECTED, *spreadsheet.EXAMPLES, GIFT_EXPECTED[5]]
    written = spreadsheet.write(items)
    assert written.problems == ()
    assert list(spreadsheet.parse(written.content).items) == items


def test_spreadsheet_export_reports_partial_credit_option_feedback_and_extra_options():
    many = ItemDraft(
        kind="single",
        name="MANY",
        texts=_en("Which?"),
        options=tuple(_opt(f"o{n}", 1.0 if n == 0 else 0.0) for n in range(8)),
    )
    written = spreadsheet.write([GIFT_EXPECTED[1], many, MOODLE_EXPECTED[4]])
    assert [(p.line, p.item, p.message) for p in written.problems] == [
        (2, "HYD-02", spreadsheet.FEEDBACK_NOT_KEPT),
        (2, "HYD-02", spreadsheet.CREDIT_NOT_KEPT),
        (3, "MANY", "The layout holds six options (A–F); the other 2 are not written."),
        (4, "HYD-12", "The layout holds one unit; the others (cm/s) are not written."),
    ]


def test_every_problem_is_a_plain_sentence():
    results = [
        gift.parse(GIFT_BANK),
        moodle_xml.parse(MOODLE_BANK),
        *(gift.parse(text) for text, _, _ in BAD_GIFT),
    ]
    for result in results:
        for problem in result.problems:
            assert isinstance(problem, Problem)
            assert problem.message[0].isupper()
            assert problem.message.endswith(".")


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab1.:~=#{}\\%->[]/$ \n")), max_size=60))
def test_gift_never_raises_on_any_text(text):
    result = gift.parse(text)
    assert all(p.line is not None for p in result.problems)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_moodle_xml_and_spreadsheet_never_raise_on_any_bytes(data):
    moodle_xml.parse(data)
    spreadsheet.parse(data)
    moodle_xml.parse(b"<quiz>" + data + b"</quiz>")


def test_the_spreadsheet_export_never_holds_a_formula_and_reads_back_as_written():
    item = ItemDraft(
        kind="single",
        name="EQ-1",
        texts=_en("=SUM(A1:A9) is what?"),
        options=(_opt("-5", 1.0), _opt("+5"), _opt('=HYPERLINK("http://evil.example")')),
    )
    written = spreadsheet.write([item])
    sheet = load_workbook(io.BytesIO(written.content))["Items"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'=SUM(A1:A9) is what?" in [c.value for c in cells]
    assert list(spreadsheet.parse(written.content).items) == [item]
