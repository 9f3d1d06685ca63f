import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from muhandis.accounts.tests.factories import make_person
from muhandis.competencies.models import Competency
from muhandis.core.models import AuditEntry
from muhandis.exams import format_messages
from muhandis.exams.bank import services
from muhandis.exams.bank.importing import read_bank
from muhandis.exams.formats import gift, items, moodle_xml, spreadsheet
from muhandis.exams.models import Item, ItemImage, ItemVersion

pytestmark = pytest.mark.django_db

SINGLE = {
    "texts": {"en": "Which equation gives friction head loss?", "ru": "Какое уравнение?"},
    "options": [
        {"texts": {"en": "Darcy–Weisbach", "ru": "Дарси–Вейсбаха"}, "fraction": 1.0},
        {"texts": {"en": "Bernoulli", "ru": "Бернулли"}, "fraction": 0.0},
    ],
}
NUMERIC = {
    "texts": {"en": "A 200 mm pipe carries 30 l/s. Mean velocity?"},
    "answer": 0.955,
    "tolerance": 0.01,
    "units": "m/s",
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
GIFT_WITH_A_BROKEN_QUESTION = """// Hydraulics
::Velocity:: A 200 mm pipe carries 30 l/s. Mean velocity in m/s? {#0.955:0.01}

::Broken:: Which contract? {=Red Book ~Yellow Book
"""


@pytest.fixture
def tec():
    return Competency.objects.filter(code="TEC-01")[:1]


@pytest.fixture
def reviewer(db):
    return make_person("examiner", two_factor=True)


@pytest.fixture
def item(examiner, tec):
    return services.create_item(
        actor=examiner, code="TEC-01-0001", kind="single", content=SINGLE, competencies=tec
    )


@pytest.fixture
def active_items(examiner, reviewer, registrar, tec):
    made = []
    for code, kind, content in (("HYD-1", "single", SINGLE), ("HYD-2", "numeric", NUMERIC)):
        made.append(
            services.create_item(
                actor=examiner, code=code, kind=kind, content=content, competencies=tec
            )
        )
        version = made[-1].versions.get()
        services.review(version=version, actor=reviewer)
        services.activate(version=version, actor=registrar)
    return made


def _tags_of(item) -> dict:
    """What the edit form sends back for the item's tags when they are left as they are."""
    return {
        "difficulty": str(item.difficulty),
        "competencies": [str(pk) for pk in item.competencies.values_list("pk", flat=True)],
        "schemes": [str(pk) for pk in item.schemes.values_list("pk", flat=True)],
    }


def _single_form(**changes) -> dict:
    data = {
        "code": "TEC-01-0100",
        "kind": "single",
        "difficulty": "2",
        "competencies": [str(c.pk) for c in Competency.objects.filter(code="TEC-01")[:1]],
        "text_en": "Which book puts design on the contractor?",
        "text_ru": "Какая книга возлагает проектирование на подрядчика?",
        "option_0_credit": "100",
        "option_0_en": "Yellow Book",
        "option_0_ru": "Жёлтая книга",
        "option_1_credit": "0",
        "option_1_en": "Red Book",
        "option_1_ru": "Красная книга",
    }
    data.update(changes)
    return data


# Who may open what ---------------------------------------------------------------------------

# (url name, kwargs, method); kwargs may name the fixture object whose pk they take.
URLS = [
    ("bank_list", {}, "get"),
    ("bank_new", {}, "get"),
    ("bank_item", {"pk": "item"}, "get"),
    ("bank_edit", {"pk": "item"}, "get"),
    ("bank_retire", {"pk": "item"}, "post"),
    ("bank_image_add", {"pk": "item"}, "post"),
    ("bank_image", {"pk": "item", "number": 1}, "get"),
    ("bank_review", {"pk": "version"}, "post"),
    ("bank_activate", {"pk": "version"}, "post"),
    ("bank_import", {}, "get"),
    ("bank_import_confirm", {}, "post"),
    ("bank_import_template", {}, "get"),
    ("bank_export", {}, "get"),
]


def _url(name, kwargs, item):
    values = {"item": item.pk, "version": item.versions.get().pk}
    return reverse(f"exams:{name}", kwargs={k: values.get(v, v) for k, v in kwargs.items()})


@pytest.mark.parametrize(("name", "kwargs", "method"), URLS)
def test_anonymous_visitors_strangers_and_candidates_are_refused(
    client, item, stranger, engineer, name, kwargs, method
):
    ItemImage.objects.create(
        item=item, number=1, file=SimpleUploadedFile("a.png", PNG), content_type="image/png"
    )
    url = _url(name, kwargs, item)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    for person in (stranger, engineer):
        client.force_login(person)
        assert getattr(client, method)(url).status_code == 403
    assert not AuditEntry.objects.filter(action="exams.item.viewed").exists()
    assert item.versions.get().status == ItemVersion.Status.DRAFT


def test_the_exam_manager_does_not_write_and_examiners_do_not_activate_or_retire(
    client, item, registrar, reviewer
):
    client.force_login(registrar)
    assert client.get(reverse("exams:bank_new")).status_code == 403
    assert client.get(reverse("exams:bank_import")).status_code == 403
    client.force_login(reviewer)
    version = item.versions.get()
    activate = reverse("exams:bank_activate", kwargs={"pk": version.pk})
    assert client.post(activate).status_code == 403
    retire = reverse("exams:bank_retire", kwargs={"pk": item.pk})
    assert client.post(retire, {"reason": "old"}).status_code == 403


# The list and the item page ----------------------------------------------------------------------


def test_the_list_finds_items_by_text_kind_status_and_language(
    client, examiner, registrar, active_items, item
):
    for person in (examiner, registrar):
        client.force_login(person)
        page = client.get(reverse("exams:bank_list")).content.decode()
        assert "HYD-1" in page
        assert "HYD-2" in page
        assert "TEC-01-0001" in page
        assert "v1 active" in page
        assert "v1 draft" in page
    url = reverse("exams:bank_list")
    found = client.get(url, {"q": "velocity"}).content.decode()
    assert "HYD-2" in found
    assert "HYD-1" not in found
    found = client.get(url, {"kind": "single", "status": "draft"}).content.decode()
    assert "TEC-01-0001" in found
    assert "HYD-1" not in found
    found = client.get(url, {"language": "ru"}).content.decode()
    assert "HYD-1" in found
    assert "HYD-2" not in found
    area = Competency.objects.filter(code="TEC-01").first().area.code
    assert "HYD-2" in client.get(url, {"area": area}).content.decode()
    other = Competency.objects.exclude(area__code=area).first().area.code
    assert "No item matches." in client.get(url, {"area": other}).content.decode()


def test_the_list_reads_the_same_number_of_queries_for_more_items(
    client, examiner, tec, django_assert_max_num_queries
):
    for number in range(3):
        services.create_item(
            actor=examiner, code=f"A-{number}", kind="numeric", content=NUMERIC, competencies=tec
        )
    client.force_login(examiner)
    url = reverse("exams:bank_list")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for number in range(3, 15):
        services.create_item(
            actor=examiner, code=f"A-{number}", kind="numeric", content=NUMERIC, competencies=tec
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "A-14" in client.get(url).content.decode()


def test_the_item_page_shows_the_content_and_history_and_records_the_view(client, item, registrar):
    client.force_login(registrar)
    page = client.get(reverse("exams:bank_item", kwargs={"pk": item.pk})).content.decode()
    assert "Darcy–Weisbach" in page
    assert "Дарси–Вейсбаха" in page
    assert "correct" in page
    assert "100%" in page
    assert f"wrote the item {item.code}" in page  # the history, as sentences
    assert "Activate" not in page  # a draft is reviewed first
    assert AuditEntry.objects.filter(action="exams.item.viewed", actor=registrar).count() == 1


def test_review_by_another_examiner_then_activation_and_retirement_with_a_reason(
    client, item, examiner, reviewer, registrar
):
    version = item.versions.get()
    review = reverse("exams:bank_review", kwargs={"pk": version.pk})
    client.force_login(examiner)
    page = client.post(review, follow=True).content.decode()
    assert "Someone other than the author must review an item." in page
    client.force_login(reviewer)
    item_page = client.get(reverse("exams:bank_item", kwargs={"pk": item.pk}))
    assert "Mark as reviewed" in item_page.content.decode()
    client.post(review)
    client.force_login(registrar)
    client.post(reverse("exams:bank_activate", kwargs={"pk": version.pk}))
    version.refresh_from_db()
    assert version.status == ItemVersion.Status.ACTIVE
    retire = reverse("exams:bank_retire", kwargs={"pk": item.pk})
    refused = client.post(retire, {"reason": ""})
    assert refused.status_code == 400
    client.post(retire, {"reason": "The standard changed."})
    version.refresh_from_db()
    assert version.status == ItemVersion.Status.RETIRED
    entry = AuditEntry.objects.get(action="exams.item.retired")
    assert entry.reason == "The standard changed."


# Writing -----------------------------------------------------------------------------------------


def test_the_write_form_creates_a_draft_in_two_languages(client, examiner):
    client.force_login(examiner)
    response = client.post(reverse("exams:bank_new"), _single_form())
    item = Item.objects.get(code="TEC-01-0100")
    assert response.status_code == 302
    version = item.versions.get()
    assert version.status == ItemVersion.Status.DRAFT
    assert version.languages == ["ru", "en"]
    assert [o["fraction"] for o in version.content["options"]] == [1.0, 0.0]
    assert version.content["options"][0]["texts"]["ru"] == "Жёлтая книга"
    assert read_back(version).kind == "single"


def read_back(version):
    from muhandis.exams.bank.forms import version_draft

    return version_draft(version)


KIND_FORMS = [
    ("true_false", {"truth": "false"}, {"truth": False}),
    ("numeric", {"answer": "9.81", "tolerance": "0.01", "units": "m/s²"}, {"answer": 9.81}),
    (
        "matching",
        {
            "pair_0_left_en": "Pump",
            "pair_0_right_en": "Head",
            "pair_1_left_en": "Pipe",
            "pair_1_right_en": "Friction",
        },
        {
            "pairs": [
                {"left": {"en": "Pump"}, "right": {"en": "Head"}},
                {"left": {"en": "Pipe"}, "right": {"en": "Friction"}},
            ]
        },
    ),
    (
        "short_text",
        {"option_0_credit": "100", "option_0_en": "weir", "case_sensitive": "on"},
        {"case_sensitive": True},
    ),
    (
        "essay",
        {"rubric_en": "Two marks for the formula."},
        {"rubric": {"en": "Two marks for the formula."}},
    ),
    (
        "multiple",
        {
            "option_0_credit": "50",
            "option_0_en": "Yellow",
            "option_1_credit": "50",
            "option_1_en": "Silver",
            "option_2_credit": "-50",
            "option_2_en": "Red",
        },
        {
            "options": [
                {"texts": {"en": "Yellow"}, "fraction": 0.5, "feedback": {}},
                {"texts": {"en": "Silver"}, "fraction": 0.5, "feedback": {}},
                {"texts": {"en": "Red"}, "fraction": -0.5, "feedback": {}},
            ]
        },
    ),
]


@pytest.mark.parametrize(("kind", "fields", "stored"), KIND_FORMS)
def test_the_write_form_makes_every_kind_of_item(client, examiner, kind, fields, stored):
    client.force_login(examiner)
    data = {
        "code": f"K-{kind}",
        "kind": kind,
        "difficulty": "1",
        "competencies": [str(c.pk) for c in Competency.objects.filter(code="TEC-01")[:1]],
        "text_en": "A question",
        **fields,
    }
    assert client.post(reverse("exams:bank_new"), data).status_code == 302
    content = Item.objects.get(code=f"K-{kind}").versions.get().content
    assert content["kind"] == kind
    for key, value in stored.items():
        assert content[key] == value
    draft = read_back(Item.objects.get(code=f"K-{kind}").versions.get())
    assert items.check(draft) == []


def test_an_item_with_more_options_than_the_form_shows_keeps_them_all(client, examiner, tec):
    options = [{"texts": {"en": f"Option {n}"}, "fraction": float(n == 0)} for n in range(8)]
    content = {"texts": {"en": "Which?"}, "options": options}
    item = services.create_item(
        actor=examiner, code="MANY", kind="single", content=content, competencies=tec
    )
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": item.pk})
    assert 'value="Option 7"' in client.get(url).content.decode()
    data = {"text_en": "Which one?", "option_0_credit": "100", **_tags_of(item)}
    data |= {f"option_{n}_en": f"Option {n}" for n in range(8)}
    client.post(url, data)
    assert len(item.versions.get().content["options"]) == 8


def test_inconsistent_content_is_refused_with_a_readable_message(client, examiner):
    client.force_login(examiner)
    two_right = _single_form(option_1_credit="100", option_1_ru="")
    response = client.post(reverse("exams:bank_new"), two_right)
    page = response.content.decode()
    assert response.status_code == 400
    # Several fully correct options are allowed (as in Moodle's single choice): a warning only.
    assert "at least one fully correct option" not in page
    assert "Option B has no Russian text, but the question has." in page
    assert not Item.objects.exists()


def test_a_format_message_is_shown_in_the_readers_language(monkeypatch):
    ru = {items.SINGLE_NEEDS_ONE: "Нужен ровно один верный вариант; их {count}."}
    monkeypatch.setattr(format_messages, "gettext", lambda text: ru.get(text, text))
    english = items.SINGLE_NEEDS_ONE.format(count=2)
    assert format_messages.translate(english) == "Нужен ровно один верный вариант; их 2."
    assert format_messages.translate("Not a format message.") == "Not a format message."


def test_every_message_of_the_formats_is_listed_for_translation():
    constants = {
        value
        for module in (items, gift, moodle_xml, spreadsheet)
        for key, value in vars(module).items()
        if key.isupper() and isinstance(value, str) and " " in value.strip()
    }
    assert constants - set(format_messages.MESSAGES) == set()


def test_editing_an_active_item_makes_a_new_draft_and_keeps_the_active_one(
    client, active_items, examiner
):
    item = active_items[1]
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": item.pk})
    page = client.get(url).content.decode()
    assert 'value="0.955"' in page
    assert 'value="m/s"' in page
    tags = _tags_of(item)
    response = client.post(
        url, {"text_en": NUMERIC["texts"]["en"], "answer": "0.96", "tolerance": "-1", **tags}
    )
    assert response.status_code == 400  # a negative tolerance
    client.post(
        url, {"text_en": "Mean velocity, in m/s?", "answer": "0.96", "units": "m/s", **tags}
    )
    statuses = dict(item.versions.values_list("number", "status"))
    assert statuses == {1: "active", 2: "draft"}
    assert item.versions.get(number=2).content["answer"] == 0.96


def test_an_item_s_tags_change_without_a_new_version_and_on_the_record(
    client, active_items, examiner
):
    item = active_items[1]
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": item.pk})
    version = item.versions.get()
    other = Competency.objects.filter(code="TEC-02").first()
    data = {
        "text_en": version.content["texts"]["en"],
        "answer": str(version.content["answer"]),
        "tolerance": str(version.content["tolerance"]),
        "units": version.content["units"],
        **_tags_of(item),
        "difficulty": "3",
        "competencies": [str(other.pk)],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.difficulty == 3
    assert list(item.competencies.values_list("code", flat=True)) == ["TEC-02"]
    assert item.versions.count() == 1  # the wording did not change: no new draft
    entry = AuditEntry.objects.get(action="exams.item.retagged")
    assert entry.before["competencies"] == ["TEC-01"]
    assert entry.after == {**entry.before, "difficulty": 3, "competencies": ["TEC-02"]}
    refused = client.post(url, {**data, "competencies": []})
    assert refused.status_code == 400
    item.refresh_from_db()
    assert list(item.competencies.values_list("code", flat=True)) == ["TEC-02"]


def test_a_text_may_only_show_an_image_the_item_has(client, item, examiner):
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": item.pk})
    data = _single_form(text_en="See [image:1]. Which equation?")
    refused = client.post(url, data)
    assert "the item has no image 1" in refused.content.decode()
    upload = SimpleUploadedFile("pipe.png", PNG, content_type="image/png")
    add = reverse("exams:bank_image_add", kwargs={"pk": item.pk})
    client.post(add, {"file": upload, "alt_en": "A pipe network"})
    image = item.images.get()
    assert image.number == 1
    assert image.content_type == "image/png"
    assert len(image.sha256) == 64
    assert client.post(url, data).status_code == 302
    shown = client.get(reverse("exams:bank_image", kwargs={"pk": item.pk, "number": 1}))
    assert shown["Content-Type"] == "image/png"
    assert b"".join(shown.streaming_content) == PNG
    assert AuditEntry.objects.filter(action="exams.item.image_added").count() == 1
    page = client.get(reverse("exams:bank_item", kwargs={"pk": item.pk})).content.decode()
    image_url = reverse("exams:bank_image", kwargs={"pk": item.pk, "number": 1})
    assert f'src="{image_url}"' in page  # shown in place, as candidates will see it
    assert 'alt="A pipe network"' in page


def test_a_file_that_is_not_a_png_or_jpeg_is_refused_whatever_its_name(client, item, examiner):
    client.force_login(examiner)
    upload = SimpleUploadedFile("drawing.png", b"<svg></svg>", content_type="image/png")
    add = reverse("exams:bank_image_add", kwargs={"pk": item.pk})
    response = client.post(add, {"file": upload, "alt_en": "A drawing"})
    assert response.status_code == 400
    assert "not a PNG or JPEG image" in response.content.decode()
    assert not ItemImage.objects.exists()


# Import ------------------------------------------------------------------------------------------


def _upload(client, name: str, content: bytes, **fields):
    data = {
        "file": SimpleUploadedFile(name, content),
        "language": "en",
        "competencies": "TEC-01",
        "code_prefix": "HYD-",
        **fields,
    }
    return client.post(reverse("exams:bank_import"), data)


def test_the_import_preview_lists_a_broken_question_and_offers_the_others(client, examiner):
    """Issue 13 (GIFT as Moodle reads it): one bad question does not block the whole file."""
    client.force_login(examiner)
    response = _upload(client, "bank.gift", GIFT_WITH_A_BROKEN_QUESTION.encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert "<td>4</td>" in page  # the broken question starts on line 4
    assert "The brace “{” is never closed." in page
    assert "leaves a question out of the import" in page
    assert "Import this item as a draft" in page
    assert not Item.objects.exists()
    client.post(
        reverse("exams:bank_import_confirm"),
        {"token": response.context["confirm"]["token"].value()},
    )
    assert list(Item.objects.values_list("code", flat=True)) == ["HYD-0001"]
    entry = AuditEntry.objects.get(action="exams.bank.imported")
    assert (entry.after["items"], entry.after["errors"]) == (1, 1)


def test_a_file_whose_every_question_is_broken_offers_nothing(client, examiner):
    client.force_login(examiner)
    broken = GIFT_WITH_A_BROKEN_QUESTION.split("\n\n")[1]
    response = _upload(client, "bank.gift", broken.encode())
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing can be imported" in page
    assert "Import th" not in page


def test_spreadsheet_problems_name_the_row_and_column(client, examiner):
    client.force_login(examiner)
    csv = "kind,stem_en,difficulty,competencies\nessay,Describe a weir.,7,TEC-01\n"
    page = _upload(client, "bank.csv", csv.encode()).content.decode()
    assert "<td>2</td>" in page
    assert "<code>C</code>" in page
    assert "The difficulty “7” is not 1, 2 or 3." in page
    assert not Item.objects.exists()


def test_confirming_imports_exactly_the_previewed_file_as_drafts(client, examiner):
    client.force_login(examiner)
    good = GIFT_WITH_A_BROKEN_QUESTION.split("\n\n")[0] + "\n\n::Book:: Which? {=Red ~Yellow}\n"
    preview = _upload(client, "bank.gift", good.encode())
    assert preview.status_code == 200
    assert not Item.objects.exists()
    token = preview.context["confirm"]["token"].value()
    client.post(reverse("exams:bank_import_confirm"), {"token": token + "x"})
    assert not Item.objects.exists()  # a changed token is refused
    client.force_login(make_person("examiner", two_factor=True))
    client.post(reverse("exams:bank_import_confirm"), {"token": token})
    assert not Item.objects.exists()  # only the person who saw the preview confirms it
    client.force_login(examiner)
    client.post(reverse("exams:bank_import_confirm"), {"token": token})
    made = Item.objects.order_by("code")
    assert [(i.code, i.kind) for i in made] == [("HYD-0001", "numeric"), ("HYD-0002", "single")]
    assert set(ItemVersion.objects.values_list("status", flat=True)) == {"draft"}
    assert AuditEntry.objects.filter(action="exams.bank.imported").count() == 1


def test_the_spreadsheet_template_downloads(client, examiner):
    client.force_login(examiner)
    response = client.get(reverse("exams:bank_import_template"))
    sheet = load_workbook(io.BytesIO(response.content))["Items"]
    assert [cell.value for cell in sheet[1]][:2] == ["kind", "name"]


# Export ------------------------------------------------------------------------------------------


def test_an_exported_gift_file_imports_back_as_the_same_items(client, active_items, registrar):
    client.force_login(registrar)
    query = {"format": "gift", "language": "en", "versions": "active"}
    page = client.get(reverse("exams:bank_export"), query).content.decode()
    assert "2 items are ready" in page
    assert "GIFT holds one language: the Russian text is not written." in page
    assert not AuditEntry.objects.filter(action="exams.bank.exported").exists()
    response = client.get(reverse("exams:bank_export"), {**query, "download": "1"})
    assert response["Content-Disposition"].endswith('.gift"')
    back = read_bank("bank.gift", response.content, "en", default_competencies=("TEC-01",))
    assert back.errors == []
    single, numeric = back.items
    assert (single.name, single.kind) == ("HYD-1", "single")
    assert single.texts == {"en": SINGLE["texts"]["en"]}
    assert [(o.texts["en"], o.fraction) for o in single.options] == [
        ("Darcy–Weisbach", 1.0),
        ("Bernoulli", 0.0),
    ]
    assert (numeric.kind, numeric.answer, numeric.tolerance) == ("numeric", 0.955, 0.01)
    entry = AuditEntry.objects.get(action="exams.bank.exported")
    assert entry.after["items"] == ["HYD-1", "HYD-2"]
    assert entry.actor == registrar


def test_export_takes_the_chosen_items_and_leaves_out_those_without_an_active_version(
    client, active_items, item, examiner
):
    client.force_login(examiner)
    query = {"format": "xlsx", "language": "en", "versions": "active"}
    chosen = {**query, "item": [str(active_items[0].pk), str(item.pk)]}
    page = client.get(reverse("exams:bank_export"), chosen).content.decode()
    assert "1 item is ready" in page
    assert "left out: TEC-01-0001" in page
    response = client.get(reverse("exams:bank_export"), {**chosen, "download": "1"})
    rows = list(load_workbook(io.BytesIO(response.content))["Items"].values)
    assert [row[1] for row in rows[1:]] == ["HYD-1"]


def test_the_import_preview_names_each_items_kind_in_words(client, examiner):
    """The examiner reads "Numeric, with tolerance and units", not the stored code."""
    from tests.visible import read

    client.force_login(examiner)
    response = _upload(client, "bank.gift", GIFT_WITH_A_BROKEN_QUESTION.encode())
    text, _links = read(response.content.decode())
    assert "Velocity Numeric, with tolerance and units" in text
    assert " numeric " not in text
