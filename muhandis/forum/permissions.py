"""Who may use the forum's protected pages. Moderation pages are for moderators and the
association's administrators; everything else a signed-in person may do is decided by the
services (suspension, trust level, authorship)."""

from muhandis.accounts.roles import Role

MODERATORS: tuple[str, ...] = (Role.MODERATOR, Role.ADMIN)
