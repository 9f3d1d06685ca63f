"""The moderators' pages: the review queue (agree, delete, disagree, with a note), a person's
history, suspending a person and lifting it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.forum.models import Flag, FlagStatus, HiddenReason, Post, Suspension
from tests.visible import read

from .factories_pages import add_post, make_member, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return make_person(
        "moderator", two_factor=True, preferred_language="en", given_name="Malika", family_name="Y"
    )


@pytest.fixture
def flagged():
    topic = make_topic(make_member(), title="Which pumps for a 60 m rise?")
    post = add_post(topic, make_member(given_name="Spam", family_name="Er"), "Buy my pumps now!")
    for reason in ("spam", "spam", "inappropriate"):
        Flag.objects.create(post=post, flagged_by=make_member(), reason=reason, note="advert")
    Post.objects.filter(pk=post.pk).update(
        hidden_at=timezone.now(), hidden_reason=HiddenReason.FLAGS
    )
    post.refresh_from_db()
    return post


def test_the_queue_shows_flagged_posts_with_their_flags(client, moderator, flagged):
    client.force_login(moderator)
    text = read(client.get(reverse("forum:review")).content.decode())[0]
    assert "Which pumps for a 60 m rise?" in text
    assert "Buy my pumps now!" in text
    assert "3 flags" in text
    assert "Spam: advert" in text


def test_disagreeing_shows_the_post_again_and_is_audited_with_the_note(client, moderator, flagged):
    client.force_login(moderator)
    url = reverse("forum:decide", args=[flagged.topic.public_id, flagged.number])
    prefix = f"p{flagged.pk}"

    response = client.post(url, {"decision": "disagree", f"{prefix}-note": "a fair answer"})

    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.hidden_at is None
    assert set(Flag.objects.values_list("status", flat=True)) == {FlagStatus.DISAGREED}
    entry = AuditEntry.objects.get(action="forum.flags.disagreed")
    assert (entry.actor, entry.reason) == (moderator, "a fair answer")
    assert "Nothing waits for review." in read(client.get(response["Location"]).content.decode())[0]


def test_agreeing_and_deleting_keeps_the_post_from_readers(client, moderator, flagged):
    client.force_login(moderator)
    url = reverse("forum:decide", args=[flagged.topic.public_id, flagged.number])
    client.post(url, {"decision": "delete"})
    flagged.refresh_from_db()
    assert flagged.deleted_at is not None
    client.logout()
    text = read(client.get(flagged.topic.get_absolute_url()).content.decode())[0]
    assert "Buy my pumps" not in text


def test_a_decision_without_a_choice_is_explained(client, moderator, flagged):
    client.force_login(moderator)
    url = reverse("forum:decide", args=[flagged.topic.public_id, flagged.number])
    response = client.post(url, {f"p{flagged.pk}-note": "keep my note"})
    assert response.status_code == 400
    assert "Choose to agree or to disagree" in read(response.content.decode())[0]
    assert 'value="keep my note"' in response.content.decode()


def test_a_moderator_suspends_a_person_and_lifts_it(client, moderator, flagged):
    person = flagged.author
    client.force_login(moderator)
    until = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()

    response = client.post(
        reverse("forum:suspend", args=[person.public_id]),
        {"suspend-until": until, "suspend-reason": "adverts in answers"},
    )

    assert response.status_code == 302
    suspension = Suspension.objects.get(person=person)
    assert suspension.reason == "adverts in answers"
    page = client.get(reverse("forum:person", args=[person.public_id]))
    text = read(page.content.decode())[0]
    assert "adverts in answers" in text
    assert "Lift the suspension" in text

    client.post(reverse("forum:lift", args=[person.public_id]), {"lift-note": "promised to stop"})
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator


def test_a_suspension_in_the_past_is_refused_with_the_reason_kept(client, moderator, flagged):
    client.force_login(moderator)
    response = client.post(
        reverse("forum:suspend", args=[flagged.author.public_id]),
        {"suspend-until": "2020-01-01", "suspend-reason": "adverts"},
    )
    assert response.status_code == 400
    assert "Choose a day after today." in read(response.content.decode())[0]
    assert "adverts" in response.content.decode()
    assert not Suspension.objects.exists()


def test_suspending_another_moderator_is_refused_on_the_form(client, moderator):
    other = make_person("moderator", two_factor=True)
    client.force_login(moderator)
    until = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        reverse("forum:suspend", args=[other.public_id]),
        {"suspend-until": until, "suspend-reason": "testing"},
    )
    assert response.status_code == 400
    assert "A moderator cannot be suspended" in read(response.content.decode())[0]


def test_the_history_lists_the_moderators_actions_about_the_person(client, moderator, flagged):
    client.force_login(moderator)
    url = reverse("forum:decide", args=[flagged.topic.public_id, flagged.number])
    client.post(url, {"decision": "agree", f"p{flagged.pk}-note": "an advert"})
    text = read(
        client.get(reverse("forum:person", args=[flagged.author.public_id])).content.decode()
    )[0]
    assert "an advert" in text
    assert "Agreed" in text


def test_a_moderator_closes_a_question_and_answers_stop(client, moderator):
    topic = make_topic(make_member(), title="Which pumps for a 60 m rise?")
    client.force_login(moderator)
    url = reverse("forum:topic_state", args=[topic.public_id])

    client.post(url, {"change": "close", "reason": "answered enough"})

    topic.refresh_from_db()
    assert topic.is_closed
    entry = AuditEntry.objects.get(action="forum.topic.changed")
    assert entry.reason == "answered enough"
    client.force_login(make_member(level=2, preferred_language="en"))
    text = read(client.get(f"/en/forum/t/{topic.public_id}/").content.decode())[0]
    assert "This question is closed: it takes no new answers." in text
