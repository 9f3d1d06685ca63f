"""Writes and workflows of appeals and complaints."""

from .appeals import (  # noqa: F401
    AppealableDecision,
    acknowledge_appeal,
    appealable_decisions,
    cast_panel_vote,
    decision_on_application,
    decision_on_certificate,
    form_panel,
    lodge_appeal,
    panel_problem,
)
from .complaints import (  # noqa: F401
    acknowledge_complaint,
    add_note,
    assign_investigator,
    close_complaint,
    file_complaint,
    investigator_problem,
)
