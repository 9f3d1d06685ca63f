"""Who may do what with events: the training manager and the administrator create, edit,
publish and cancel events and mark attendance (the same people who run training sessions,
whose attendance pages events reuse). Anyone reads published events; a signed-in person
registers and cancels their own registration."""

from muhandis.accounts.roles import Role

STAFF: tuple[str, ...] = (Role.TRAINING_MANAGER, Role.ADMIN)
