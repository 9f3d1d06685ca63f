"""Writes of the forum: posting (``posting``), moderation (``moderation``) and trust levels,
suspensions and rate limits (``trust``). Every function is keyword-only and raises
``ForumError`` with a translated message the person can act on."""


class ForumError(Exception):
    """A request that cannot be done; the message is for the person who asked."""
