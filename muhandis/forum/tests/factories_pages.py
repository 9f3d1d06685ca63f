"""Forum content for the page tests, written straight to the tables (the services' own rules,
rate limits included, are tested with the services)."""

import datetime
import itertools

from django.utils import timezone

from muhandis.accounts.tests.factories import make_person
from muhandis.forum import markdown
from muhandis.forum.models import Category, Comment, ForumProfile, Post, Tag, Topic

_numbers = itertools.count(1)


def make_category(name: str = "Suv taʼminoti", *, parent: Category | None = None) -> Category:
    n = next(_numbers)
    return Category.objects.create(
        slug=f"category-{n}", name=name, name_uz=name, name_en=name, parent=parent, position=n
    )


def make_member(role: str | None = "engineer", *, level: int = 1, **fields) -> object:
    person = make_person(role, **fields)
    n = next(_numbers)
    ForumProfile.objects.create(person=person, handle=f"member-{n}", trust_level=level)
    return person


def add_post(topic: Topic, author, body: str, **fields) -> Post:
    number = (topic.posts.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    post = Post.objects.create(
        topic=topic,
        number=number,
        author=author,
        body=body,
        html=markdown.render(body),
        search_text=markdown.search_text(topic.title if number == 1 else "", body),
        **fields,
    )
    if number > 1:
        Topic.objects.filter(pk=topic.pk).update(answer_count=topic.posts.count() - 1)
        topic.refresh_from_db()
    return post


def make_topic(
    author,
    *,
    title: str = "Nasos stansiyasi uchun qaysi nasos?",
    body: str = "60 metr koʻtarish, 40 l/s: qaysi nasoslarni tanlash kerak?",
    category: Category | None = None,
    tags: tuple[str, ...] = (),
) -> Topic:
    topic = Topic.objects.create(
        title=title,
        category=category or make_category(),
        author=author,
        last_activity_at=timezone.now() - datetime.timedelta(hours=1),
    )
    topic.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])
    add_post(topic, author, body)
    return topic


def add_comment(post: Post, author, body: str = "Statik bosimni tekshirdingizmi?") -> Comment:
    return Comment.objects.create(post=post, author=author, body=body)
