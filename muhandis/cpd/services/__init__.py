"""The CPD ledger and renewal of certificates.

Engineers record what they did; a registrar verifies it (every activity, or a reproducible
random sample each year); only verified hours count towards the scheme's CPD rule; a holder
whose verified hours meet the rule applies to renew, and the committee decides under the same
rules of impartiality and majority as for certification.

``activities`` (the ledger and its verification), ``audit_sample``, ``progress`` (hours
against the rule) and ``renewals``; their public names are available from here.
"""

from .activities import (
    delete_activity,
    record_activity,
    reject_activity,
    update_activity,
    verify_activity,
)
from .audit_sample import AuditSample, choose_sample, draw_audit_sample
from .progress import (
    CategoryProgress,
    CpdProgress,
    cpd_progress,
    hours_text,
    progress_from,
    validity_period,
)
from .renewals import (
    RENEWAL_GRACE_MONTHS,
    apply_for_renewal,
    cast_renewal_vote,
    renewal_problems,
    renewal_vote_problem,
    renewal_window,
)

__all__ = [
    "RENEWAL_GRACE_MONTHS",
    "AuditSample",
    "CategoryProgress",
    "CpdProgress",
    "apply_for_renewal",
    "cast_renewal_vote",
    "choose_sample",
    "cpd_progress",
    "delete_activity",
    "draw_audit_sample",
    "hours_text",
    "progress_from",
    "record_activity",
    "reject_activity",
    "renewal_problems",
    "renewal_vote_problem",
    "renewal_window",
    "update_activity",
    "validity_period",
    "verify_activity",
]
