"""Who may do what on the opportunities board: community moderators and the administrator
keep it (post, import, withdraw anything with a reason); representatives of member firms in
good standing whose membership type carries the "posting opportunities" benefit post for their
firm and change only their firm's opportunities."""

from muhandis.accounts.roles import Role

STAFF: tuple[str, ...] = (Role.MODERATOR, Role.ADMIN)
