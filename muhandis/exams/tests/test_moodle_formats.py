"""GIFT and Moodle XML read as Moodle reads them (issue 13).

Each test names its source: Moodle's GIFT format documentation (docs.moodle.org/en/GIFT_format)
and ``qformat_gift::readquestion`` in ``question/format/gift/format.php``; Moodle's XML format
documentation (docs.moodle.org/en/Moodle_XML_format) and ``qformat_xml`` in
``question/format/xml/format.php``. docs/conformance/question-formats.md lists every rule."""

import base64

import pytest
from django.core.exceptions import ValidationError

from muhandis.core.models import AuditEntry
from muhandis.exams.bank.importing import import_bank, read_bank
from muhandis.exams.formats import gift, items, moodle_xml
from muhandis.exams.formats.items import Image, ItemDraft, Option, Pair
from muhandis.exams.models import Item

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 24
GIF = b"GIF89a" + b"\x00" * 24


def _en(text: str) -> dict[str, str]:
    return {"en": text}


def _one(text: str) -> tuple[ItemDraft, list[str]]:
    result = gift.parse(text)
    (item,) = result.items
    return item, [p.message for p in result.problems]


# GIFT: the type, in readquestion's order of checks ----------------------------------------------


def test_gift_tilde_answers_with_arrows_are_multiple_choice_not_matching():
    """readquestion: "Only Multiplechoice questions contain tilde ~" is checked before
    matching ("= and ->"), so "->" inside choices is text."""
    item, problems = _one("::Q:: Which flows? {~a -> b =c -> d}")
    assert item.kind == "single"
    assert item.options == (Option(_en("a -> b"), 0.0), Option(_en("c -> d"), 1.0))
    assert problems == []


def test_gift_short_answer_without_equals_is_an_accepted_answer():
    """readquestion, shortanswer: explode("=") keeps text before the first "=" as an answer
    with full credit, so {One} is a short answer "One"."""
    item, problems = _one("Name the gauge. {Manometer}")
    assert (item.kind, item.options) == ("short_text", (Option(_en("Manometer"), 1.0),))
    item, _ = _one("Name the gauge. {Manometer =Piezometer}")
    assert [o.texts["en"] for o in item.options] == ["Manometer", "Piezometer"]
    assert problems == []


def test_gift_text_before_the_first_tilde_is_a_wrong_choice():
    """readquestion, multichoice: explode("~") keeps a non-empty first piece (weight 0)."""
    item, _ = _one("Q {Grant ~Jefferson =no one}")
    assert [(o.texts["en"], o.fraction) for o in item.options] == [
        ("Grant", 0.0),
        ("Jefferson", 0.0),
        ("no one", 1.0),
    ]


def test_gift_numeric_answer_with_feedback_for_any_other_number():
    """readquestion, numerical: from the first "~" on is the feedback for any other answer
    (Moodle's "*" answer), so {#=3:2 ~#Completely wrong} is 3 ± 2."""
    item, problems = _one("::N:: How many? {#=3:2 ~#Completely wrong}")
    assert (item.kind, item.answer, item.tolerance) == ("numeric", 3.0, 2.0)
    assert problems == [gift.OTHER_NUMBER_FEEDBACK_DROPPED]
    item, problems = _one("::N:: How many? {#3:2 ~}")
    assert (item.answer, problems) == (3.0, [])


def test_gift_several_equals_plus_a_tilde_is_single_choice_with_several_right_answers():
    """readquestion, multichoice: single when any answer is "="; each "=" answer gets 100%."""
    item, problems = _one("::S:: Which are SI units? {=metre =kilogram ~foot}")
    assert item.kind == "single"
    assert [o.fraction for o in item.options] == [1.0, 1.0, 0.0]
    assert problems == [items.SEVERAL_FULL.format(labels="A, B")]


def test_gift_matching_pair_without_a_prompt_is_an_extra_wrong_answer():
    """readquestion, match: "= -> Chat" has an empty subquestion, which Moodle keeps as an
    extra wrong answer; the item model has none, so it is named and left out."""
    item, problems = _one("::M:: Match. {=cat -> Mushuk =dog -> It =cow -> Sigir = -> Chat}")
    assert item.kind == "matching"
    assert [p.right["en"] for p in item.pairs] == ["Mushuk", "It", "Sigir"]
    assert problems == [gift.DISTRACTOR_DROPPED.format(answers="Chat")]


def test_gift_true_false_is_only_t_true_f_false_in_capitals():
    """readquestion: in_array($truefalsecheck, ['T', 'TRUE', 'F', 'FALSE']) is case-sensitive;
    anything else is a short answer, which a warning points out."""
    assert _one("Water boils at 100 °C. {TRUE#Wrong.#Right.}")[0].truth is True
    item, problems = _one("Water boils at 100 °C. {true}")
    assert (item.kind, item.options) == ("short_text", (Option(_en("true"), 1.0),))
    assert problems == [gift.TRUTH_READ_AS_SHORT_TEXT.format(text="true")]


def test_gift_title_without_closing_colons_is_read_from_after_them():
    """readquestion, name parser: no closing "::" means no name; the text starts after "::"."""
    item, problems = _one("::T Velocity? {T}")
    assert (item.name, item.texts, item.truth) == ("", _en("T Velocity?"), True)
    assert problems == [gift.TITLE_NOT_CLOSED]


def test_gift_answers_inside_the_text_are_replaced_by_a_blank_as_moodle_does():
    """readquestion: substr_replace($text, "_____", …) keeps the text around the answers as
    it is, so punctuation right after the braces stays next to the blank."""
    item, _ = _one("Pi to three decimals is {#3.1415:0.0005}.")
    assert item.texts == _en("Pi to three decimals is _____.")
    item, _ = _one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert item.texts == _en("Grant is _____ in Grant's tomb.")


def test_gift_general_feedback_is_after_the_last_four_hashes():
    """readquestion: strrpos($answertext, '####')."""
    item, _ = _one("Q {=a ~b ####See #4 ####Sub-Clause 20.}")
    assert item.feedback == _en("Sub-Clause 20.")


# GIFT: format markers, comments, categories -----------------------------------------------------


def test_gift_format_markers_are_read_and_removed_from_stems_answers_and_feedback():
    """parse_text_with_format: a leading [html], [plain], [moodle] or [markdown] is the text's
    format and is removed, for the stem, each answer and feedback, and matching prompts."""
    item, problems = _one(
        "[html]<p>Which?</p> {=[plain]Darcy #[markdown]**Right** ~[moodle]Chezy "
        "####[html]<b>Both are empirical.</b>}"
    )
    assert item.texts == _en("<p>Which?</p>")
    assert item.options == (
        Option(_en("Darcy"), 1.0, _en("**Right**")),
        Option(_en("Chezy"), 0.0),
    )
    assert item.feedback == _en("<b>Both are empirical.</b>")
    assert problems == [gift.HTML_KEPT]
    matching, _ = _one("[markdown]Match. {=[plain]a -> b =[html]c -> d}")
    assert matching.texts == _en("Match.")
    assert matching.pairs == (Pair(_en("a"), _en("b")), Pair(_en("c"), _en("d")))
    numeric, _ = _one("[moodle]How many? {#[plain]3:1}")
    assert (numeric.texts, numeric.answer) == (_en("How many?"), 3.0)


def test_gift_an_unknown_bracket_is_text():
    """format_name_to_const returns -1 for an unknown name, and the text is kept whole."""
    item, _ = _one("[note] Which? {=a ~b}")
    assert item.texts == _en("[note] Which?")


def test_gift_comments_give_the_item_its_id_number_and_tags():
    """extract_idnumber_and_tags_from_comment (Moodle 3.6+): [id:…] once, [tag:…] any number
    of times, "\\]" standing for "]"; only the question's own comment lines count."""
    result = gift.parse(
        "// [tag:not-this-one]\n"
        "\n"
        "// question: 12  name: Velocity\n"
        "// [id:HYD-7] [tag:pipes]\n"
        "// [tag:flow\\]rate]\n"
        "::Velocity:: Mean velocity? {#0.95:0.01}\n"
    )
    (item,) = result.items
    assert item.idnumber == "HYD-7"
    assert item.tags == ("pipes", "flow]rate")
    assert items.to_content(item)["idnumber"] == "HYD-7"


def test_gift_id_number_and_tags_are_written_back_as_moodle_writes_them():
    item = ItemDraft(
        kind="true_false",
        name="T-1",
        texts=_en("Q"),
        truth=True,
        idnumber="T]1",
        tags=("pipes", "category:top/Hydraulics"),
    )
    written = gift.write([item])
    assert "// [id:T\\]1] [tag:pipes]\n::T-1::Q {TRUE}" in written.content
    assert written.problems == ()
    assert list(gift.parse(written.content).items) == [item]


def test_gift_answers_starting_like_a_format_marker_read_back_as_written():
    item = ItemDraft(
        kind="single",
        texts=_en("[html] is a marker"),
        options=(Option(_en("[plain] text"), 1.0, _en("[markdown]")), Option(_en("other"))),
    )
    assert list(gift.parse(gift.write([item]).content).items) == [item]


def test_a_gift_file_with_only_categories_says_so():
    """readquestion: "$CATEGORY:" makes a category; the bank keeps categories as item tags,
    so a file of categories alone is explained rather than silently empty."""
    result = gift.parse("$CATEGORY: $course$/top/Hydraulics\n\n$CATEGORY: $course$/top/Dams\n")
    assert result.items == ()
    assert [p.message for p in result.problems] == [
        gift.ONLY_CATEGORIES.format(categories="$course$/top/Hydraulics, $course$/top/Dams")
    ]
    assert result.problems[0].severity == "warning"


# One bad question does not block the file -------------------------------------------------------

MIXED = """\
::Good-1:: A 200 mm pipe carries 30 l/s. Mean velocity in m/s? {#0.955:0.01}

::Broken:: Which contract? {=Red Book ~Yellow Book

::One-choice:: Which? {~only}

::Good-2:: Which equation? {=Darcy ~Bernoulli}
"""


@pytest.mark.django_db
def test_a_bank_with_bad_questions_lists_them_and_imports_the_others(examiner):
    result = read_bank("bank.gift", MIXED.encode(), "en", default_competencies=("TEC-01",))
    assert [item.name for item in result.items] == ["Good-1", "Good-2"]
    errors = list(dict.fromkeys((p.line, p.item) for p in result.errors))
    assert errors == [(3, "Broken"), (5, "One-choice")]
    made = import_bank(result=result, actor=examiner, code_prefix="HYD-")
    assert [item.code for item in made] == ["HYD-0001", "HYD-0002"]


@pytest.mark.django_db
def test_a_problem_with_the_file_itself_still_stops_it_all(examiner):
    result = read_bank("bank.xml", b"<notquiz/>", "en")
    assert result.items == ()
    with pytest.raises(ValidationError, match="nothing was imported"):
        import_bank(result=result, actor=examiner, code_prefix="X-")


# Moodle XML ------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _quiz(*questions: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n<quiz>\n" + "\n".join(questions) + "</quiz>"
    ).encode()


def _essay(text: str, extra: str = "", files: str = "") -> str:
    return f"""<question type="essay">
  <name><text>E-1</text></name>
  <questiontext format="html"><text><![CDATA[{text}]]></text>{files}</questiontext>
  {extra}
  <graderinfo format="html"><text>Rubric.</text></graderinfo>
</question>
"""


def test_moodle_xml_keeps_each_questions_id_number_and_writes_it_back():
    """import_headers: $qo->idnumber from <idnumber>; writequestion writes it."""
    result = moodle_xml.parse(_quiz(_essay("Q", extra="<idnumber>FIDIC-7</idnumber>")))
    (item,) = result.items
    assert item.idnumber == "FIDIC-7"
    written = moodle_xml.write([item]).content
    assert b"<idnumber>FIDIC-7</idnumber>" in written
    assert list(moodle_xml.parse(written).items) == [item]


def test_moodle_xml_embedded_images_become_item_images_and_links_become_references():
    """import_text_with_files: <file name path encoding="base64"> in a text; the text links it
    as @@PLUGINFILE@@/name (URL-encoded). PNG and JPEG become [image:N]."""
    files = (
        f'<file name="site plan.png" path="/" encoding="base64">{_b64(PNG)}</file>'
        f'<file name="pump.jpg" path="/" encoding="base64">\n{_b64(JPEG)}\n</file>'
    )
    text = (
        '<p>See <img src="@@PLUGINFILE@@/site%20plan.png" alt="Site &amp; plan" width="20"> '
        "and <img alt='Pump' src='@@PLUGINFILE@@/pump.jpg'/>.</p>"
    )
    result = moodle_xml.parse(_quiz(_essay(text, files=files)))
    (item,) = result.items
    assert item.texts == _en("<p>See [image:1] and [image:2].</p>")
    assert item.images == (
        Image("site plan.png", PNG, "image/png", _en("Site & plan")),
        Image("pump.jpg", JPEG, "image/jpeg", _en("Pump")),
    )
    assert [p.severity for p in result.problems] == []
    written = moodle_xml.write([item]).content
    assert b"@@PLUGINFILE@@/site%20plan.png" in written
    assert list(moodle_xml.parse(written).items) == [item]


def test_moodle_xml_images_in_answers_and_feedback_are_linked_too():
    question = f"""<question type="multichoice">
  <name><text>M-1</text></name>
  <questiontext format="html"><text>Which?</text></questiontext>
  <single>true</single>
  <answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/a.png">]]></text>
    <file name="a.png" path="/" encoding="base64">{_b64(PNG)}</file></answer>
  <answer fraction="0" format="html"><text>None</text></answer>
</question>
"""
    (item,) = moodle_xml.parse(_quiz(question)).items
    assert item.options[0].texts == _en("[image:1]")
    assert item.images[0].name == "a.png"


def test_moodle_xml_files_that_are_not_images_or_not_base64_are_named():
    files = (
        f'<file name="anim.gif" path="/" encoding="base64">{_b64(GIF)}</file>'
        '<file name="bad.png" path="/" encoding="base64">***</file>'
    )
    result = moodle_xml.parse(_quiz(_essay('<img src="@@PLUGINFILE@@/anim.gif">', files=files)))
    (item,) = result.items
    assert item.images == ()
    assert [p.message for p in result.problems] == [
        moodle_xml.FILE_NOT_BASE64.format(name="bad.png"),
        moodle_xml.FILES_NOT_IMAGES.format(names="anim.gif"),
    ]


def test_moodle_19_image_field_is_shown_after_the_question_text():
    """import_headers, "Backwards compatibility, deal with the old image tag": <image> with
    <image_base64> becomes a file ("/" made "_") shown after the question text."""
    old = f"<image>pics/dam.png</image><image_base64>{_b64(PNG)}</image_base64>"
    (item,) = moodle_xml.parse(_quiz(_essay("Describe the dam.", extra=old))).items
    assert item.texts == _en("Describe the dam. [image:1]")
    assert item.images == (Image("pics_dam.png", PNG, "image/png"),)
    result = moodle_xml.parse(_quiz(_essay("Describe.", extra="<image>dam.png</image>")))
    assert [p.message for p in result.problems] == [
        moodle_xml.IMAGE_NOT_IN_FILE.format(name="dam.png")
    ]


def test_moodle_xml_cloze_questions_are_refused_whole_with_the_reason():
    cloze = """<question type="multianswer">
  <name><text>C-1</text></name>
  <questiontext format="html"><text>Water boils at {1:NUMERICAL:=100} °C.</text></questiontext>
</question>
"""
    result = moodle_xml.parse(_quiz(cloze, _essay("Q")))
    assert [item.name for item in result.items] == ["E-1"]
    (problem,) = result.problems
    assert (problem.item, problem.message, problem.line) == ("C-1", moodle_xml.CLOZE_REFUSED, 3)


@pytest.mark.django_db
def test_imported_moodle_xml_images_are_the_items_images(examiner):
    files = f'<file name="plan.png" path="/" encoding="base64">{_b64(PNG)}</file>'
    text = '<p>Read the plan. <img src="@@PLUGINFILE@@/plan.png" alt="Plan"></p>'
    data = _quiz(_essay(text, files=files))
    result = read_bank("bank.xml", data, "en", default_competencies=("TEC-01",))
    (item,) = import_bank(result=result, actor=examiner, code_prefix="IMG-")
    image = item.images.get()
    assert (image.number, image.content_type, image.alt) == (1, "image/png", _en("Plan"))
    assert item.versions.get().content["texts"] == _en("<p>Read the plan. [image:1]</p>")
    assert AuditEntry.objects.filter(action="exams.item.image_added").count() == 1
    assert Item.objects.count() == 1
