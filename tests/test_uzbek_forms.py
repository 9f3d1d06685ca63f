"""Uzbek as CLDR and the rest of the site write it: dates, file sizes, oʻ/gʻ and ʼ."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from babel import dates as cldr
from django.conf import settings
from django.template import Context, Template
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.formats import date_format

DAYS = [datetime.date(2026, month, 7) for month in range(1, 13)]


@pytest.mark.parametrize("day", DAYS, ids=lambda d: d.strftime("%B"))
def test_uzbek_dates_read_as_cldr_writes_them(day):
    moment = datetime.datetime.combine(day, datetime.time(9, 5))
    with translation.override("uz"):
        assert date_format(day, "DATE_FORMAT") == cldr.format_date(day, "long", locale="uz")
        assert date_format(day, "YEAR_MONTH_FORMAT") == cldr.format_skeleton(
            "yMMMM", day, locale="uz"
        )
        assert date_format(day, "MONTH_DAY_FORMAT") == cldr.format_skeleton(
            "MMMMd", day, locale="uz"
        )
        assert date_format(moment, "DATETIME_FORMAT") == cldr.get_datetime_format(
            "long", locale="uz"
        ).format(
            cldr.format_time(moment, "short", locale="uz"),
            cldr.format_date(day, "long", locale="uz"),
        )
        # A month on its own (a calendar heading) keeps CLDR's stand-alone capital.
        assert date_format(day, "F") == cldr.get_month_names("wide", "stand-alone", "uz")[day.month]


def test_an_ending_after_a_date_joins_its_year():
    template = Template(
        '{% load i18n %}{% blocktranslate with day=day|date:"DATE_FORMAT" %}'
        "valid until {{ day }}{% endblocktranslate %}"
    )
    with translation.override("uz"):
        text = template.render(Context({"day": datetime.date(2026, 12, 7)}))
    assert text == "7-dekabr, 2026-yilgacha amal qiladi"


def test_no_uzbek_message_leaves_an_ending_apart_from_a_date():
    dated = r"%\((?:day|date|until|start|end|opens|closes|when|time)\)s"
    apart = re.compile(dated + r" (?:dan|gacha|da|ga)\b")
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/uz/LC_MESSAGES/django.po"))
    assert [e.msgid for e in catalogue if apart.search(e.msgstr)] == []


def test_file_sizes_keep_a_space_before_the_unit():
    with translation.override("uz"):
        assert filesizeformat(40) == "40\xa0bayt"
        assert filesizeformat(2048) == "2,0\xa0KB"
    with translation.override("ru"):
        assert filesizeformat(40) == "40\xa0байт"


class _Visible(HTMLParser):
    """The text a person sees: element text, placeholders and button labels."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        self.parts += [attrs[a] for a in ("placeholder", "aria-label", "title") if attrs.get(a)]
        if tag == "input" and attrs.get("type") == "submit" and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _visible(response) -> str:
    parser = _Visible()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


ASCII_LETTER_APOSTROPHE = re.compile(r"[^\W\d_]['`‘’][^\W\d_]")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/uz/account/login/", None),
        ("/uz/account/login/", {"login": "nobody@example.uz", "password": "wrong"}),
        ("/uz/account/signup/", None),
        ("/uz/account/signup/", {"email": "bad", "password1": "1", "password2": "2"}),
        ("/uz/account/password/reset/", None),
    ],
)
def test_sign_in_and_sign_up_write_o_and_g_with_the_okina(client, url, data):
    response = client.post(url, data) if data else client.get(url)
    text = _visible(response)
    assert "oʻ" in text or "gʻ" in text or "ʼ" in text, text[:300]
    assert ASCII_LETTER_APOSTROPHE.findall(text) == []
