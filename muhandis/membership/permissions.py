"""Who may do what with memberships: the registrar and the administrator keep the membership
register (types and fees, approvals, refusals, cancellations, the register and its export).
Members see their own membership; a firm's representatives see and pay the firm's."""

from muhandis.accounts.roles import Role

STAFF: tuple[str, ...] = (Role.REGISTRAR, Role.ADMIN)
