"""Asking, answering, commenting, voting, accepting, editing and flagging through the pages.
A refusal of the services is shown on the form, in the person's language, with their text
kept."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from muhandis.forum.models import Comment, Flag, Post, PostRevision, Suspension, Topic, Vote
from tests.visible import read

from .factories_pages import add_post, make_category, make_member, make_topic

pytestmark = pytest.mark.django_db

BODY = "Nasos stansiyasi uchun 60 metr koʻtarishda qaysi nasoslarni tanlash kerak?"


def _ask(client, category, **changes):
    data = {
        "title": "Qaysi nasoslarni tanlash kerak?",
        "category": str(category.pk),
        "body": BODY,
        "tags": "nasoslar, suv",
    }
    data.update(changes)
    return client.post("/en/forum/ask/", data)


def _textarea(html: str, element_id: str) -> str:
    found = re.search(rf'<textarea[^>]*id="{element_id}"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, element_id
    return found.group(1).strip()


def test_an_engineer_asks_a_question_with_tags(client):
    asker = make_member(preferred_language="en")
    category = make_category("Water supply")
    client.force_login(asker)

    response = _ask(client, category)

    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert sorted(t.name for t in topic.tags.all()) == ["nasoslar", "suv"]
    text = read(client.get(response["Location"]).content.decode())[0]
    assert "Your question is posted." in text
    assert "Qaysi nasoslarni tanlash kerak?" in text


def test_a_new_member_posting_a_link_is_refused_and_keeps_the_text(client):
    newcomer = make_member(level=0, preferred_language="en")
    client.force_login(newcomer)
    body = "See [the catalogue](https://pumps.example.com/catalogue) for the curves of DN 150."

    response = _ask(client, make_category(), body=body, title="Which pump curve fits?")

    assert response.status_code == 400
    html = response.content.decode()
    assert "New members cannot post links yet" in read(html)[0]
    assert "https://pumps.example.com/catalogue" in _textarea(html, "id_body")
    assert 'value="Which pump curve fits?"' in html
    assert not Topic.objects.exists()


def test_a_suspended_person_is_told_why_on_the_answer_form_and_keeps_the_answer(client):
    topic = make_topic(make_member())
    person = make_member(level=2, preferred_language="en")
    Suspension.objects.create(
        person=person, until=timezone.now() + datetime.timedelta(days=3), reason="spam links"
    )
    client.force_login(person)
    answer = "Take two duty pumps and one standby; check the NPSH at the lowest level."

    response = client.post(reverse("forum:answer", args=[topic.public_id]), {"body": answer})

    assert response.status_code == 400
    html = response.content.decode()
    assert "suspended" in read(html)[0]
    assert "spam links" in read(html)[0]
    assert _textarea(html, "id_body") == answer
    assert topic.posts.count() == 1


def test_a_second_answer_too_soon_is_refused_with_the_text_kept(client):
    topic = make_topic(make_member())
    newcomer = make_member(level=0, preferred_language="en")
    client.force_login(newcomer)
    url = reverse("forum:answer", args=[topic.public_id])
    assert (
        client.post(url, {"body": "First answer: check the static head first."}).status_code == 302
    )

    response = client.post(url, {"body": "Second answer, sent right after the first one."})

    assert response.status_code == 400
    assert "Second answer, sent right after" in _textarea(response.content.decode(), "id_body")
    assert topic.posts.count() == 2


def test_a_comment_refused_keeps_its_text_under_its_post(client):
    topic = make_topic(make_member())
    client.force_login(make_member(level=0, preferred_language="en"))
    comment = "The curves are at https://pumps.example.com/curves for DN 150."

    response = client.post(reverse("forum:comment", args=[topic.public_id, 1]), {"body": comment})

    assert response.status_code == 400
    html = response.content.decode()
    assert _textarea(html, "comment-1-body") == comment
    assert "New members cannot post links yet" in read(html)[0]
    assert not Comment.objects.exists()


def test_votes_work_with_htmx_and_without(client):
    topic = make_topic(make_member())
    answer = add_post(topic, make_member(), "Take PN 16 pipes for a 10 bar network.")
    client.force_login(make_member(level=2, preferred_language="en"))
    url = reverse("forum:vote", args=[topic.public_id, answer.number])

    fragment = client.post(url, {"value": "1"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert 'id="votes-2"' in fragment.content.decode()
    assert "Score: 1" in read(fragment.content.decode())[0]

    again = client.post(url, {"value": "1"})  # the same vote again takes it back
    assert again.status_code == 302
    assert again["Location"].endswith("#post-2")
    answer.refresh_from_db()
    assert answer.score == 0
    assert not Vote.objects.exists()


def test_a_refused_vote_is_explained_in_place(client):
    author = make_member(preferred_language="en")
    topic = make_topic(author)
    client.force_login(author)
    url = reverse("forum:vote", args=[topic.public_id, 1])
    fragment = client.post(url, {"value": "1"}, headers={"HX-Request": "true"})
    assert "You cannot vote on your own post." in read(fragment.content.decode())[0]


def test_the_asker_accepts_an_answer_and_others_cannot(client):
    asker = make_member(preferred_language="en")
    topic = make_topic(asker)
    answer = add_post(topic, make_member(), "Take PN 16 pipes for a 10 bar network.")
    url = reverse("forum:accept", args=[topic.public_id, answer.number])

    client.force_login(make_member(level=3, preferred_language="en"))
    refused = client.post(url, follow=True)
    assert "Only the person who asked" in read(refused.content.decode())[0]
    topic.refresh_from_db()
    assert topic.accepted_answer is None

    client.force_login(asker)
    client.post(url)
    topic.refresh_from_db()
    assert topic.accepted_answer == answer


def test_the_author_edits_and_the_history_keeps_the_earlier_text(client):
    author = make_member(level=2, preferred_language="en")
    topic = make_topic(author, body="The first version of the question, long enough to keep.")
    client.force_login(author)
    url = reverse("forum:edit", args=[topic.public_id, 1])
    assert "The first version" in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "title": "Which pumps for a 60 m rise?",
            "body": "The second version of the question, with the flow: 40 l/s.",
            "reason": "added the flow",
        },
    )

    assert response.status_code == 302
    assert PostRevision.objects.get().body.startswith("The first version")
    history = client.get(reverse("forum:revisions", args=[topic.public_id, 1]))
    text = read(history.content.decode())[0]
    assert "The second version" in text
    assert "The first version" in text
    assert "added the flow" in text


def test_a_member_flags_a_post_with_a_reason(client):
    topic = make_topic(make_member())
    answer = add_post(topic, make_member(), "Buy my pumps, best prices, call now please.")
    client.force_login(make_member(level=1, preferred_language="en"))
    url = reverse("forum:flag", args=[topic.public_id, answer.number])
    assert client.get(url).status_code == 200

    response = client.post(url, {"reason": "spam", "note": "an advert"})

    assert response.status_code == 302
    flag = Flag.objects.get()
    assert (flag.post, flag.reason, flag.note) == (answer, "spam", "an advert")


def test_a_new_member_cannot_flag_yet_and_is_told_why(client):
    topic = make_topic(make_member())
    client.force_login(make_member(level=0, preferred_language="en"))
    response = client.post(
        reverse("forum:flag", args=[topic.public_id, 1]), {"reason": "other", "note": "odd"}
    )
    assert response.status_code == 400
    assert "trust level 1" in read(response.content.decode())[0]
    assert 'value="odd"' in response.content.decode()
    assert not Flag.objects.exists()
    assert Post.objects.get().hidden_at is None
