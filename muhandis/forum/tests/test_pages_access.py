"""Every forum page that writes or moderates checks access on the server: anonymous visitors
are sent to sign in, people without a moderator's role are refused the moderators' pages."""

import pytest
from django.urls import reverse

from muhandis.forum.models import FlagStatus, Suspension

from .factories_pages import add_post, make_member, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(engineer):
    found = make_topic(make_member())
    add_post(found, make_member(), "Ikki ishchi va bitta zaxira nasos oling, NPSH ni tekshiring.")
    return found


def _writing_urls(topic):
    key = topic.public_id
    return [
        ("get", reverse("forum:ask")),
        ("get", reverse("forum:edit", args=[key, 1])),
        ("get", reverse("forum:flag", args=[key, 2])),
        ("post", reverse("forum:answer", args=[key])),
        ("post", reverse("forum:comment", args=[key, 1])),
        ("post", reverse("forum:vote", args=[key, 2])),
        ("post", reverse("forum:accept", args=[key, 2])),
    ]


def _moderation_urls(topic):
    person = topic.author
    return [
        ("get", reverse("forum:review")),
        ("get", reverse("forum:person", args=[person.public_id])),
        ("post", reverse("forum:decide", args=[topic.public_id, 2])),
        ("post", reverse("forum:suspend", args=[person.public_id])),
        ("post", reverse("forum:lift", args=[person.public_id])),
        ("post", reverse("forum:topic_state", args=[topic.public_id])),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_to_write_or_moderate(client, topic):
    for method, url in _writing_urls(topic) + _moderation_urls(topic):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"], url


@pytest.mark.parametrize("persona", ["stranger", "engineer", "registrar"])
def test_moderator_pages_refuse_people_without_the_role(client, request, topic, persona):
    client.force_login(request.getfixturevalue(persona))
    for method, url in _moderation_urls(topic):
        data = {
            "decision": "agree",
            "suspend-until": "2099-01-01",
            "suspend-reason": "spam",
            "change": "close",
        }
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 403, url
    assert not Suspension.objects.exists()
    topic.refresh_from_db()
    assert not topic.is_closed


def test_a_moderator_needs_two_factor_before_the_queue(client, topic):
    from muhandis.accounts.tests.factories import make_person

    client.force_login(make_person("moderator", two_factor=False))
    response = client.get(reverse("forum:review"))
    assert response.status_code == 302
    assert "/mfa/" in response["Location"] or "totp" in response["Location"]


def test_a_moderator_and_an_administrator_open_the_queue_and_a_persons_history(client, topic):
    from muhandis.accounts.tests.factories import make_person

    for role in ("moderator", "admin"):
        client.force_login(make_person(role, two_factor=True))
        assert client.get(reverse("forum:review")).status_code == 200
        url = reverse("forum:person", args=[topic.author.public_id])
        assert client.get(url).status_code == 200


def test_someone_else_cannot_edit_a_post(client, topic, engineer):
    client.force_login(engineer)
    url = reverse("forum:edit", args=[topic.public_id, 1])
    assert client.get(url).status_code == 403
    response = client.post(url, {"title": "Boshqa sarlavha bu yerda", "body": "x" * 40})
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.title != "Boshqa sarlavha bu yerda"


def test_flag_status_is_untouched_by_a_refused_decision(client, topic, engineer):
    from muhandis.forum.models import Flag

    post = topic.posts.get(number=2)
    flag = Flag.objects.create(post=post, flagged_by=engineer, reason="spam")
    client.force_login(engineer)
    url = reverse("forum:decide", args=[topic.public_id, 2])
    assert client.post(url, {"decision": "agree"}).status_code == 403
    flag.refresh_from_db()
    assert flag.status == FlagStatus.PENDING
