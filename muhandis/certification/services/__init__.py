"""Writes and workflows of certification: schemes, applications."""

from .applications import (  # noqa: F401
    EligibilityCheck,
    add_education,
    add_evidence,
    add_experience,
    add_referee,
    decide_eligibility,
    eligibility,
    experience_years,
    referee_from_token,
    referee_token,
    remove_entry,
    respond_as_referee,
    start_application,
    submission_problems,
    submit_application,
    withdraw_application,
)
from .certificates import ACTIONS as CERTIFICATE_ACTIONS  # noqa: F401
from .certificates import (  # noqa: F401
    change_certificate_status,
    reduce_scope,
    reissue_certificate,
)
from .decisions import (  # noqa: F401
    assign_assessor,
    cast_vote,
    committee_problem,
    complete_assessment,
    declare_conflict,
    issue_certificate,
    readiness_problems,
    record_exam_result,
    record_finding,
)
from .schemes import (  # noqa: F401
    LANGUAGES,
    TRANSLATED,
    activate_scheme,
    new_scheme_version,
    scheme_problems,
)
