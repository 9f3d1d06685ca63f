from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from muhandis.core.money import format_money


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("uz", "1\xa0234\xa0568\xa0soʻm"),
        ("ru", "1\xa0234\xa0568\xa0сум"),
        ("en", "1,234,568\xa0UZS"),
    ],
)
def test_uzs_is_shown_without_decimals_in_each_locale(language, expected):
    with translation.override(language):
        assert format_money(Decimal("1234567.50"), "UZS") == expected


def test_other_currencies_keep_two_decimals():
    with translation.override("en"):
        assert format_money(Decimal("1500"), "EUR") == "1,500.00\xa0€"


def test_money_filter_in_templates():
    with translation.override("ru"):
        rendered = Template("{% load muhandis %}{{ fee|money }}").render(Context({"fee": 250000}))
    assert rendered == "250\xa0000\xa0сум"
