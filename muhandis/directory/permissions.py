"""Who may do what in the directory: a firm's current representatives edit its profile, and
so do the registrar and the administrator; each engineer keeps their own listing. Reading the
directory is public."""

from muhandis.accounts.roles import Role

STAFF: tuple[str, ...] = (Role.REGISTRAR, Role.ADMIN)
