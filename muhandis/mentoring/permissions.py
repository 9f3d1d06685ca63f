"""Who may do what in mentoring: the training manager and the administrator run the
programmes (programmes, applications, pairing, outcomes). A mentor and a mentee see their own
applications and their pair, with its meetings and notes; staff never read the notes."""

from muhandis.accounts.roles import Role

STAFF: tuple[str, ...] = (Role.TRAINING_MANAGER, Role.ADMIN)
