"""Three languages everywhere: URL prefixes, the switcher, the browser's choice, full catalogues."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.pofile(str(folder / "django.po"))
        if e.translated()
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert source == compiled, "Run `make messages` (or scripts/compile_messages.py) and commit."


def test_every_template_string_is_in_the_catalogue():
    """A string added to a template or module without running `make messages` fails here."""
    import re

    known = {e.msgid for e in polib.pofile(str(LOCALE / "ru" / "LC_MESSAGES" / "django.po"))}
    pattern = re.compile(r'{%\s*translate\s+"([^"]+)"')
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "muhandis"]
    missing = set()
    for root in roots:
        for path in root.rglob("*.html"):
            for msgid in pattern.findall(path.read_text(encoding="utf-8")):
                # makemessages writes a template's "%" as "%%", as the tag looks it up.
                if msgid not in known and msgid.replace("%", "%%") not in known:
                    missing.add((path.name, msgid))
    assert not missing, sorted(missing)[:10]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "phrase"),
    [("uz", "Muhandislarning"), ("ru", "инженеров"), ("en", "The professional home of engineers")],
)
def test_each_language_has_its_url_prefix(client, prefix, phrase):
    response = client.get(f"/{prefix}/")
    assert response.status_code == 200
    assert f'lang="{prefix}"' in response.content.decode()
    assert phrase in response.content.decode()


@pytest.mark.django_db
def test_uzbek_is_the_default_for_a_browser_without_preference(client):
    response = client.get("/")
    assert response["Location"] == "/uz/"


@pytest.mark.django_db
def test_first_visit_follows_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert response["Location"] == "/ru/"


@pytest.mark.django_db
def test_language_switcher_remembers_the_choice(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/uz/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/en/"


@pytest.mark.django_db
def test_switching_language_is_stored_on_the_profile(client, engineer):
    client.force_login(engineer)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/uz/dashboard/"})
    engineer.refresh_from_db()
    assert engineer.preferred_language == "ru"


@pytest.mark.django_db
def test_region_names_are_translated_content():
    from django.utils import translation

    from muhandis.accounts.models import Region

    region = Region.objects.get(code="UZ-SA")
    for language, name in [
        ("uz", "Samarqand viloyati"),
        ("ru", "Самаркандская область"),
        ("en", "Samarkand Region"),
    ]:
        with translation.override(language):
            assert region.name == name


@pytest.mark.django_db
def test_dates_follow_the_locale(client, registrar):
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    template = Template('{{ day|date:"DATE_FORMAT" }}')
    day = datetime.date(2026, 3, 8)
    with translation.override("ru"):
        assert "марта" in template.render(Context({"day": day}))
    with translation.override("en"):
        assert "March" in template.render(Context({"day": day}))


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_catalogue_keeps_no_previous_msgids(language):
    """Stale '#|' lines of fuzzy matching make GNU msgmerge (make messages) fail."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert not [line for line in text.splitlines() if line.startswith("#|")]
