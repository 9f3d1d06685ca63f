"""The forum's numbers, in one place: what each trust level may do and how often, and what a
person needs to earn each level. Pure data and functions, no database.

Modelled on Discourse's defaults, made smaller for an association's forum: a new member
(level 0) may ask 3 questions and post 10 times a day, at most once every 30 seconds, with no
links or images; limits loosen as a person reads and takes part. Staff and moderators are level
4 and meet no limit."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What a person of one trust level may do. ``None`` means no limit."""

    topics_per_day: int | None
    posts_per_day: int | None  # questions, answers and comments together
    seconds_between_posts: int
    may_link: bool
    images_per_post: int
    mentions_per_post: int
    may_flag: bool
    may_create_tags: bool


LIMITS: dict[int, Limits] = {
    0: Limits(3, 10, 30, False, 0, 2, False, False),
    1: Limits(10, 40, 15, True, 3, 5, True, True),
    2: Limits(20, 100, 5, True, 10, 10, True, True),
    3: Limits(50, 300, 0, True, 20, 20, True, True),
    4: Limits(None, None, 0, True, 50, 50, True, True),
}

TAGS_PER_TOPIC = 5


def limits_for(level: int) -> Limits:
    return LIMITS[max(0, min(4, level))]


@dataclass(frozen=True)
class Requirement:
    """What a person must have done to reach a level (lifetime counts)."""

    topics_entered: int
    posts_read: int
    days_visited: int = 0
    posts: int = 0
    likes_received: int = 0
    likes_given: int = 0


REQUIREMENTS: dict[int, Requirement] = {
    1: Requirement(topics_entered=5, posts_read=30),
    2: Requirement(
        topics_entered=20, posts_read=100, days_visited=15, posts=3, likes_received=1, likes_given=1
    ),
    3: Requirement(
        topics_entered=100,
        posts_read=500,
        days_visited=50,
        posts=10,
        likes_received=20,
        likes_given=30,
    ),
}
# Level 3 is kept only while the person has fewer agreed flags than this, and no suspension,
# in the last REGULAR_WINDOW_DAYS days (Discourse's "regular" is the one level that can be lost).
REGULAR_MAX_AGREED_FLAGS = 5
REGULAR_WINDOW_DAYS = 100


@dataclass(frozen=True)
class Stats:
    topics_entered: int
    posts_read: int
    days_visited: int
    posts: int
    likes_received: int
    likes_given: int


def meets(stats: Stats, requirement: Requirement) -> bool:
    return (
        stats.topics_entered >= requirement.topics_entered
        and stats.posts_read >= requirement.posts_read
        and stats.days_visited >= requirement.days_visited
        and stats.posts >= requirement.posts
        and stats.likes_received >= requirement.likes_received
        and stats.likes_given >= requirement.likes_given
    )


def earned_level(current: int, stats: Stats, *, in_good_standing: bool) -> int:
    """The level a person holds after the daily run: levels 1 and 2 are never taken away,
    level 3 is lost when the person falls out of good standing (agreed flags, a suspension),
    level 4 is only given by hand."""
    if current >= 4:
        return current
    level = min(current, 2)
    for candidate in (1, 2):
        if level < candidate and meets(stats, REQUIREMENTS[candidate]):
            level = candidate
    if level == 2 and in_good_standing and meets(stats, REQUIREMENTS[3]):
        level = 3
    return level
