"""Who may do what with consultations: the administrator and the community moderator prepare
a consultation, open it, summarise the comments and publish the response; the registrar reads
the staff pages and the exports. Members (or every signed-in engineer, as each consultation
says) comment; the public reads the draft, the counts and the response."""

from muhandis.accounts.roles import Role

EDITORS: tuple[str, ...] = (Role.ADMIN, Role.MODERATOR)
READERS: tuple[str, ...] = (Role.ADMIN, Role.MODERATOR, Role.REGISTRAR)
