"""Keep Uzbek messages of Django and allauth in the site's spelling.

Their Uzbek catalogues leave the password rules in English, write oʻ and gʻ with an ASCII
apostrophe (o'), the tutuq belgisi (ʼ) the same way, "%(size)dbayt" without a space and month
names capitalised in the middle of a date. Our catalogue (``locale/``) takes precedence over
theirs, so we keep corrected copies there.

    python scripts/uz_third_party.py list   # rewrite muhandis/core/third_party_messages.py
    (run makemessages)
    python scripts/uz_third_party.py fill   # fill the new entries in locale/{uz,ru,en}
"""

import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SITE = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"))
CATALOGUES = [
    SITE / "allauth" / "locale" / "{lang}" / "LC_MESSAGES" / "django.po",
    SITE / "django" / "conf" / "locale" / "{lang}" / "LC_MESSAGES" / "django.po",
    SITE / "django" / "contrib" / "auth" / "locale" / "{lang}" / "LC_MESSAGES" / "django.po",
]
MODULE = ROOT / "muhandis" / "core" / "third_party_messages.py"
# CLDR's month names inside a date ("7-dekabr, 2026") are written in lower case.
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CLDR_MONTHS = [
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avgust",
    "sentabr",
    "oktabr",
    "noyabr",
    "dekabr",
]
# Django's own Uzbek leaves the password rules of the sign-up and password pages in English.
MISSING = {
    (
        None,
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ): "Bu parol juda qisqa. U kamida %d ta belgidan iborat boʻlishi kerak.",
    (
        None,
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ): "Parolingiz kamida %(min_length)d ta belgidan iborat boʻlishi kerak.",
    (None, "The password is too similar to the %(verbose_name)s.", None): (
        "Parol «%(verbose_name)s» maydoniga juda oʻxshash."
    ),
    (None, "Your password can’t be too similar to your other personal information.", None): (
        "Parolingiz boshqa shaxsiy maʼlumotlaringizga juda oʻxshash boʻlmasligi kerak."
    ),
    (None, "This password is too common.", None): "Bu parol juda keng tarqalgan.",
    (None, "Your password can’t be a commonly used password.", None): (
        "Parolingiz keng tarqalgan parollardan biri boʻlmasligi kerak."
    ),
    (None, "This password is entirely numeric.", None): "Bu parol faqat raqamlardan iborat.",
    (None, "Your password can’t be entirely numeric.", None): (
        "Parolingiz faqat raqamlardan iborat boʻlmasligi kerak."
    ),
}
_APOSTROPHES = "'`‘’"
_OKINA = re.compile(rf"([oOgG])[{_APOSTROPHES}](?=\w)")
_TUTUQ = re.compile(rf"(?<=[^\W\d_])[{_APOSTROPHES}](?=[^\W\d_])")


def uzbek_spelling(text: str) -> str:
    """o'/g' become oʻ/gʻ; an apostrophe between other letters becomes the tutuq belgisi ʼ."""
    return _TUTUQ.sub("ʼ", _OKINA.sub("\\1ʻ", text))


def _key(entry: polib.POEntry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def _texts(entry: polib.POEntry) -> list[str]:
    return [entry.msgstr, *entry.msgstr_plural.values()]


def _fixes() -> dict[tuple, str]:
    """Every third-party message whose Uzbek needs correcting, with the corrected Uzbek."""
    found = {}
    for template in CATALOGUES:
        for entry in polib.pofile(str(template).format(lang="uz")):
            if entry.obsolete or not entry.translated():
                continue
            text = next(t for t in _texts(entry) if t)
            if uzbek_spelling(text) != text:
                found[_key(entry)] = uzbek_spelling(text)
    found[(None, "%(size)d byte", "%(size)d bytes")] = "%(size)d bayt"
    found.update(MISSING)
    for english, uzbek in zip(MONTHS, CLDR_MONTHS, strict=True):
        found[("alt. month", english, None)] = uzbek
    return found


def _call(key: tuple) -> str:
    context, msgid, plural = key
    if context and plural:
        return f"npgettext_lazy({context!r}, {msgid!r}, {plural!r}, 1)"
    if context:
        return f"pgettext_lazy({context!r}, {msgid!r})"
    if plural:
        return f"ngettext_lazy({msgid!r}, {plural!r}, 1)"
    return f"gettext_lazy({msgid!r})"


def write_list() -> None:
    calls = [_call(key) for key in sorted(_fixes(), key=repr)]
    used = sorted({call.split("(")[0] for call in calls})
    listed = "\n".join(f"    {call}," for call in calls)
    MODULE.write_text(
        '"""Messages of Django and allauth that our catalogue translates again (see\n'
        "``scripts/uz_third_party.py``, which writes this module): their Uzbek writes oʻ, gʻ and\n"
        "ʼ with an ASCII apostrophe. Listed so that makemessages keeps them in ``locale/``;\n"
        'never imported."""\n\n'
        "# ruff: noqa: E501\n"
        f"from django.utils.translation import {', '.join(used)}\n\n"
        f"MESSAGES = (\n{listed}\n)\n"
    )


def _translation(lang: str, key: tuple) -> str | None:
    for template in CATALOGUES:
        for entry in polib.pofile(str(template).format(lang=lang)):
            if _key(entry) == key and entry.translated():
                return next(t for t in _texts(entry) if t)
    return None


def fill() -> None:
    fixes = _fixes()
    for lang in ("uz", "ru", "en"):
        path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            key = _key(entry)
            if key not in fixes or (entry.translated() and "fuzzy" not in entry.flags):
                continue
            if lang == "uz":
                forms = [fixes[key]] * 2
            elif lang == "ru":
                forms = [_translation("ru", key) or entry.msgid] * 3
            else:
                forms = [entry.msgid, entry.msgid_plural or entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {
                    n: forms[min(n, len(forms) - 1)] for n in entry.msgstr_plural
                }
                if lang == "ru":
                    entry.msgstr_plural = _russian_plurals(key, entry)
            else:
                entry.msgstr = forms[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        catalogue.save(str(path))


def _russian_plurals(key: tuple, entry: polib.POEntry) -> dict[int, str]:
    for template in CATALOGUES:
        for found in polib.pofile(str(template).format(lang="ru")):
            if _key(found) == key and found.translated():
                forms = list(found.msgstr_plural.values())
                return {n: forms[min(n, len(forms) - 1)] for n in entry.msgstr_plural}
    return {n: entry.msgid_plural for n in entry.msgstr_plural}


if __name__ == "__main__":
    {"list": write_list, "fill": fill}[sys.argv[1]]()
