"""What the forum tells people, through the notification centre: each notice in the person's
language, from the templates under ``forum/notices/``, leading to the post it is about."""

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.notifications.services import notify, register_kind

from ..models import Post, Topic

GROUP = _("Forum")
REPLY = "forum.reply"
ACCEPTED = "forum.accepted"
MENTION = "forum.mention"
HIDDEN = "forum.post_hidden"
RESTORED = "forum.post_restored"
SUSPENDED = "forum.suspended"
REVIEW = "forum.review"


def register_kinds() -> None:
    """The forum's kinds of notice (called from ``AppConfig.ready``)."""
    register_kind(REPLY, _("Answers and comments on your posts"), group=GROUP)
    register_kind(ACCEPTED, _("Your answer was accepted"), group=GROUP)
    register_kind(MENTION, _("Someone mentioned you"), group=GROUP)
    register_kind(HIDDEN, _("Your post was hidden after flags"), group=GROUP, required=True)
    register_kind(RESTORED, _("Your post was restored"), group=GROUP)
    register_kind(SUSPENDED, _("Your forum account was suspended"), group=GROUP, required=True)
    register_kind(REVIEW, _("Posts waiting for a moderator"), group=GROUP, email="digest")


def topic_url(topic: Topic, *, language: str, number: int | None = None) -> str:
    """The topic's address in ``language`` (at post ``number``), or "" before the pages
    exist."""
    try:
        with translation.override(language):
            url = reverse("forum:topic", args=[topic.public_id])
    except NoReverseMatch:
        return ""
    return f"{url}#post-{number}" if number else url


def tell(
    person: User,
    kind: str,
    what: str,
    *,
    topic: Topic,
    post: Post | None = None,
    **context: Any,
) -> None:
    """Notify ``person`` of ``kind`` with the template ``forum/notices/<what>``."""
    language = person.preferred_language or "uz"
    url = topic_url(topic, language=language, number=post.number if post else None)
    notify(
        person=person,
        kind=kind,
        template=f"forum/notices/{what}",
        context={"topic": topic, "post": post, **context},
        url=url,
    )


def moderators() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.MODERATOR,
            role_assignments__revoked_at__isnull=True,
        ).distinct()
    )
