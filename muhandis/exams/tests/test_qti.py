"""IMS QTI 2.1 items and content packages: export, import, and what each loses."""

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muhandis.exams.bank.importing import read_bank
from muhandis.exams.formats import qti
from muhandis.exams.formats.examples import EXAMPLES
from muhandis.exams.formats.items import KINDS, LANGUAGES, ItemDraft, Option, Pair, Unit
from tests.standards import standards_dir

DATA = Path(__file__).parent / "data" / "qti"
SCHEMAS = standards_dir() / "qti-2.1"  # IMS QTI 2.1.2 with its imports (see its README)
SCHEMA = SCHEMAS / "imsqti_v2p1p2.xsd"


def _en(text: str) -> dict[str, str]:
    return {"en": text}


EXTRA = [
    ItemDraft(
        kind="multiple",
        name="FIDIC-10",
        texts=_en("Which books put <b>design</b> on the contractor?"),
        options=(
            Option(_en("Yellow Book"), 0.5, _en("Design-build.")),
            Option(_en("Silver Book"), 0.5),
            Option(_en("Red Book"), -1.0, _en("The employer designs.")),
        ),
        feedback=_en("<p>See the <i>General Conditions</i>, 1999 suite.</p>"),
        competencies=("TEC-01", "TEC-02"),
        schemes=("CE-WSS-II",),
        difficulty=3,
        tags=("category:$course$/top/FIDIC", "contracts"),
    ),
    ItemDraft(
        kind="single",
        name="HYD-20",
        texts=_en("Pressure at 10 m depth, in kPa & rounded, is < 100?"),
        options=(Option(_en("98"), 1.0), Option(_en("100"), 0.5), Option(_en("1000"))),
    ),
    ItemDraft(
        kind="short_text",
        name="HYD-21",
        texts=_en("Name the gauge."),
        options=(Option(_en("U-tube manometer"), 1.0), Option(_en("manometer"), 0.5)),
        case_sensitive=True,
    ),
    ItemDraft(
        kind="numeric",
        name="HYD-22",
        texts=_en("Exact flow in l/s?"),
        answer=240.0,
        units=(Unit("l/s"),),
    ),
    ItemDraft(
        kind="true_false",
        name="HYD-23",
        texts={"uz": "Bosim chuqurlik bilan kamayadi.", "ru": "Давление падает с глубиной."},
        truth=False,
    ),
]
ALL = [*EXAMPLES, *EXTRA]


def _package(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _files(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


# Export ---------------------------------------------------------------------------------------


def test_a_bank_in_three_languages_round_trips_through_a_content_package():
    written = qti.write(ALL)
    assert written.problems == ()
    again = qti.parse(written.content)
    assert again.problems == ()
    assert list(again.items) == ALL


def test_the_package_holds_one_item_file_per_language_listed_in_the_manifest():
    files = _files(qti.write(EXAMPLES[:1], language="ru").content)
    assert list(files) == [
        "imsmanifest.xml",
        "items/HYD-SINGLE-1-ru.xml",
        "items/HYD-SINGLE-1-uz.xml",
        "items/HYD-SINGLE-1-en.xml",
    ]
    manifest = files["imsmanifest.xml"].decode()
    assert 'type="imsqti_item_xmlv2p1" href="items/HYD-SINGLE-1-uz.xml"' in manifest
    assert "competency:TEC-01" in manifest
    russian = files["items/HYD-SINGLE-1-ru.xml"].decode()
    assert 'xml:lang="ru"' in russian
    assert 'label="HYD-SINGLE-1"' in russian
    assert "Дарси–Вейсбаха" in russian
    assert "Darcy" not in russian


def _item_xml(item: ItemDraft, language: str = "en") -> str:
    return qti.write_item(item, language).content.decode()


def test_each_kind_is_written_with_the_interaction_and_scoring_qti_expects():
    by_name = {item.name: item for item in ALL}
    single = _item_xml(by_name["HYD-SINGLE-1"])
    assert 'maxChoices="1"' in single
    assert "<value>A</value>" in single
    assert "<mapping" not in single  # all or nothing: match the correct response
    multiple = _item_xml(by_name["FIDIC-10"])
    assert '<mapping lowerBound="0" upperBound="1" defaultValue="0">' in multiple
    assert 'mapKey="C" mappedValue="-1"' in multiple
    assert '<feedbackInline outcomeIdentifier="FEEDBACK" identifier="A"' in multiple
    numeric = _item_xml(by_name["HYD-NUMERIC-1"])
    assert 'baseType="float"' in numeric
    assert '<equal toleranceMode="absolute" tolerance="0.01">' in numeric
    assert "/> m/s</p>" in numeric
    assert '<equal toleranceMode="exact">' in _item_xml(by_name["HYD-22"])
    short = _item_xml(by_name["HYD-21"])
    assert 'mapKey="manometer" mappedValue="0.5" caseSensitive="true"' in short
    matching = _item_xml(by_name["FIDIC-MATCHING-1"])
    assert "<value>L2 R2</value>" in matching
    assert 'baseType="directedPair"' in matching
    essay = _item_xml(by_name["FIDIC-ESSAY-1"])
    assert '<rubricBlock view="scorer">' in essay
    assert "<extendedTextInteraction" in essay
    assert "<responseProcessing" not in essay  # marked by hand
    true_false = _item_xml(by_name["HYD-23"], "ru")
    assert '<simpleChoice identifier="false">Неверно</simpleChoice>' in true_false


def test_markup_qti_accepts_is_written_as_elements_and_other_text_as_plain_text():
    written = _item_xml(EXTRA[0])
    assert "<div>Which books put <b>design</b> on the contractor?</div>" in written
    odd = ItemDraft(
        kind="essay",
        texts=_en('<p style="color:red">Sketch <img src="x.png"> here.</p>'),
        rubric=_en("r"),
    )
    result = qti.write_item(odd)
    assert "&lt;p style=" in result.content.decode()
    assert [p.message for p in result.problems] == [qti.WRITTEN_AS_PLAIN_TEXT]
    assert qti.parse(result.content).items[0].texts == odd.texts


def test_a_single_item_file_reports_the_languages_and_codes_it_cannot_hold():
    written = qti.write_item(EXAMPLES[0], "uz")
    assert [p.message for p in written.problems] == [
        "A single QTI item holds one language: the Russian, English text is not written.",
        qti.NO_METADATA,
    ]
    (item,) = qti.parse(written.content).items
    assert item.texts == {"uz": EXAMPLES[0].texts["uz"]}
    assert item.competencies == ()


def test_export_skips_items_it_cannot_write_and_says_so():
    written = qti.write(
        [
            ItemDraft(kind="cloze", texts=_en("Q"), name="C-1"),
            ItemDraft(kind="essay", texts={}, name="E-1"),
        ]
    )
    assert [(p.item, p.message) for p in written.problems] == [
        ("C-1", "Items of the kind “cloze” are not written to QTI."),
        ("E-1", "The item has no text and is not written."),
    ]
    assert list(_files(written.content)) == ["imsmanifest.xml"]


def test_export_warns_about_units_and_answer_feedback_qti_cannot_show():
    item = ItemDraft(
        kind="numeric",
        name="N",
        texts=_en("Speed?"),
        answer=1.0,
        units=(Unit("m/s"), Unit("km/h", 3.6)),
    )
    short = ItemDraft(
        kind="short_text", name="S", texts=_en("Q"), options=(Option(_en("a"), 1.0, _en("Yes")),)
    )
    messages = [p.message for p in qti.write([item, short]).problems]
    assert messages == [
        "QTI shows only the base unit after the answer box; the others (km/h) are not written.",
        qti.ANSWER_FEEDBACK,
    ]


# Schema ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    """The IMS QTI 2.1.2 schema, read from ../shared/standards (MUHANDIS_STANDARDS_DIR): a
    missing folder fails rather than skips, so that CI always validates."""
    from lxml import etree

    assert SCHEMA.exists(), (
        f"The IMS QTI 2.1 schema is not in {SCHEMAS}; set MUHANDIS_STANDARDS_DIR."
    )
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _in_every_language(item: ItemDraft) -> ItemDraft:
    """The item with its English texts copied to Uzbek and Russian where they are missing."""

    def every(texts: dict[str, str]) -> dict[str, str]:
        source = next((texts[code] for code in ("en", *LANGUAGES) if texts.get(code)), "")
        return {code: texts.get(code) or source for code in LANGUAGES} if source else {}

    return replace(
        item,
        texts=every(item.texts),
        feedback=every(item.feedback),
        rubric=every(item.rubric),
        options=tuple(
            replace(o, texts=every(o.texts), feedback=every(o.feedback)) for o in item.options
        ),
        pairs=tuple(Pair(every(p.left), every(p.right)) for p in item.pairs),
    )


EVERY = [_in_every_language(item) for item in ALL]


def _invalid(schema, content: bytes) -> str | None:
    from lxml import etree

    document = etree.fromstring(content)
    return None if schema.validate(document) else str(schema.error_log)


def test_the_examples_cover_every_kind_in_every_language():
    assert {(item.kind, code) for item in EVERY for code in item.languages} == {
        (kind, code) for kind in KINDS for code in LANGUAGES
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("item", EVERY, ids=lambda item: item.name)
def test_every_kind_exported_validates_against_the_qti_schema(schema, item, language):
    """QTI 2.1.2 (imsqti_v2p1p2.xsd): each item file, in uz, ru and en, is schema-valid."""
    assert _invalid(schema, qti.write_item(item, language).content) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_item_file_of_an_exported_package_validates_against_the_qti_schema(schema, language):
    """QTI 2.1.2: every assessmentItem of the content package the bank exports is schema-valid."""
    files = _files(qti.write(ALL, language=language).content)
    items = {name: content for name, content in files.items() if name.startswith("items/")}
    assert len(items) == sum(len(item.languages) for item in ALL)
    assert {name: _invalid(schema, content) for name, content in items.items()} == dict.fromkeys(
        items
    )


def test_the_schema_refuses_what_qti_does_not_allow(schema):
    """The validation is real: an item without its required identifier is refused."""
    content = qti.write_item(ALL[0], "en").content.replace(b' identifier="', b' x="', 1)
    assert _invalid(schema, content) is not None


# Import ---------------------------------------------------------------------------------------


def test_the_ims_choice_example_imports_as_a_single_choice_item():
    result = qti.parse((DATA / "choice.xml").read_bytes())
    (item,) = result.items
    assert item.kind == "single"
    assert item.name == "Unattended Luggage"
    assert item.texts["en"].startswith("<p>Look at the text in the picture.</p>")
    assert item.texts["en"].endswith("What does it say?")
    assert [(o.texts["en"][:12], o.fraction) for o in item.options] == [
        ("You must sta", 1.0),
        ("Do not let s", 0.0),
        ("Remember you", 0.0),
    ]
    assert [(p.line, p.severity) for p in result.problems] == [(3, "warning")]
    assert "images/sign.png" in result.problems[0].message


def test_the_ims_text_entry_example_imports_as_short_text_with_its_case_sensitive_answers():
    result = qti.parse((DATA / "text_entry.xml").read_bytes())
    (item,) = result.items
    assert result.problems == ()
    assert item.kind == "short_text"
    assert item.case_sensitive
    assert [(o.texts, o.fraction) for o in item.options] == [
        ({"en": "York"}, 1.0),
        ({"en": "york"}, 0.5),
    ]
    assert "sun of\n                _____;<br/>" in item.texts["en"]


def test_the_ims_match_example_imports_its_pairs_and_warns_about_pair_credit():
    result = qti.parse((DATA / "match.xml").read_bytes(), language="en")
    (item,) = result.items
    assert item.kind == "matching"
    assert item.texts == _en(
        "Match the following characters to the Shakespeare play they appeared in:"
    )
    assert item.pairs[1] == Pair(_en("Demetrius"), _en("A Midsummer-Night's Dream"))
    assert len(item.pairs) == 4
    assert [(p.line, p.message) for p in result.problems] == [(2, qti.PAIR_CREDIT_DROPPED)]


CHOICE = """<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="Q1" title="Q1"
    adaptive="false" timeDependent="false" xml:lang="{lang}">
  <responseDeclaration identifier="RESPONSE" cardinality="{cardinality}" baseType="identifier">
    <correctResponse>{correct}</correctResponse>{mapping}
  </responseDeclaration>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" maxChoices="0">
      <prompt>Which?</prompt>
      <simpleChoice identifier="H">H</simpleChoice>
      <simpleChoice identifier="O">O</simpleChoice>
      <simpleChoice identifier="Cl">Cl</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>"""


def _choice(
    correct: str = "<value>H</value>", cardinality="single", mapping="", lang="en-GB"
) -> bytes:
    return CHOICE.format(
        correct=correct, cardinality=cardinality, mapping=mapping, lang=lang
    ).encode()


def test_a_mapping_with_a_penalty_is_read_as_credit_shares():
    mapping = """<mapping lowerBound="0" upperBound="2" defaultValue="-2">
      <mapEntry mapKey="H" mappedValue="1"/><mapEntry mapKey="O" mappedValue="1"/></mapping>"""
    result = qti.parse(_choice("<value>H</value><value>O</value>", "multiple", mapping))
    assert [o.fraction for o in result.items[0].options] == [0.5, 0.5, -1.0]
    assert result.problems == ()


def test_all_or_nothing_multiple_response_is_read_with_equal_shares_and_a_warning():
    result = qti.parse(_choice("<value>H</value><value>O</value>", "multiple"))
    assert [o.fraction for o in result.items[0].options] == [0.5, 0.5, 0.0]
    assert [p.message for p in result.problems] == [qti.ALL_OR_NOTHING]


def test_an_item_in_another_language_is_read_as_the_importers_language_with_a_warning():
    result = qti.parse(_choice(lang="de"), language="ru")
    assert result.items[0].texts == {"ru": "Which?"}
    assert "“de”" in result.problems[0].message


# Problems -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (b"", None, "empty"),
        (b"<assessmentItem>\n<itemBody>\n</assessmentItem>", 3, "mismatched tag"),
        (b"<quiz><question/></quiz>", 1, "not <assessmentItem>"),
        (b'<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"/>', 1, "test"),
        (b"PK\x03\x04 broken", None, "not a ZIP archive"),
    ],
)
def test_bad_qti_gives_one_problem_and_no_exception(data, line, reason):
    (problem,) = qti.parse(data).problems
    assert problem.line == line
    assert reason in problem.message


def test_a_dtd_is_refused_before_any_entity_is_expanded():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1">&lol2;</assessmentItem>
"""
    (problem,) = qti.parse(bomb).problems
    assert problem.line == 2
    assert "DTD" in problem.message
    xxe = b'<?xml version="1.0"?><!DOCTYPE q SYSTEM "file:///etc/passwd"><assessmentItem/>'
    assert "refused" in qti.parse(xxe).problems[0].message


def test_a_correct_response_naming_no_choice_is_an_error_at_the_item_line():
    result = qti.parse(_choice("<value>Na</value>"))
    assert result.items == ()
    assert [(p.line, p.item, p.severity) for p in result.problems] == [(2, "Q1", "error")]
    assert "“Na”" in result.problems[0].message


def test_problems_in_a_package_name_the_file_and_the_line():
    manifest = """<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"><resources>
  <resource identifier="A" type="imsqti_item_xmlv2p1" href="items/a.xml"/>
  <resource identifier="B" type="imsqti_item_xmlv2p1" href="items/b.xml"/>
  <resource identifier="C" type="imsqti_item_xmlv2p1" href="items/missing.xml"/>
</resources></manifest>"""
    data = _package(
        {
            "imsmanifest.xml": manifest,
            "items/a.xml": _choice(),
            "items/b.xml": b"<assessmentItem>\n\n<oops></assessmentItem>",
        }
    )
    result = qti.parse(data)
    assert [i.texts for i in result.items] == [_en("Which?")]
    assert [(p.line, p.message[:28]) for p in result.problems] == [
        (3, "In items/b.xml: The file is "),
        (4, "In imsmanifest.xml: The mani"),
    ]


def test_a_zip_without_a_manifest_or_items_is_explained():
    assert qti.parse(_package({"a.xml": _choice()})).problems[0].message == qti.NO_MANIFEST
    empty = _package({"imsmanifest.xml": "<manifest><resources/></manifest>"})
    (problem,) = qti.parse(empty).problems
    assert problem.message == "In imsmanifest.xml: " + qti.NO_ITEMS
    assert problem.line == 1


def test_a_language_version_that_differs_is_kept_as_a_separate_item():
    files = _files(qti.write(EXAMPLES[:1]).content)
    russian = files["items/HYD-SINGLE-1-ru.xml"].replace(b"<value>A</value>", b"<value>B</value>")
    files["items/HYD-SINGLE-1-ru.xml"] = russian
    result = qti.parse(_package(files))
    assert [sorted(item.texts) for item in result.items] == [["en", "uz"], ["ru"]]
    assert "Russian version" in result.problems[0].message


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_qti_never_raises_on_any_bytes(data):
    qti.parse(data)
    qti.parse(b'<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1">' + data)
    body = b"<itemBody>" + data + b"</itemBody></assessmentItem>"
    qti.parse(_choice().split(b"<itemBody>")[0] + body)
    qti.parse(
        _package(
            {
                "imsmanifest.xml": _files(qti.write(EXAMPLES[:1]).content)["imsmanifest.xml"],
                "items/HYD-SINGLE-1-en.xml": data,
            }
        )
    )


@settings(max_examples=60, deadline=None)
@given(
    stem=st.text(alphabet=st.sampled_from(list("ab <>&\"';/pbi=")), min_size=1, max_size=40),
    answer=st.text(alphabet=st.sampled_from(list("ab <>&\"'")), min_size=1, max_size=10),
)
def test_any_text_round_trips(stem, answer):
    stem, answer = stem.strip(), answer.strip()
    if not stem or not answer:
        return
    item = ItemDraft(
        kind="short_text", name="T", texts=_en(stem), options=(Option(_en(answer), 1.0),)
    )
    again = qti.parse(qti.write([item]).content)
    assert list(again.items) == [item]


# The bank's import ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_bank_reads_qti_xml_and_packages_and_still_reads_moodle_xml():
    item = read_bank("item.xml", (DATA / "choice.xml").read_bytes(), "en", ("TEC-01",))
    assert [i.kind for i in item.items] == ["single"]
    package = read_bank("bank.zip", qti.write(EXAMPLES).content, "en")
    assert [i.name for i in package.items] == [i.name for i in EXAMPLES]
    moodle = b"""<quiz><question type="truefalse"><name><text>T</text></name>
<questiontext><text>Static pressure grows with depth.</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
<tags><tag><text>competency:TEC-01</text></tag></tags></question></quiz>"""
    assert [i.truth for i in read_bank("quiz.xml", moodle, "en").items] == [True]
