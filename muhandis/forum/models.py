"""The questions-and-answers forum: categories and tags, topics (a question) and their posts
(the question's body is the first post, answers follow), comments, votes, edits kept as
revisions, flags and the moderators' decisions, trust levels and suspensions.

Moderation follows Discourse's design, written here for the association: a person earns trust
levels 0–4 by reading and posting (``ForumProfile``); members flag posts, and a post is hidden
once enough flags arrive (or at once when a moderator flags) until a moderator agrees or
disagrees; every edit keeps the previous text; a suspended person reads but cannot post.
Nothing is deleted: a deleted post keeps its row with ``deleted_at``.

Personal data: the posts, comments, votes and flags a person made, their forum statistics and
their suspensions. Public: visible topics and posts with their authors' display names.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel

# Lengths people see in forms and errors.
TITLE_MIN_LENGTH = 10
TITLE_MAX_LENGTH = 200
BODY_MIN_LENGTH = 20
BODY_MAX_LENGTH = 30_000
COMMENT_MAX_LENGTH = 600
REASON_MAX_LENGTH = 300


class Category(models.Model):
    """A category of topics: a top category (``parent`` empty) or one of its subcategories.
    Two levels only. Name and description are translated (uz, ru, en)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    # Translated in uz, ru, en (translation.py).
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="forum_category_not_own_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Two levels only: a subcategory's parent is a top category."""
        if self.parent is not None and (
            self.parent.parent_id is not None or (self.pk and self.parent_id == self.pk)
        ):
            raise ValidationError(
                {"parent": _("Choose a top category: categories have two levels only.")}
            )
        if self.pk and self.parent is not None and self.children.exists():
            raise ValidationError(
                {"parent": _("This category has subcategories, so it stays a top category.")}
            )


class Tag(models.Model):
    """A tag on topics; ``name`` is what people type, in lower case."""

    name = models.CharField(_("name"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Topic(PublicIdModel, TimeStampedModel):
    """A question and everything posted under it. ``answer_count``, ``last_activity_at`` and
    ``is_hidden`` are kept by the services (lists read them without counting posts)."""

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="topics"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="topics")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="forum_topics",
    )
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    accepted_answer = models.ForeignKey(
        "Post",
        verbose_name=_("accepted answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    views_count = models.PositiveIntegerField(_("views"), default=0)
    is_closed = models.BooleanField(_("closed"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    # Hidden with its question (flags, a moderator, or the question deleted).
    is_hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            models.Index(fields=["category", "-last_activity_at"], name="forum_topic_cat_activity"),
            models.Index(fields=["author", "created_at"], name="forum_topic_author_created"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:topic", args=[self.public_id])


class HiddenReason(models.TextChoices):
    FLAGS = "flags", _("Hidden after flags from members")
    MODERATOR = "moderator", _("Hidden by a moderator")


class Post(TimeStampedModel):
    """The question (``number`` 1) or an answer. ``body`` is the markdown the author typed,
    ``html`` its sanitised rendering, ``search_text`` the Latin search key of the title (first
    post) and body; on PostgreSQL a generated ``tsvector`` column of it carries a GIN index
    (migration 0002)."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_posts",
    )
    body = models.TextField(_("text"))
    html = models.TextField(editable=False)
    search_text = models.TextField(editable=False, default="")
    score = models.IntegerField(_("score"), default=0)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    revision_count = models.PositiveIntegerField(_("edits"), default=0)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(
        _("why hidden"), max_length=12, choices=HiddenReason.choices, blank=True
    )
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["topic", "number"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="forum_post_number_once"),
            models.CheckConstraint(
                condition=(Q(hidden_at__isnull=True) & Q(hidden_reason=""))
                | (Q(hidden_at__isnull=False) & ~Q(hidden_reason="")),
                name="forum_post_hidden_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["author", "created_at"], name="forum_post_author_created")]

    def __str__(self) -> str:
        # The audit trail's label of a post: "<question title> #<number>".
        return f"{self.topic.title} #{self.number}"

    def get_absolute_url(self) -> str:
        return f"{self.topic.get_absolute_url()}#post-{self.number}"

    @property
    def is_question(self) -> bool:
        return self.number == 1

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_visible(self) -> bool:
        return self.hidden_at is None and self.deleted_at is None


class Comment(TimeStampedModel):
    """A short remark under a post (plain text, no markdown)."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_comments",
    )
    body = models.CharField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["post", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["author", "created_at"], name="forum_comment_author_created")
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.body[:40]}"


class Vote(TimeStampedModel):
    """A person's +1 or −1 on a post; one per person per post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_votes"
    )
    value = models.SmallIntegerField(_("vote"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="forum_vote_once"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="forum_vote_plus_minus"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.value:+d} {self.post_id}"


class PostRevision(models.Model):
    """What a post said before an edit: the previous text (and title, for a question), who
    edited, when and why. ``number`` counts the edits of the post from 1."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("edit"))
    title = models.CharField(_("previous title"), max_length=TITLE_MAX_LENGTH, blank=True)
    body = models.TextField(_("previous text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited"))
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["post", "-number"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="forum_revision_once")
        ]

    def __str__(self) -> str:
        return f"{self.post_id} v{self.number}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OFF_TOPIC = "off_topic", _("Off-topic")
    INAPPROPRIATE = "inappropriate", _("Inappropriate")
    OTHER = "other", _("Something else")


class FlagStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    AGREED = "agreed", _("Agreed")
    DISAGREED = "disagreed", _("Disagreed")


class Flag(TimeStampedModel):
    """A member's report that a post breaks the rules, and the moderator's decision on it."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        on_delete=models.CASCADE,
        related_name="forum_flags",
    )
    reason = models.CharField(_("reason"), max_length=15, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=REASON_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.PENDING
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(fields=["post", "flagged_by"], name="forum_flag_once")
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="forum_flag_status")]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.reason} ({self.status})"


class TrustLevel(models.IntegerChoices):
    NEW = 0, _("New member")
    BASIC = 1, _("Basic member")
    MEMBER = 2, _("Member")
    REGULAR = 3, _("Regular")
    LEADER = 4, _("Leader")


class ForumProfile(models.Model):
    """A person's standing in the forum: their trust level and the statistics it is earned
    by. ``handle`` is the name others @mention. Staff and moderators count as level 4 whatever
    is stored (see ``services.trust.trust_level_of``)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    handle = models.SlugField(_("forum name"), max_length=40, unique=True)
    trust_level = models.PositiveSmallIntegerField(
        _("trust level"),
        choices=TrustLevel.choices,
        default=TrustLevel.NEW,
        validators=[MinValueValidator(0), MaxValueValidator(4)],
    )
    # A moderator may hold a level by hand; the daily run then leaves it alone.
    level_locked = models.BooleanField(_("level set by a moderator"), default=False)
    posts_read = models.PositiveIntegerField(_("posts read"), default=0)
    topics_entered = models.PositiveIntegerField(_("topics entered"), default=0)
    days_visited = models.PositiveIntegerField(_("days visited"), default=0)
    last_visit_date = models.DateField(_("last visit"), null=True, blank=True)
    likes_received = models.PositiveIntegerField(_("likes received"), default=0)
    likes_given = models.PositiveIntegerField(_("likes given"), default=0)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    topic_count = models.PositiveIntegerField(_("topics"), default=0)
    level_changed_at = models.DateTimeField(_("level since"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum profile")
        verbose_name_plural = _("forum profiles")

    def __str__(self) -> str:
        return self.handle


class Suspension(TimeStampedModel):
    """A person may not post, answer, comment, vote or flag until ``until`` (or until a
    moderator lifts it)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="forum_suspensions",
    )
    until = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suspended by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        indexes = [models.Index(fields=["person", "until"], name="forum_suspension_person")]

    def __str__(self) -> str:
        return f"{self.person_id} until {self.until:%Y-%m-%d}"


class Mention(models.Model):
    """A person @mentioned in a post (told once per post)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_mentions"
    )

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="forum_mention_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.post_id}"


class ReadState(models.Model):
    """How far a person has read a topic (the highest post number seen)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="read_states")
    last_read_number = models.PositiveIntegerField(default=0)
    first_visit_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("read state")
        verbose_name_plural = _("read states")
        constraints = [
            models.UniqueConstraint(fields=["person", "topic"], name="forum_read_state_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} read {self.topic_id} to {self.last_read_number}"
