"""Plain-text emails read as typed: nothing in them is escaped for HTML."""

import copy

import pytest

from muhandis.core.mail import send_in_language


@pytest.fixture
def text_template(settings, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "note_subject.txt").write_text("About {{ title }}")
    (folder / "note.txt").write_text("Dear {{ name }},\n{{ title }}: {{ reason }}\n")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    return "mail/note"


@pytest.mark.django_db
def test_a_plain_text_email_shows_names_and_titles_as_typed(text_template, mailoutbox):
    context = {"name": "Sean O'Brien", "title": "Roads & Bridges", "reason": 'a "<draft>"'}
    send_in_language("sean@example.uz", text_template, "en", context)
    (message,) = mailoutbox
    assert message.subject == "About Roads & Bridges"
    assert message.body == 'Dear Sean O\'Brien,\nRoads & Bridges: a "<draft>"\n'
