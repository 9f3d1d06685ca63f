"""A decimal answer is read with either separator and shown as the page's language writes it."""

import re

import pytest

from muhandis.exams.attempts import services as attempts
from muhandis.exams.models import Answer
from muhandis.exams.tests.support import item_of_kind

pytestmark = pytest.mark.django_db


def _save(client, attempt, version, value, language):
    return client.post(
        f"/{language}/exams/attempts/{attempt.public_id}/answers/{version.pk}/",
        {"kind": "numeric", "value": value},
        headers={"X-Exam-Device": "laptop"},
    )


def _shown(html: str, version) -> str:
    """The value the answer's box shows."""
    box = re.search(rf'<input[^>]*id="q{version.pk}-value"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', box).group(1)


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [("uz", "5.1", "5,1"), ("uz", "5,1", "5,1"), ("ru", "5.1", "5,1"), ("en", "5,1", "5.1")],
)
def test_either_separator_is_read_and_the_box_shows_the_pages_form(
    client, attempt, engineer, language, typed, shown
):
    numeric = item_of_kind(attempt, "numeric")
    client.force_login(engineer)
    response = _save(client, attempt, numeric, typed, language)
    assert response.status_code == 200
    assert Answer.objects.get(attempt=attempt, version=numeric).response == {"value": 5.1}
    # Right after saving, the box is rewritten in the page's form (htmx out-of-band swap) …
    assert _shown(response.content.decode(), numeric) == shown
    assert 'hx-swap-oob="true"' in response.content.decode()
    # … and it reads the same when the candidate comes back to the question.
    page = client.get(f"/{language}/exams/attempts/{attempt.public_id}/").content.decode()
    assert _shown(page, numeric) == shown


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("5.1", 5.1),
        ("5,1", 5.1),
        (" 1 234,5 ", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("-0,25", -0.25),
    ],
)
def test_numbers_are_read_as_people_type_them(typed, read):
    assert attempts.read_number(typed) == read


@pytest.mark.parametrize("typed", ["", "two", "inf", "nan", "1,2,3.4.5"])
def test_what_is_not_a_number_stays_text_to_be_refused(typed):
    assert attempts.read_number(typed) == typed
