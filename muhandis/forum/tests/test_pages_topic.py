"""A topic's page as people see it: the question, answers (accepted first, then by score),
comments, badges, hidden posts, and the page's query budget (issue 16: 200 posts in at most 10
queries)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from muhandis.accounts.tests.factories import make_person
from muhandis.forum.models import Flag, HiddenReason, Post, Topic, Vote
from tests.visible import read

from .factories_pages import add_comment, add_post, make_member, make_topic

pytestmark = pytest.mark.django_db


def _url(topic: Topic, language: str = "en") -> str:
    return f"/{language}" + reverse("forum:topic", args=[topic.public_id])[3:]


def _seen(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return read(response.content.decode())[0]


def test_answers_are_shown_accepted_first_then_by_score(client):
    asker = make_member(given_name="Dilnoza", family_name="Karimova")
    topic = make_topic(asker, title="Which pipe class for 10 bar?")
    add_post(topic, make_member(), "Low answer: take PN 10 and hope for the best.", score=1)
    high = add_post(topic, make_member(), "High answer: PN 16 gives margin for surges.", score=9)
    accepted = add_post(topic, make_member(), "Accepted answer: PN 16 and a surge vessel.")
    Topic.objects.filter(pk=topic.pk).update(accepted_answer=accepted)
    add_comment(high, make_member(given_name="Aziz", family_name="Nazarov"), "What about DN 200?")

    text = _seen(client, _url(topic))

    assert (
        text.index("Accepted answer: PN 16") < text.index("High answer") < text.index("Low answer")
    )
    assert "Which pipe class for 10 bar?" in text
    assert "What about DN 200? — Aziz Nazarov" in text
    assert "Dilnoza Karimova" in text
    assert "Sign in to answer, comment or vote." in text


def test_html_and_script_in_a_post_are_shown_as_text(client):
    topic = make_topic(make_member(), body="Try <script>alert('x')</script> and <b>bold</b> here.")
    add_comment(topic.posts.get(), make_member(), "<img src=x onerror=alert(1)> look")

    response = client.get(_url(topic))
    html = response.content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    text = read(html)[0]
    assert "<script>alert('x')</script>" in text
    assert "<img src=x onerror=alert(1)> look" in text


def test_a_post_shows_the_authors_staff_role_and_trust_level(client):
    moderator = make_person("moderator", given_name="Sardor", family_name="Umarov")
    topic = make_topic(make_member(level=2))
    add_post(topic, moderator, "As a moderator I can say: PN 16 is the rule here.")

    text = _seen(client, _url(topic))

    assert "Sardor Umarov" in text
    assert "Community moderator" in text
    assert "Member" in text  # the asker's trust level 2


def test_a_certified_engineer_shows_the_certificate_with_a_link_to_the_register(client):
    from muhandis.certification import demo
    from muhandis.certification.models import Scheme
    from muhandis.cpd.tests.conftest import make_certificate

    demo.load(lambda line: None)
    certified = make_member(given_name="Nodira", family_name="Rashidova")
    certificate = make_certificate(certified, Scheme.objects.filter(status="active").first())
    topic = make_topic(make_member())
    add_post(topic, certified, "Certified answer: I designed three such stations.")

    response = client.get(_url(topic))
    text, links = read(response.content.decode())

    assert "Certified engineer" in text
    name = next(name for name in links if certificate.number in name)
    assert certificate.number in links[name]  # its entry in the public register


def test_a_hidden_post_waits_for_review_for_members_and_shows_to_moderators(client, engineer):
    topic = make_topic(make_member())
    post = add_post(topic, make_member(), "Buy cheap pumps at my shop, call now.")
    Post.objects.filter(pk=post.pk).update(
        hidden_at=post.created_at, hidden_reason=HiddenReason.FLAGS
    )

    client.force_login(engineer)
    text = _seen(client, _url(topic))
    assert "This post is hidden pending moderator review." in text
    assert "Buy cheap pumps" not in text

    client.force_login(make_person("moderator", two_factor=True))
    text = _seen(client, _url(topic))
    assert "Buy cheap pumps at my shop" in text
    assert "Hidden after flags from members" in text
    assert "Review queue" in text


def test_a_hidden_question_shows_only_that_it_waits_for_review(client):
    topic = make_topic(make_member(), title="Spam question title here")
    Topic.objects.filter(pk=topic.pk).update(is_hidden=True)

    text = _seen(client, _url(topic))

    assert "This question is hidden pending moderator review." in text
    assert "Spam question title" not in text


def test_an_unknown_topic_is_not_found(client):
    assert client.get("/en/forum/t/00000000-0000-0000-0000-000000000000/").status_code == 404


def _big_topic() -> Topic:
    authors = [make_member(level=n % 4) for n in range(12)]
    topic = make_topic(authors[0], tags=("pumps", "surge"))
    posts = [
        Post(
            topic=topic,
            number=n,
            author=authors[n % 12],
            body="An answer",
            html="<p>An answer with <strong>bold</strong> words.</p>",
            score=n % 7,
        )
        for n in range(2, 201)
    ]
    Post.objects.bulk_create(posts)
    made = list(topic.posts.all())
    for n, post in enumerate(made[:60]):
        add_comment(post, authors[(n + 3) % 12], f"Comment {n}")
    Topic.objects.filter(pk=topic.pk).update(answer_count=199, accepted_answer=made[5])
    return topic


@pytest.mark.parametrize("who", ["anonymous", "engineer", "moderator"])
def test_a_topic_of_200_posts_takes_at_most_10_queries(client, django_assert_max_num_queries, who):
    topic = _big_topic()
    if who != "anonymous":
        person = make_person(who, two_factor=who == "moderator")
        Vote.objects.create(post=topic.posts.get(number=7), person=person, value=1)
        client.force_login(person)
    # A reader's first page refreshes the session's idle clock (once a minute); the kept
    # posts of anonymous readers are forgotten, so that the page is built from the database.
    client.get(_url(topic))
    cache.clear()
    with django_assert_max_num_queries(10):
        response = client.get(_url(topic))
    assert response.status_code == 200
    assert read(response.content.decode())[0].count("An answer with bold words.") == 199


def test_an_anonymous_reader_gets_the_kept_page_without_a_query(client, django_assert_num_queries):
    topic = _big_topic()
    client.get(_url(topic))
    with django_assert_num_queries(0):
        response = client.get(_url(topic))
    assert read(response.content.decode())[0].count("An answer with bold words.") == 199


def test_a_flag_and_a_vote_show_to_anonymous_readers_once_kept_posts_are_forgotten(client):
    topic = make_topic(make_member())
    add_post(topic, make_member(), "Take PN 16 pipes for a 10 bar network.")
    client.get(_url(topic))
    voter = make_member(level=2)
    client.force_login(voter)
    client.post(reverse("forum:vote", args=[topic.public_id, 2]), {"value": "1"})
    client.logout()
    assert "Score: 1" in _seen(client, _url(topic))
    assert Flag.objects.count() == 0


def test_the_page_reports_a_view_once_loaded_and_a_reader_earns_what_they_read(client, engineer):
    topic = make_topic(make_member())
    add_post(topic, make_member(), "Take PN 16 pipes for a 10 bar network.")
    html = client.get(_url(topic)).content.decode()
    assert f'hx-post="/en/forum/t/{topic.public_id}/read/"' in html

    client.post(reverse("forum:read", args=[topic.public_id]), {"up_to": "2"})
    client.force_login(engineer)
    client.post(reverse("forum:read", args=[topic.public_id]), {"up_to": "2"})

    topic.refresh_from_db()
    assert topic.views_count == 2
    assert engineer.forum_profile.posts_read == 2
    assert engineer.forum_profile.topics_entered == 1


def test_the_author_of_a_hidden_post_still_reads_it_with_a_note(client):
    topic = make_topic(make_member())
    author = make_member(preferred_language="en")
    post = add_post(topic, author, "My answer that three members flagged by mistake.")
    Post.objects.filter(pk=post.pk).update(
        hidden_at=post.created_at, hidden_reason=HiddenReason.FLAGS
    )
    client.force_login(author)
    text = _seen(client, _url(topic))
    assert "My answer that three members flagged" in text
    assert "Other members see only that it waits for review." in text
    assert "Review queue" not in text
