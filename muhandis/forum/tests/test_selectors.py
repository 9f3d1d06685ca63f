"""The topic page, lists, badges and search, read in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from muhandis.accounts.roles import Role
from muhandis.forum import markdown
from muhandis.forum.models import Category, Comment, Post, Vote
from muhandis.forum.selectors import search, topics
from muhandis.forum.selectors.badges import badges_for
from muhandis.forum.services import moderation, posting
from muhandis.forum.tests.factories import (
    LONG,
    make_answer,
    make_category,
    make_topic,
    member,
    question,
)

pytestmark = pytest.mark.django_db


def _bulk_answers(topic, authors, count):
    posts = [
        Post(
            topic=topic,
            number=n + 2,
            author=authors[n % len(authors)],
            body=LONG,
            html=f"<p>{LONG}</p>",
            search_text=markdown.search_text(LONG),
        )
        for n in range(count)
    ]
    made = Post.objects.bulk_create(posts)
    Comment.objects.bulk_create(
        Comment(post=post, author=authors[0], body="A short remark.") for post in made[::3]
    )
    return made


def test_a_topic_page_with_200_posts_takes_six_queries(django_assert_max_num_queries):
    topic = make_topic()
    authors = [member(n % 4) for n in range(10)] + [member(0, role=Role.MODERATOR)]
    made = _bulk_answers(topic, authors, 199)
    viewer_person = member(2)
    Vote.objects.bulk_create(Vote(post=p, person=viewer_person, value=1) for p in made[:50])
    viewer = topics.viewer(viewer_person)
    with django_assert_max_num_queries(6):
        page = topics.topic_page(public_id=topic.public_id, viewer=viewer)
        assert len(page.posts) == 200
        assert sum(item.my_vote for item in page.posts) == 50
        staff = [i for i in page.answers if i.post.author_id == authors[-1].pk]
        assert staff[0].badges[0].kind == "staff"
        assert staff[0].author_level == 4
        assert sum(len(item.comments) for item in page.posts) == 67


def test_the_accepted_answer_comes_first():
    topic = make_topic()
    first, second = make_answer(topic), make_answer(topic)
    posting.accept_answer(person=topic.author, post=second)
    page = topics.topic_page(public_id=topic.public_id, viewer=topics.viewer(None))
    assert [item.post for item in page.answers] == [second, first]
    assert page.answers[0].is_accepted


def test_a_hidden_post_shows_no_text_to_others_but_to_its_author():
    topic = make_topic()
    answer = make_answer(topic)
    moderation.hide_post(moderator=member(0, role=Role.MODERATOR), post=answer, reason="spam")
    for person, shown in ((None, False), (member(2), False), (answer.author, True)):
        page = topics.topic_page(public_id=topic.public_id, viewer=topics.viewer(person))
        assert page.answers[0].show_body is shown


def test_a_hidden_topic_is_not_found_by_visitors():
    topic = make_topic()
    posting.delete_post(person=topic.author, post=question(topic))
    assert topics.topic_page(public_id=topic.public_id, viewer=topics.viewer(None)) is None
    assert topics.topic_page(public_id=topic.public_id, viewer=topics.viewer(topic.author))


def test_categories_count_their_subcategories_topics(django_assert_max_num_queries):
    top = make_category("Construction")
    sub = make_category("Foundations", parent=top)
    make_topic(category=sub)
    make_topic(category=top)
    with django_assert_max_num_queries(1):
        rows = topics.categories()
    row = next(r for r in rows if r.category == top)
    assert row.topic_count == 2
    assert row.children[0].topic_count == 1


def test_unanswered_topics_are_those_without_answers():
    answered, waiting = make_topic(), make_topic(title="Which pipe for a water network?")
    make_answer(answered)
    assert list(topics.unanswered_topics()) == [waiting]


def test_search_finds_cyrillic_text_with_latin_words_and_back():
    make_topic(
        title="Фундамент для склада на просадочных грунтах",
        body="Какой фундамент выбрать на лёссовых грунтах в Ташкенте?",
    )
    make_topic(
        title="Quvurlar tarmog‘ini loyihalash",
        body="Suv ta’minoti tarmog‘i uchun qanday quvur tanlash kerak?",
    )
    hits = search.search(query="fundament gruntax")
    assert len(hits) == 1
    assert "склада" in hits[0].post.topic.title
    hits = search.search(query="ТАРМОГИ")
    assert [h.post.topic.title for h in hits] == ["Quvurlar tarmog‘ini loyihalash"]


def test_search_leaves_out_hidden_posts():
    topic = make_topic(body="Rebar spacing in a retaining wall, please advise.")
    answer = make_answer(topic, body="Rebar spacing depends on the wall height and soil.")
    moderation.hide_post(moderator=member(0, role=Role.MODERATOR), post=answer, reason="spam")
    hits = search.search(query="rebar spacing")
    assert [h.post.number for h in hits] == [1]


def test_search_of_nothing_finds_nothing():
    assert search.search(query="  !! ") == []


def test_a_word_finds_longer_words_that_start_with_it():
    make_topic(title="Fundamentni qanday mustahkamlash kerak?", body=LONG)
    assert len(search.search(query="fundament")) == 1


def test_search_follows_an_edit():
    topic = make_topic(body="Grouting of the anchors failed twice this week.")
    posting.edit_post(
        person=topic.author, post=question(topic), body="Shotcrete lining cracked after a week."
    )
    assert search.search(query="grouting") == []
    assert len(search.search(query="shotcrete")) == 1


def test_badges_show_a_valid_certificate_and_a_staff_role(django_assert_max_num_queries):
    from muhandis.certification import demo
    from muhandis.certification.models import Certificate, Scheme

    demo.load(lambda line: None)
    scheme = Scheme.objects.filter(status=Scheme.Status.ACTIVE).first()
    engineer, moderator, lapsed = member(1), member(0, role=Role.MODERATOR), member(1)
    today = timezone.localdate()
    for number, holder, expiry in (
        ("UZ-2026-000011", engineer, today + datetime.timedelta(days=300)),
        ("UZ-2026-000029", lapsed, today - datetime.timedelta(days=1)),
    ):
        Certificate.objects.create(
            number=number,
            holder=holder,
            scheme=scheme,
            source=Certificate.Source.IMPORT,
            holder_name_latin=holder.display_name,
            effective_date=today - datetime.timedelta(days=700),
            expiry_date=expiry,
        )
    with django_assert_max_num_queries(2):
        badges = badges_for([engineer.pk, moderator.pk, lapsed.pk])
    assert badges[engineer.pk][0].kind == "certified"
    assert badges[engineer.pk][0].number == "UZ-2026-000011"
    assert badges[engineer.pk][0].label == scheme.title
    assert badges[moderator.pk][0].kind == "staff"
    assert lapsed.pk not in badges


def test_a_page_of_latest_topics_takes_two_queries(django_assert_max_num_queries):
    category = make_category()
    for n in range(12):
        make_topic(category=category, title=f"Question number {n} about pipes", tags=["pipes"])
    with django_assert_max_num_queries(2):
        page = list(topics.latest_topics(category=category)[:10])
        assert [t.tags.all()[0].name for t in page] == ["pipes"] * 10
        assert {t.author.display_name for t in page}
        assert {t.category.name for t in page} == {category.name}


def test_categories_have_two_levels_only():
    from django.core.exceptions import ValidationError

    top = make_category("Construction")
    sub = make_category("Foundations", parent=top)
    deeper = Category(slug="piles", name_uz="Qoziqlar", parent=sub)
    with pytest.raises(ValidationError, match="two levels"):
        deeper.full_clean()
    top.parent = make_category("Other")
    with pytest.raises(ValidationError, match="stays a top category"):
        top.full_clean()
