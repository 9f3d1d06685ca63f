"""Flags, the review queue, moderators' decisions and suspensions."""

import datetime

import pytest
from django.utils import timezone

from muhandis.accounts.roles import Role
from muhandis.core.models import AuditEntry
from muhandis.forum.models import FlagStatus, HiddenReason
from muhandis.forum.selectors import moderation as queue
from muhandis.forum.services import ForumError, moderation, posting
from muhandis.forum.tests.factories import LONG, make_answer, make_topic, member, question
from muhandis.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return member(0, role=Role.MODERATOR)


def test_a_post_is_hidden_when_the_third_member_flags_it(settings):
    settings.FORUM_FLAGS_TO_HIDE = 3
    answer = make_answer(make_topic())
    for _ in range(2):
        moderation.flag_post(person=member(1), post=answer, reason="spam")
    answer.refresh_from_db()
    assert not answer.is_hidden
    moderation.flag_post(person=member(1), post=answer, reason="inappropriate")
    answer.refresh_from_db()
    assert answer.hidden_reason == HiddenReason.FLAGS
    assert Notification.objects.filter(person=answer.author, kind="forum.post_hidden").exists()
    assert AuditEntry.objects.filter(action="forum.post.hidden", actor=None).exists()


def test_a_moderators_flag_hides_at_once(moderator):
    answer = make_answer(make_topic())
    moderation.flag_post(person=moderator, post=answer, reason="spam")
    answer.refresh_from_db()
    assert answer.hidden_reason == HiddenReason.MODERATOR


def test_a_person_flags_a_post_once_and_never_their_own():
    answer = make_answer(make_topic())
    flagger = member(1)
    moderation.flag_post(person=flagger, post=answer, reason="off_topic")
    with pytest.raises(ForumError, match="flagged this post already"):
        moderation.flag_post(person=flagger, post=answer, reason="spam")
    with pytest.raises(ForumError, match="your own post"):
        moderation.flag_post(person=answer.author, post=answer, reason="spam")


def test_new_members_cannot_flag():
    with pytest.raises(ForumError, match="trust level 1"):
        moderation.flag_post(person=member(0), post=make_answer(make_topic()), reason="spam")


def test_flagging_for_something_else_needs_a_note():
    with pytest.raises(ForumError, match="Say what is wrong"):
        moderation.flag_post(person=member(1), post=make_answer(make_topic()), reason="other")


def test_the_queue_groups_pending_flags_by_post(settings, django_assert_max_num_queries):
    settings.FORUM_FLAGS_TO_HIDE = 10
    topic = make_topic()
    first, second = make_answer(topic), make_answer(topic)
    for post, reasons in ((first, ["spam", "spam", "off_topic"]), (second, ["inappropriate"])):
        for reason in reasons:
            moderation.flag_post(person=member(1), post=post, reason=reason)
    with django_assert_max_num_queries(1):
        items = queue.review_queue()
        assert [item.post.pk for item in items] == [first.pk, second.pk]
        assert items[0].reasons == {"spam": 2, "off_topic": 1}
        assert items[0].post.topic.title == topic.title


def test_a_moderator_who_agrees_keeps_the_post_hidden_and_may_delete_it(settings, moderator):
    settings.FORUM_FLAGS_TO_HIDE = 1
    answer = make_answer(make_topic())
    moderation.flag_post(person=member(1), post=answer, reason="spam")
    assert moderation.agree_with_flags(moderator=moderator, post=answer, delete=True) == 1
    answer.refresh_from_db()
    assert answer.is_hidden
    assert answer.is_deleted
    assert answer.flags.get().status == FlagStatus.AGREED
    assert answer.flags.get().handled_by == moderator
    assert AuditEntry.objects.filter(action="forum.flags.agreed", actor=moderator).exists()
    assert queue.review_queue() == []


def test_a_moderator_who_disagrees_restores_the_post_and_tells_the_author(settings, moderator):
    settings.FORUM_FLAGS_TO_HIDE = 1
    answer = make_answer(make_topic())
    moderation.flag_post(person=member(1), post=answer, reason="spam")
    moderation.disagree_with_flags(moderator=moderator, post=answer, reason="fine")
    answer.refresh_from_db()
    assert answer.is_visible
    assert Notification.objects.filter(person=answer.author, kind="forum.post_restored").exists()
    assert AuditEntry.objects.filter(action="forum.flags.disagreed", actor=moderator).exists()


def test_only_moderators_decide_on_flags():
    answer = make_answer(make_topic())
    moderation.flag_post(person=member(1), post=answer, reason="spam")
    with pytest.raises(ForumError, match="Only a moderator"):
        moderation.disagree_with_flags(moderator=member(4), post=answer)


def test_a_hidden_question_hides_its_topic_until_restored(moderator):
    topic = make_topic()
    moderation.hide_post(moderator=moderator, post=question(topic), reason="spam")
    topic.refresh_from_db()
    assert topic.is_hidden
    moderation.restore_post(moderator=moderator, post=question(topic), reason="not spam")
    topic.refresh_from_db()
    assert not topic.is_hidden


def test_a_suspended_person_cannot_post_and_is_told_why(moderator):
    person = member(2)
    until = timezone.now() + datetime.timedelta(days=7)
    moderation.suspend(moderator=moderator, person=person, until=until, reason="spam links")
    assert Notification.objects.filter(person=person, kind="forum.suspended").exists()
    with pytest.raises(ForumError, match=r"suspended until .* \(spam links\)"):
        make_topic(author=person)
    moderation.lift_suspension(moderator=moderator, person=person, reason="appeal accepted")
    make_topic(author=person)
    actions = set(AuditEntry.objects.filter(actor=moderator).values_list("action", flat=True))
    assert {"forum.person.suspended", "forum.person.unsuspended"} <= actions


def test_a_suspension_needs_a_reason_and_an_end_in_the_future(moderator):
    person = member(2)
    with pytest.raises(ForumError, match="Say why"):
        moderation.suspend(moderator=moderator, person=person, until=timezone.now(), reason=" ")
    with pytest.raises(ForumError, match="in the future"):
        moderation.suspend(moderator=moderator, person=person, until=timezone.now(), reason="spam")


def test_a_moderator_editing_someone_elses_post_says_why_and_is_audited(moderator):
    answer = make_answer(make_topic())
    with pytest.raises(ForumError, match="Say why"):
        posting.edit_post(person=moderator, post=answer, body=LONG + " fixed")
    posting.edit_post(person=moderator, post=answer, body=LONG + " fixed", reason="removed a phone")
    entry = AuditEntry.objects.get(action="forum.post.edited")
    assert entry.actor == moderator
    assert entry.before["body"] == LONG


def test_closing_a_topic_stops_answers_but_not_moderators(moderator):
    topic = make_topic()
    moderation.set_topic_state(moderator=moderator, topic=topic, closed=True, reason="answered")
    with pytest.raises(ForumError, match="closed"):
        make_answer(topic)
    make_answer(topic, author=moderator)
