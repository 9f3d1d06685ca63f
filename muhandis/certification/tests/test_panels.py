"""Panels: another app's template reaches the page as markup, and the page's data in it is
escaped exactly once."""

import copy

import pytest
from django.template import engines
from django.utils.safestring import SafeString

from muhandis.certification import panels


@pytest.fixture
def panel(settings, tmp_path, monkeypatch):
    (tmp_path / "panel.html").write_text(
        '<p class="small"><a href="/complain/">Complain about {{ name }}</a></p>'
    )
    (tmp_path / "page.html").write_text(
        '{% load certification_panels %}<main>{% certification_panels "test_page" %}</main>'
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    monkeypatch.setattr(panels, "PANELS", {})
    panels.add_panel("test_page", "panel.html")
    return engines["django"].get_template("page.html")


def test_a_panel_reaches_the_page_as_markup_with_its_data_escaped_once(panel):
    html = panel.render({"name": "<b>Ali & Vali</b>"})
    assert html == (
        '<main><p class="small"><a href="/complain/">'
        "Complain about &lt;b&gt;Ali &amp; Vali&lt;/b&gt;</a></p></main>"
    )


def test_panels_render_as_safe_markup_one_after_another(panel, tmp_path):
    (tmp_path / "second.html").write_text("<hr>")
    panels.add_panel("test_page", "second.html")
    panels.add_panel("test_page", "panel.html")  # registered once, however often it is added
    rendered = panels.render_panels("test_page", {"name": "O'g'il"})
    assert isinstance(rendered, SafeString)
    assert rendered.count("<a href=") == 1
    assert rendered.endswith("</p><hr>")
    assert "O&#x27;g&#x27;il" in rendered


def test_a_page_without_panels_renders_nothing(panel):
    assert panels.render_panels("no_such_page", {}) == ""
