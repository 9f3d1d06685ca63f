"""Categories, people of each trust level, topics and answers for the forum's tests."""

import datetime
import itertools

from django.utils import timezone

from muhandis.accounts.tests.factories import UserFactory, make_person
from muhandis.forum.models import Category, ForumProfile, Post, Topic
from muhandis.forum.services import posting, trust

_numbers = itertools.count(1)
LONG = "This is a question body that is long enough to be accepted."


def make_category(name: str = "Structures", *, parent: Category | None = None) -> Category:
    number = next(_numbers)
    return Category.objects.create(
        slug=f"category-{number}",
        name_uz=f"{name} uz",
        name_ru=f"{name} ru",
        name_en=name,
        parent=parent,
        position=number,
    )


def member(level: int = 1, role: str | None = None, **fields) -> "UserFactory":
    """A person at trust level ``level`` (created with a forum profile)."""
    fields.setdefault("preferred_language", "en")
    person = make_person(role, **fields) if role else UserFactory(**fields)
    profile = trust.profile_of(person)
    ForumProfile.objects.filter(pk=profile.pk).update(trust_level=level)
    return person


def earlier(seconds: int = 3600) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def make_topic(
    *,
    author=None,
    category: Category | None = None,
    title: str = "How deep should a strip foundation be?",
    body: str = LONG,
    tags=(),
    now: datetime.datetime | None = None,
) -> Topic:
    return posting.ask_question(
        person=author or member(3),
        category=category or make_category(),
        title=title,
        body=body,
        tags=tags,
        now=now,
    )


def make_answer(topic: Topic, *, author=None, body: str = LONG, now=None) -> Post:
    return posting.answer(person=author or member(3), topic=topic, body=body, now=now)


def question(topic: Topic) -> Post:
    return topic.posts.get(number=1)
