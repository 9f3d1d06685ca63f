"""Asking, answering, commenting, editing, voting and accepting, as members see them."""

import pytest

from muhandis.forum.models import Post, PostRevision, Vote
from muhandis.forum.services import ForumError, posting
from muhandis.forum.tests.factories import (
    LONG,
    make_answer,
    make_category,
    make_topic,
    member,
    question,
)
from muhandis.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_question_is_its_first_post_with_safe_html():
    asker = member(1)
    topic = posting.ask_question(
        person=asker,
        category=make_category(),
        title="Is <b>bold</b> allowed in titles?",
        body="**Strong** words and <script>alert('x')</script> in the text.",
        tags=["Foundations", "#concrete"],
    )
    post = question(topic)
    assert "<strong>Strong</strong>" in post.html
    assert "<script>" not in post.html
    assert "&lt;script&gt;" in post.html
    assert sorted(t.name for t in topic.tags.all()) == ["concrete", "foundations"]


def test_the_asker_hears_of_an_answer_in_their_language():
    asker = member(1, preferred_language="en")
    topic = make_topic(author=asker)
    make_answer(topic)
    notice = Notification.objects.get(person=asker)
    assert notice.kind == "forum.reply"
    assert topic.title in notice.title
    topic.refresh_from_db()
    assert topic.answer_count == 1


def test_every_edit_keeps_the_previous_text():
    topic = make_topic()
    post = question(topic)
    posting.edit_post(
        person=topic.author,
        post=post,
        body=LONG + " Edited.",
        title="A better title here",
        reason="typo",
    )
    posting.edit_post(person=topic.author, post=post, body=LONG + " Edited twice.")
    revisions = list(PostRevision.objects.filter(post=post).order_by("number"))
    assert [r.body for r in revisions] == [LONG, LONG + " Edited."]
    assert revisions[0].title == "How deep should a strip foundation be?"
    assert revisions[0].reason == "typo"
    post.refresh_from_db()
    assert post.revision_count == 2
    assert post.topic.title == "A better title here"


def test_someone_else_cannot_edit_a_post():
    topic = make_topic()
    with pytest.raises(ForumError, match="Only the author or a moderator"):
        posting.edit_post(person=member(3), post=question(topic), body=LONG + " mine")


def test_votes_change_and_undo_but_not_on_ones_own_post():
    topic = make_topic()
    answer = make_answer(topic)
    voter = member(1)
    assert posting.vote(person=voter, post=answer, value=1) == 1
    assert posting.vote(person=voter, post=answer, value=-1) == -1
    assert posting.vote(person=voter, post=answer, value=0) == 0
    assert not Vote.objects.filter(post=answer).exists()
    with pytest.raises(ForumError, match="your own post"):
        posting.vote(person=answer.author, post=answer, value=1)


def test_only_the_asker_accepts_an_answer_and_only_one_is_accepted():
    topic = make_topic()
    first, second = make_answer(topic), make_answer(topic)
    with pytest.raises(ForumError, match="Only the person who asked"):
        posting.accept_answer(person=first.author, post=first)
    posting.accept_answer(person=topic.author, post=first)
    posting.accept_answer(person=topic.author, post=second)
    topic.refresh_from_db()
    assert topic.accepted_answer == second
    assert Notification.objects.filter(person=second.author, kind="forum.accepted").exists()


def test_a_mention_tells_the_person_named():
    named = member(1)
    handle = named.forum_profile.handle
    topic = make_topic()
    post = make_answer(topic, body=f"I think @{handle} knows this well, ask them please.")
    assert f'<span class="mention">@{handle}</span>' in post.html
    assert Notification.objects.filter(person=named, kind="forum.mention").exists()


def test_a_deleted_question_hides_its_topic():
    topic = make_topic()
    posting.delete_post(person=topic.author, post=question(topic))
    topic.refresh_from_db()
    assert topic.is_hidden
    assert Post.objects.get(topic=topic, number=1).deleted_at is not None


def test_a_question_without_a_category_title_or_text_is_refused_clearly():
    asker = member(1)
    with pytest.raises(ForumError, match="Choose a category"):
        posting.ask_question(person=asker, category=None, title="A good title", body=LONG)
    with pytest.raises(ForumError, match="title of 10 to 200"):
        posting.ask_question(person=asker, category=make_category(), title="Short", body=LONG)
    with pytest.raises(ForumError, match="at least 20 characters"):
        posting.ask_question(person=asker, category=make_category(), title="A good title", body=" ")
