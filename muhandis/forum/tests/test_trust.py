"""Trust levels: what a new member may not do, rate limits, and promotion by the daily run."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from muhandis.accounts.roles import Role
from muhandis.core.models import AuditEntry
from muhandis.forum.models import ForumProfile
from muhandis.forum.selectors import topics
from muhandis.forum.services import ForumError, posting, trust
from muhandis.forum.tests.factories import (
    LONG,
    make_answer,
    make_category,
    make_topic,
    member,
)

pytestmark = pytest.mark.django_db


def test_a_new_member_cannot_post_links_and_is_told_what_to_remove():
    with pytest.raises(ForumError) as refused:
        make_topic(
            author=member(0),
            body="Cheap cement at [our shop](http://spam.example) and www.spam.example too",
        )
    message = str(refused.value)
    assert "“http://spam.example”" in message
    assert "“www.spam.example”" in message


def test_a_new_member_cannot_post_images():
    with pytest.raises(ForumError, match="cannot post images"):
        make_topic(author=member(0), body="Look at this crack: ![crack](https://img.example/c.png)")


def test_basic_members_post_links_and_a_few_images_from_https_only():
    make_topic(author=member(1), body="See [SNiP 2.02.01](https://example.org/snip) for this.")
    images = " ".join(f"![{n}](https://img.example/{n}.png)" for n in range(4))
    with pytest.raises(ForumError, match="at most 3 images"):
        make_topic(author=member(1), body=f"Photos of the site: {images}")
    with pytest.raises(ForumError, match="https://"):
        make_topic(author=member(1), body="A photo of the site: ![a](http://img.example/a.png)")


def test_script_and_html_in_a_post_are_shown_as_text():
    topic = make_topic(
        body='<img src=x onerror="alert(1)"> and <iframe src="//evil"></iframe> '
        "[x](javascript:alert(1))"
    )
    html = topic.posts.get(number=1).html
    assert "<img" not in html
    assert "<iframe" not in html
    assert 'href="javascript' not in html


def test_links_in_posts_are_marked_nofollow_ugc():
    topic = make_topic(author=member(1), body="See [the code](https://lex.uz/docs/123) please.")
    assert 'rel="nofollow ugc noopener"' in topic.posts.get(number=1).html


def test_a_new_member_waits_30_seconds_between_posts_and_the_text_is_not_lost():
    person = member(0)
    topic = make_topic()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        make_answer(topic, author=person)
        clock.shift(10)
        with pytest.raises(ForumError, match="wait 20 seconds"):
            make_answer(topic, author=person)
        clock.shift(21)
        make_answer(topic, author=person)


def test_a_new_member_starts_three_topics_a_day():
    person = member(0)
    category = make_category()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(3):
            make_topic(author=person, category=category, title=f"Question number {n} here")
            clock.shift(60)
        with pytest.raises(ForumError, match="3 topics a day"):
            make_topic(author=person, category=category)
        clock.shift(datetime.timedelta(days=1))
        make_topic(author=person, category=category)


def test_a_new_member_posts_ten_times_a_day():
    person = member(0)
    topic = make_topic()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(10):
            posting.comment(person=person, post=topic.posts.get(number=1), body="Thanks, noted.")
            clock.shift(31)
        with pytest.raises(ForumError, match="10 posts a day"):
            make_answer(topic, author=person)


def test_staff_and_moderators_are_level_four_and_meet_no_limit():
    moderator = member(0, role=Role.MODERATOR)
    assert trust.trust_level_of(moderator) == 4
    assert topics.viewer(moderator).level == 4
    make_topic(author=moderator, body="Official: [the new code](https://lex.uz/docs/1) is out.")


def test_reading_earns_level_one_in_the_daily_run():
    person = member(0)
    ForumProfile.objects.filter(person=person).update(topics_entered=5, posts_read=30)
    quiet = member(0)
    call_command("update_forum_trust_levels")
    assert ForumProfile.objects.get(person=person).trust_level == 1
    assert ForumProfile.objects.get(person=quiet).trust_level == 0
    assert AuditEntry.objects.filter(action="forum.trust_level.changed").count() == 1


def test_a_level_set_by_a_moderator_is_kept_by_the_daily_run():
    person = member(0)
    trust.set_trust_level(
        moderator=member(0, role=Role.MODERATOR), person=person, level=2, reason="known expert"
    )
    call_command("update_forum_trust_levels")
    assert ForumProfile.objects.get(person=person).trust_level == 2


def test_visits_count_topics_entered_posts_read_and_days():
    person = member(0)
    topic = make_topic()
    make_answer(topic)
    trust.record_visit(topic=topic, person=person, read_up_to=2)
    trust.record_visit(topic=topic, person=person, read_up_to=2)
    profile = ForumProfile.objects.get(person=person)
    assert (profile.topics_entered, profile.posts_read, profile.days_visited) == (1, 2, 1)
    topic.refresh_from_db()
    assert topic.views_count == 2


def test_mentions_are_limited_by_level():
    people = [member(1) for _ in range(3)]
    body = "Asking " + " ".join(f"@{p.forum_profile.handle}" for p in people) + " about this."
    with pytest.raises(ForumError, match="at most 2 people"):
        make_answer(make_topic(), author=member(0), body=body)


def test_new_members_use_existing_tags_only():
    with pytest.raises(ForumError, match="“brand-new”"):
        make_topic(author=member(0), body=LONG, tags=["brand-new"])
