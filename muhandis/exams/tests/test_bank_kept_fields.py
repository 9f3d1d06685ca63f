"""Nothing an import kept is lost by an edit or an export: a question's ID number (Moodle's
``idnumber``: GIFT ``// [id:…]``, Moodle XML ``<idnumber>``), its tags and its embedded
images come back when the bank is edited and exported, and read back by our own readers."""

import base64

import pytest
from django.urls import reverse

from muhandis.accounts.tests.factories import make_person
from muhandis.competencies.models import Competency
from muhandis.core.models import AuditEntry
from muhandis.exams.bank import importing, services
from muhandis.exams.bank.importing import read_bank
from muhandis.exams.models import Item

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MOODLE_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Pipes</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which pipe? <img src="@@PLUGINFILE@@/pipe.png" alt="A pipe"></p>]]></text>
      <file name="pipe.png" path="/" encoding="base64">{base64.b64encode(PNG).decode()}</file>
    </questiontext>
    <idnumber>HYD-Q-7</idnumber>
    <single>true</single>
    <answer fraction="100"><text>Steel</text></answer>
    <answer fraction="0"><text>Paper</text></answer>
    <tags><tag><text>hydraulics</text></tag></tags>
  </question>
</quiz>
""".encode()


@pytest.fixture
def imported(examiner) -> Item:
    """An item imported from Moodle XML with an ID number, a tag and an embedded image."""
    result = read_bank("bank.xml", MOODLE_XML, "en", default_competencies=("TEC-01",))
    assert result.errors == []
    (item,) = importing.import_bank(result=result, actor=examiner, code_prefix="HYD-")
    return item


def _edit_data(item: Item, **changes: str) -> dict:
    """What the edit form sends back when the examiner changes only ``changes``."""
    data = {
        "difficulty": str(item.difficulty),
        "competencies": [str(pk) for pk in item.competencies.values_list("pk", flat=True)],
        "text_en": "<p>Which pipe? [image:1]</p>",
        "option_0_credit": "100",
        "option_0_en": "Steel",
        "option_1_credit": "0",
        "option_1_en": "Paper",
        "idnumber": "HYD-Q-7",
    }
    data.update(changes)
    return data


def _newest(item: Item) -> dict:
    return item.versions.order_by("-number")[0].content


def _activate(item: Item, examiner, registrar) -> None:
    reviewer = make_person("examiner", two_factor=True)
    version = item.versions.order_by("-number")[0]
    services.review(version=version, actor=reviewer)
    services.activate(version=version, actor=registrar)


def test_the_edit_form_shows_the_id_number_an_import_kept(client, imported, examiner):
    """Moodle XML ``<idnumber>`` / GIFT ``[id:…]``: the examiner sees the ID number."""
    client.force_login(examiner)
    page = client.get(reverse("exams:bank_edit", kwargs={"pk": imported.pk})).content.decode()
    assert "ID number" in page
    assert 'value="HYD-Q-7"' in page


def test_an_edit_of_the_wording_keeps_the_id_number_tags_and_other_kept_content(
    client, imported, examiner
):
    """Moodle keeps a question's idnumber across edits; so does the bank."""
    version = imported.versions.get()
    version.content = {**version.content, "source": {"file": "bank.xml"}}  # a key the form skips
    version.save(update_fields=["content"])
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": imported.pk})
    response = client.post(url, _edit_data(imported, text_en="Which pipe is it? [image:1]"))
    assert response.status_code == 302
    new = _newest(imported)
    assert new["texts"] == {"en": "Which pipe is it? [image:1]"}
    assert new["idnumber"] == "HYD-Q-7"
    assert "hydraulics" in new["tags"]
    assert new["source"] == {"file": "bank.xml"}


def test_saving_an_unchanged_item_changes_nothing(client, imported, examiner):
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": imported.pk})
    page = client.get(url).content.decode()
    assert "Which pipe? [image:1]" in page
    client.post(url, _edit_data(imported))
    assert not AuditEntry.objects.filter(action="exams.item.edited").exists()


def test_the_examiner_changes_or_clears_the_id_number(client, imported, examiner):
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": imported.pk})
    client.post(url, _edit_data(imported, idnumber="HYD-Q-8"))
    assert _newest(imported)["idnumber"] == "HYD-Q-8"
    client.post(url, _edit_data(imported, idnumber=""))
    assert "idnumber" not in _newest(imported)


def test_an_id_number_longer_than_moodle_allows_is_refused(client, imported, examiner):
    """Moodle's question.idnumber holds at most 100 characters."""
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": imported.pk})
    response = client.post(url, _edit_data(imported, idnumber="x" * 101))
    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    assert _newest(imported)["idnumber"] == "HYD-Q-7"


def test_a_new_item_may_be_given_an_id_number(client, examiner):
    client.force_login(examiner)
    data = {
        "code": "TEC-01-0100",
        "kind": "single",
        "difficulty": "2",
        "competencies": [str(c.pk) for c in Competency.objects.filter(code="TEC-01")[:1]],
        "text_en": "Which book puts design on the contractor?",
        "option_0_credit": "100",
        "option_0_en": "Yellow Book",
        "option_1_credit": "0",
        "option_1_en": "Red Book",
        "idnumber": "FIDIC-1",
    }
    assert client.post(reverse("exams:bank_new"), data).status_code == 302
    assert Item.objects.get(code="TEC-01-0100").versions.get().content["idnumber"] == "FIDIC-1"


def _export(client, fmt: str) -> bytes:
    query = {"format": fmt, "language": "en", "versions": "active", "download": "1"}
    response = client.get(reverse("exams:bank_export"), query)
    assert response.status_code == 200
    return response.content


def test_moodle_xml_round_trip_keeps_the_id_number_and_images(
    client, imported, examiner, registrar
):
    """Moodle XML ``<idnumber>`` and ``<file encoding="base64">`` with ``@@PLUGINFILE@@``
    links: import, edit, export and import again give the same ID number and images."""
    client.force_login(examiner)
    url = reverse("exams:bank_edit", kwargs={"pk": imported.pk})
    client.post(url, _edit_data(imported, text_en="Which pipe is it? [image:1]"))
    _activate(imported, examiner, registrar)
    client.force_login(registrar)
    content = _export(client, "moodle_xml")
    assert b"@@PLUGINFILE@@/" in content
    back = read_bank("again.xml", content, "en", default_competencies=("TEC-01",))
    assert back.errors == []
    (item,) = back.items
    assert item.idnumber == "HYD-Q-7"
    assert item.texts == {"en": "Which pipe is it? [image:1]"}
    assert [(image.data, image.content_type) for image in item.images] == [(PNG, "image/png")]
    assert item.images[0].alt == {"en": "A pipe"}
    assert "hydraulics" in item.tags


def test_gift_export_keeps_the_id_number(client, imported, examiner, registrar):
    """GIFT ``// [id:…]`` (Moodle 3.6+): the exported file read back has the ID number."""
    _activate(imported, examiner, registrar)
    client.force_login(registrar)
    back = read_bank("again.gift", _export(client, "gift"), "en", ("TEC-01",))
    assert back.errors == []
    (item,) = back.items
    assert item.idnumber == "HYD-Q-7"
    assert "hydraulics" in item.tags


def test_the_gift_export_says_it_cannot_hold_the_items_images(
    client, imported, examiner, registrar
):
    """GIFT has no place for files: the export page says the images are not written."""
    _activate(imported, examiner, registrar)
    client.force_login(registrar)
    query = {"format": "gift", "language": "en", "versions": "active"}
    page = client.get(reverse("exams:bank_export"), query).content.decode()
    assert "GIFT cannot hold the item&#x27;s competency codes, difficulty, images;" in page


def test_the_export_preview_opens_without_reading_the_image_files(
    client, imported, examiner, registrar
):
    """The page that lists what a format cannot hold reads no image file: it opens even when
    a file has gone from storage, and only the Moodle XML download reads them."""
    _activate(imported, examiner, registrar)
    image = imported.images.get()
    image.file.storage.delete(image.file.name)
    client.force_login(registrar)
    for fmt in ("moodle_xml", "gift"):
        query = {"format": fmt, "language": "en", "versions": "active"}
        assert client.get(reverse("exams:bank_export"), query).status_code == 200
