import pytest

from muhandis.accounts import demo as accounts_demo
from muhandis.forum import demo
from muhandis.forum.models import Category, ForumProfile, Topic
from muhandis.forum.selectors import moderation, search, topics

pytestmark = pytest.mark.django_db


def test_the_demo_forum_is_alive_in_three_languages_and_loads_twice_without_change():
    lines: list[str] = []
    accounts_demo.load(lines.append)
    demo.load(lines.append)
    rows = {row.category.slug: row for row in topics.categories()}
    assert set(rows) == {"construction", "water", "law", "career"}
    assert [c.category.slug for c in rows["water"].children] == ["networks", "treatment"]
    assert Category.objects.get(slug="water").name_ru == "Водоснабжение и канализация"
    assert Topic.objects.filter(accepted_answer__isnull=False).count() >= 4
    assert len(moderation.review_queue()) == 1
    assert set(ForumProfile.objects.values_list("trust_level", flat=True)) >= {0, 1, 2, 3}
    assert search.search(query="трубы")
    counts = Topic.objects.count()
    demo.load(lines.append)
    assert Topic.objects.count() == counts
