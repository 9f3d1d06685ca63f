"""Who may do what with needs surveys.

Staff who run surveys (the training manager and the administrator) see everything, identified
answers included. Report viewers (donors, the board) read the aggregated reports, never an
answer. Nobody else sees anything but the survey they are answering."""

from muhandis.accounts.roles import Role

# Build surveys, send invitations, see who answered, import and export answers, plan training.
MANAGERS: tuple[str, ...] = (Role.TRAINING_MANAGER, Role.ADMIN)
# Read the aggregated reports (suppressed where small) and the plans.
READERS: tuple[str, ...] = (Role.TRAINING_MANAGER, Role.ADMIN, Role.REPORT_VIEWER)
