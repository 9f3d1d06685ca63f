"""What the audit trail's certification actions mean, for the history pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "certification.application.started": _("Application started"),
    "certification.application.education_added": _("Education added"),
    "certification.application.experience_added": _("Experience added"),
    "certification.application.referee_added": _("Referee added"),
    "certification.application.evidence_added": _("Evidence uploaded"),
    "certification.application.entry_removed": _("Entry removed"),
    "certification.application.submitted": _("Application submitted"),
    "certification.application.withdrawn": _("Application withdrawn"),
    "certification.application.eligibility_decided": _("Eligibility decided"),
    "certification.referee.answered": _("Referee answered"),
    "certification.assessment.assigned": _("Assessor assigned"),
    "certification.assessment.conflict_declared": _("Conflict of interest declared"),
    "certification.assessment.finding_recorded": _("Finding recorded"),
    "certification.assessment.completed": _("Assessment completed"),
    "certification.exam.result_recorded": _("Exam result recorded"),
    "certification.committee.voted": _("Committee member voted"),
    "certification.decision.recorded": _("Committee decision recorded"),
    "certification.certificate.issued": _("Certificate issued"),
    "certification.certificate.imported": _("Certificate imported"),
    "certification.certificate.suspended": _("Certificate suspended"),
    "certification.certificate.reinstated": _("Certificate reinstated"),
    "certification.certificate.withdrawn": _("Certificate withdrawn"),
    "certification.certificate.scope_reduced": _("Scope reduced"),
    "certification.certificate.replaced": _("Certificate replaced"),
    "certification.certificate.reissued": _("Certificate re-issued"),
    "certification.certificate.renewed": _("Certificate renewed"),
    "certification.certificate.expired": _("Certificate expired"),
}
