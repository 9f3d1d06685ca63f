"""The forum's front page, a category, a tag and the search, in Latin and Cyrillic."""

import pytest
from django.urls import reverse

from muhandis.forum.models import Topic
from tests.visible import read

from .factories_pages import add_post, make_category, make_member, make_topic

pytestmark = pytest.mark.django_db


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return read(response.content.decode())[0]


@pytest.fixture
def forum():
    water = make_category("Water supply")
    pumps = make_category("Pumps", parent=water)
    asker = make_member()
    answered = make_topic(asker, title="Nasos tanlash: 60 metr", category=pumps, tags=("nasos",))
    add_post(answered, make_member(), "Ikki ishchi nasos va bitta zaxira nasos oling.")
    open_one = make_topic(
        asker,
        title="Quvur sinfi qanday tanlanadi?",
        category=water,
        body="Водопровод на 10 бар: какой класс труб выбрать для сети?",
    )
    hidden = make_topic(asker, title="Hidden advert title", category=water)
    Topic.objects.filter(pk=hidden.pk).update(is_hidden=True)
    return {"water": water, "pumps": pumps, "answered": answered, "open": open_one}


def test_the_front_page_shows_categories_with_counts_latest_unanswered_and_tags(
    client, forum, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        text = _text(client, "/en/forum/")
    assert "Water supply (2 questions)" in text
    assert "Pumps (1)" in text
    assert "Nasos tanlash: 60 metr" in text
    unanswered = text[text.index("Waiting for an answer") :]
    assert "Quvur sinfi qanday tanlanadi?" in unanswered
    assert "Nasos tanlash" not in unanswered.split("Categories")[0]
    assert "#nasos" in text
    assert "Hidden advert" not in text


def test_a_category_lists_its_questions_and_its_subcategories(client, forum):
    text = _text(client, reverse("forum:category", args=[forum["water"].slug]))
    assert "Quvur sinfi qanday tanlanadi?" in text
    assert "Nasos tanlash: 60 metr" in text  # from its subcategory
    assert "Hidden advert" not in text


def test_a_tag_lists_its_questions(client, forum):
    text = _text(client, reverse("forum:tag", args=["nasos"]))
    assert "Nasos tanlash: 60 metr" in text
    assert "Quvur sinfi" not in text
    assert client.get(reverse("forum:tag", args=["unknown"])).status_code == 404


@pytest.mark.parametrize("words", ["zaxira nasos", "захира насос", "водопровод", "vodoprovod"])
def test_search_finds_posts_in_either_script(client, forum, words):
    text = _text(client, reverse("forum:search") + f"?q={words}")
    assert "1 post found" in text


def test_search_for_nothing_shows_the_box_only(client, forum):
    text = _text(client, reverse("forum:search"))
    assert "found" not in text
    too_long = client.get(reverse("forum:search") + "?q=" + "a" * 300)
    assert too_long.status_code == 400
