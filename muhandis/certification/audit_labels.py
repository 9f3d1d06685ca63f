"""What the audit trail's certification actions mean, for the history pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "certification.scheme.activated": _("Scheme version opened"),
    "certification.scheme.version_created": _("New scheme version drafted"),
    "certification.certificates.bench_filled": _("Benchmark certificates created"),
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
    "certification.import.completed": _("Certificates imported from a file"),
    "certification.register.exported": _("Register exported"),
}

SENTENCES = {
    "certification.scheme.activated": _("%(actor)s opened the scheme “%(target)s”"),
    "certification.scheme.version_created": _(
        "%(actor)s drafted a new version of the scheme “%(target)s”"
    ),
    "certification.certificates.bench_filled": _("%(actor)s created benchmark certificates"),
    "certification.application.started": _("%(actor)s started the application “%(target)s”"),
    "certification.application.education_added": _(
        "%(actor)s added education to the application “%(target)s”"
    ),
    "certification.application.experience_added": _(
        "%(actor)s added experience to the application “%(target)s”"
    ),
    "certification.application.referee_added": _(
        "%(actor)s added a referee to the application “%(target)s”"
    ),
    "certification.application.evidence_added": _(
        "%(actor)s uploaded evidence to the application “%(target)s”"
    ),
    "certification.application.entry_removed": _(
        "%(actor)s removed an entry from the application “%(target)s”"
    ),
    "certification.application.submitted": _("%(actor)s submitted the application “%(target)s”"),
    "certification.application.withdrawn": _("%(actor)s withdrew the application “%(target)s”"),
    "certification.application.eligibility_decided": _(
        "%(actor)s decided the eligibility of the application “%(target)s”"
    ),
    "certification.referee.answered": _("A referee answered for the application “%(target)s”"),
    "certification.assessment.assigned": _(
        "%(actor)s assigned an assessor to the application “%(target)s”"
    ),
    "certification.assessment.conflict_declared": _(
        "%(actor)s declared on conflicts of interest for the application “%(target)s”"
    ),
    "certification.assessment.finding_recorded": _(
        "%(actor)s recorded a finding on the application “%(target)s”"
    ),
    "certification.assessment.completed": _(
        "%(actor)s completed the assessment of the application “%(target)s”"
    ),
    "certification.exam.result_recorded": _(
        "%(actor)s recorded the exam result of the application “%(target)s”"
    ),
    "certification.committee.voted": _("%(actor)s voted on the application “%(target)s”"),
    "certification.decision.recorded": _("The committee decided on the application “%(target)s”"),
    "certification.certificate.issued": _("Certificate %(target)s was issued"),
    "certification.certificate.imported": _("%(actor)s imported certificate %(target)s"),
    "certification.certificate.suspended": _("%(actor)s suspended certificate %(target)s"),
    "certification.certificate.reinstated": _("%(actor)s reinstated certificate %(target)s"),
    "certification.certificate.withdrawn": _("%(actor)s withdrew certificate %(target)s"),
    "certification.certificate.scope_reduced": _(
        "%(actor)s reduced the scope of certificate %(target)s"
    ),
    "certification.certificate.replaced": _(
        "%(actor)s replaced certificate %(target)s with a new one"
    ),
    "certification.certificate.reissued": _("%(actor)s re-issued certificate %(target)s"),
    "certification.certificate.renewed": _("%(actor)s renewed certificate %(target)s"),
    "certification.certificate.expired": _("Certificate %(target)s expired"),
    "certification.import.completed": _("%(actor)s imported certificates from a file"),
    "certification.register.exported": _("%(actor)s downloaded the public register"),
}

FIELDS = {
    "referees_invited": _("referees invited"),
    "entry": _("entry"),
    "referee": _("referee"),
    "confirmed": _("confirmed"),
    "years": _("years confirmed"),
    "assessor": _("assessor"),
    "conflict": _("conflict of interest"),
    "competency": _("competency"),
    "level": _("level"),
    "recommendation": _("recommendation"),
    "score": _("score"),
    "passed": _("passed"),
    "limitation": _("limitation of scope"),
    "replaced_by": _("replaced by"),
    "replaces": _("replaces"),
    "expires": _("valid until"),
    "expired_on": _("expired on"),
    "valid_from": _("valid from"),
    "valid_until": _("valid until"),
    "previous_number": _("previous number"),
    "certificates": _("certificates"),
    "people_created": _("accounts created"),
    "account_created": _("account created"),
    "row": _("row"),
    "certificate": _("certificate"),
    "decision": _("decision"),
}


def values() -> dict[str, dict]:
    from .models import Application, Certificate, Outcome, Scheme

    return {
        "certification.application/status": dict(Application.Status.choices),
        "certification.certificate/status": dict(Certificate.Status.choices),
        "certification.scheme/status": dict(Scheme.Status.choices),
        "outcome": dict(Outcome.choices),
        "recommendation": dict(Outcome.choices),
        "entry": {
            "educationentry": _("education"),
            "experienceentry": _("experience"),
            "referee": _("referee"),
            "evidence": _("evidence"),
        },
    }
