"""Assessment, the committee's decision, and the certificate a grant issues.

The only way to a certificate: an accepted application, assessors without conflicts of
interest who complete their assessment, a recorded exam result where the scheme has an exam,
and at least two impartial committee members whose majority decides.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import colleague_ids, usable_roles
from muhandis.competencies.models import Competency
from muhandis.core import audit
from muhandis.core.dates import add_years
from muhandis.training.selectors import trained

from .. import numbers
from ..models import (
    Application,
    Assessment,
    AssessmentMethod,
    Certificate,
    CertificateCounter,
    CertificateLanguage,
    Decision,
    ExamResult,
    Finding,
    Outcome,
    Vote,
)
from ..selectors import Progress
from ..signals import certificate_issued
from .applications import application_path, notify
from .committee import Candidacy, MajorityRule, tally


def _require_role(actor: User, role: str, message: str) -> None:
    if role not in usable_roles(actor):
        raise PermissionDenied(message)


def impartiality_problem(person: User, application: Candidacy) -> str | None:
    """Why ``person`` may not assess or decide on ``application``, or None."""
    if person.pk == application.candidate_id:
        return _("Nobody may assess or decide on their own application.")
    if application.candidate_id in colleague_ids(person):
        return _("%(name)s works for the same organisation as the candidate.") % {
            "name": person.display_name
        }
    if trained(trainer=person, person=application.candidate_id):
        return _(
            "%(name)s trained the candidate on a course of the association, and a trainer may "
            "not assess or decide on their own trainee (ISO/IEC 17024)."
        ) % {"name": person.display_name}
    return None


def assign_assessor(
    *, application: Application, assessor: User, actor: User, request: HttpRequest | None = None
) -> Assessment:
    _require_role(actor, Role.REGISTRAR, _("Only a registrar assigns assessors."))
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_("Only an application accepted for assessment gets assessors."))
    if Role.EXAMINER not in usable_roles(assessor):
        raise ValidationError(
            {
                "assessor": _(
                    "This person is not an assessor, or has not turned "
                    "on two-factor authentication."
                )
            }
        )
    problem = impartiality_problem(assessor, application)
    if problem:
        raise ValidationError({"assessor": problem})
    if application.assessments.filter(assessor=assessor).exists():
        raise ValidationError({"assessor": _("This assessor is already assigned.")})
    with transaction.atomic():
        assessment = Assessment.objects.create(
            application=application, assessor=assessor, assigned_by=actor
        )
        audit.record(
            "certification.assessment.assigned",
            actor=actor,
            target=application,
            after={"assessor": assessor.pk},
            request=request,
        )
    return assessment


def _own_assessment(assessment: Assessment, actor: User, *, impartial: bool = True) -> None:
    """The actor is the assessment's assessor and, unless ``impartial`` is False (their
    declaration of conflicts), still free of any conflict the platform knows of: one that
    arose after the assignment (a course they have since taught the candidate) stops them."""
    if assessment.assessor_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This assessment is assigned to someone else."))
    _require_role(actor, Role.EXAMINER, _("Only an assessor can do this."))
    if impartial:
        problem = impartiality_problem(actor, assessment.application)
        if problem:
            raise PermissionDenied(problem)


def declare_conflict(
    *,
    assessment: Assessment,
    actor: User,
    has_conflict: bool,
    note: str = "",
    trained_or_employed: bool = False,
    request: HttpRequest | None = None,
) -> Assessment:
    """The assessor declares, before seeing the file, whether they have a conflict of interest.
    A declared conflict, or having trained or employed the candidate, ends the assignment; so
    does a course of the association the assessor taught the candidate, declared or not."""
    _own_assessment(assessment, actor, impartial=False)
    if assessment.status != Assessment.Status.ASSIGNED:
        raise ValidationError(_("The declaration has already been made."))
    known = impartiality_problem(actor, assessment.application)
    if known and not note.strip():
        note = known
    blocked = has_conflict or trained_or_employed or bool(known)
    if blocked and not note.strip():
        raise ValidationError({"note": _("Describe the conflict of interest.")})
    with transaction.atomic():
        assessment.status = Assessment.Status.CONFLICT if blocked else Assessment.Status.IN_PROGRESS
        assessment.conflict_note = note.strip()
        assessment.declared_at = timezone.now()
        assessment.save()
        audit.record(
            "certification.assessment.conflict_declared",
            actor=actor,
            target=assessment.application,
            after={"conflict": blocked},
            reason=note.strip(),
            request=request,
        )
    return assessment


def record_finding(
    *,
    assessment: Assessment,
    actor: User,
    competency: Competency,
    level: int,
    evidence: str,
    request: HttpRequest | None = None,
) -> Finding:
    _own_assessment(assessment, actor)
    if assessment.status != Assessment.Status.IN_PROGRESS:
        raise ValidationError(
            _("Findings can be recorded only while the assessment is in progress.")
        )
    if not assessment.application.scheme.competencies.filter(competency=competency).exists():
        raise ValidationError({"competency": _("The scheme does not cover this competency.")})
    top = assessment.application.scheme.framework.scale.levels.order_by("-value").first()
    if top is not None and level > top.value:
        raise ValidationError({"level": _("The scale ends at %(top)d.") % {"top": top.value}})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Say on what evidence you found this level.")})
    with transaction.atomic():
        finding, _created = Finding.objects.update_or_create(
            assessment=assessment,
            competency=competency,
            defaults={"level": level, "evidence": evidence.strip()},
        )
        audit.record(
            "certification.assessment.finding_recorded",
            actor=actor,
            target=assessment.application,
            after={"competency": competency.code, "level": level},
            request=request,
        )
    return finding


def complete_assessment(
    *,
    assessment: Assessment,
    actor: User,
    recommendation: str,
    note: str,
    request: HttpRequest | None = None,
) -> Assessment:
    _own_assessment(assessment, actor)
    if assessment.status != Assessment.Status.IN_PROGRESS:
        raise ValidationError(_("This assessment is not in progress."))
    required = set(
        assessment.application.scheme.competencies.values_list("competency_id", flat=True)
    )
    found = set(assessment.findings.values_list("competency_id", flat=True))
    if required - found:
        raise ValidationError(
            _("Record a finding for every competency of the scheme first (%(n)d missing).")
            % {"n": len(required - found)}
        )
    if recommendation not in Outcome.values:
        raise ValidationError({"recommendation": _("Choose a recommendation.")})
    if not note.strip():
        raise ValidationError({"note": _("Give the reasons for your recommendation.")})
    with transaction.atomic():
        assessment.status = Assessment.Status.COMPLETED
        assessment.recommendation = recommendation
        assessment.recommendation_note = note.strip()
        assessment.completed_at = timezone.now()
        assessment.save()
        audit.record(
            "certification.assessment.completed",
            actor=actor,
            target=assessment.application,
            after={"recommendation": recommendation},
            reason=note.strip(),
            request=request,
        )
    return assessment


def exam_passed(*, method: AssessmentMethod, score: int, verdict: bool | None = None) -> bool:
    """The one pass rule of a written examination: the score reaches the pass mark of the
    exam that set it. An online exam applies its blueprint's pass mark (set by standard
    setting) and hands over its ``verdict``; a paper exam's typed score is held against the
    scheme's pass mark for the written examination (none: every score passes)."""
    if verdict is not None:
        return verdict
    return score >= (method.pass_mark or 0)


def _written_exam(application: Application) -> AssessmentMethod | None:
    return application.scheme.methods.filter(kind=AssessmentMethod.Kind.WRITTEN_EXAM).first()


def _store_exam_result(
    *,
    application: Application,
    method: AssessmentMethod,
    score: int,
    passed: bool,
    actor: User,
    source: Mapping[str, object] | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> ExamResult:
    """The one way an exam result is written: the row and its audit record, together."""
    with transaction.atomic():
        result = ExamResult.objects.create(
            application=application, method=method, score=score, passed=passed, recorded_by=actor
        )
        audit.record(
            "certification.exam.result_recorded",
            actor=actor,
            target=application,
            after={"score": score, "passed": passed, **(source or {})},
            reason=reason,
            request=request,
        )
    return result


def record_exam_result(
    *, application: Application, actor: User, score: int, request: HttpRequest | None = None
) -> ExamResult:
    """An examiner types the score of a paper exam; ``exam_passed`` decides the pass."""
    _require_role(actor, Role.EXAMINER, _("Only an examiner enters exam results."))
    problem = impartiality_problem(actor, application)
    if problem:
        raise PermissionDenied(problem)
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_("Exam results are entered for applications under assessment."))
    method = _written_exam(application)
    if method is None:
        raise ValidationError(_("This scheme has no written examination."))
    if not 0 <= score <= 100:
        raise ValidationError({"score": _("Enter a score from 0 to 100.")})
    return _store_exam_result(
        application=application,
        method=method,
        score=score,
        passed=exam_passed(method=method, score=score),
        actor=actor,
        request=request,
    )


def record_released_exam_result(
    *,
    application: Application,
    score: float,
    passed: bool,
    actor: User,
    source: dict[str, object],
    reason: str = "",
) -> ExamResult | None:
    """An online exam's released result, passed to the candidate's application without
    anyone typing it again. The exam manager's release (or a later, reasoned change) is the
    authority, and ``passed`` is the exam's verdict under ``exam_passed``. Nothing is recorded
    once the application is decided."""
    if application.status != Application.Status.ACCEPTED:
        return None
    method = _written_exam(application)
    if method is None:
        return None
    rounded = max(0, min(100, round(score)))
    return _store_exam_result(
        application=application,
        method=method,
        score=rounded,
        passed=exam_passed(method=method, score=rounded, verdict=passed),
        actor=actor,
        source=source,
        reason=reason,
    )


def readiness_problems(application: Application) -> list[str]:
    """What must happen before the committee can vote (``selectors.Progress``)."""
    return Progress.of(application).committee_problems()


def committee_problem(member: User, application: Application) -> str | None:
    """Why ``member`` may not vote on ``application``, or None."""
    problem = impartiality_problem(member, application)
    if problem:
        return problem
    if application.assessments.filter(assessor=member).exists():
        return _("%(name)s assessed this candidate and cannot also decide.") % {
            "name": member.display_name
        }
    if application.exam_results.filter(recorded_by=member).exists():
        return _("%(name)s examined this candidate and cannot also decide.") % {
            "name": member.display_name
        }
    return None


def cast_vote(
    *,
    application: Application,
    actor: User,
    outcome: str,
    reasons: str,
    limitation: str = "",
    request: HttpRequest | None = None,
) -> Vote:
    """A committee member's vote; the decision follows once at least two votes have a majority."""
    _require_role(actor, Role.COMMITTEE, _("Only certification committee members vote."))
    problem = committee_problem(actor, application)
    if problem:
        raise PermissionDenied(problem)
    if Decision.objects.filter(application=application).exists():
        # Said the same way whether the other vote committed a moment before or is still
        # holding the application's lock (below).
        raise ValidationError(_("The committee has already decided on this application."))
    problems = readiness_problems(application)
    if problems:
        raise ValidationError(problems)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose grant, grant with limited scope, or refuse.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for your vote.")})
    if outcome == Outcome.LIMITED and not limitation.strip():
        raise ValidationError({"limitation": _("Say how the scope is limited.")})
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != Application.Status.ACCEPTED:
            raise ValidationError(_("The committee has already decided on this application."))
        if application.votes.filter(member=actor).exists():
            raise ValidationError(_("You have already voted on this application."))
        vote = Vote.objects.create(
            application=application,
            member=actor,
            outcome=outcome,
            reasons=reasons.strip(),
            limitation=limitation.strip(),
        )
        audit.record(
            "certification.committee.voted",
            actor=actor,
            target=application,
            after={"outcome": outcome},
            reason=reasons.strip(),
            request=request,
        )
        _decide_if_majority(application, request)
    return vote


def _decide_if_majority(application: Application, request: HttpRequest | None) -> Decision | None:
    votes = list(application.votes.all())
    outcome = tally((v.outcome for v in votes), rule=MajorityRule.VOTES_CAST)
    if outcome is None:
        return None  # no majority yet: another member votes
    agreeing = [v for v in votes if v.outcome == outcome]
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        reasons="\n\n".join(v.reasons for v in agreeing),
        # Members who agree often word the limitation the same way: say it once.
        limitation="\n".join(dict.fromkeys(v.limitation for v in agreeing if v.limitation)),
    )
    application.status = (
        Application.Status.REFUSED if outcome == Outcome.REFUSE else Application.Status.GRANTED
    )
    application.save(update_fields=["status", "updated_at"])
    audit.record(
        "certification.decision.recorded",
        target=application,
        after={"outcome": outcome, "votes": len(votes)},
        reason=decision.reasons,
        request=request,
    )
    certificate = (
        issue_certificate(decision=decision, request=request) if outcome != Outcome.REFUSE else None
    )
    candidate = application.candidate
    notify(
        candidate.email,
        "certification_decision",
        candidate.preferred_language,
        {
            "application": application,
            "candidate": candidate,
            "decision": decision,
            "certificate": certificate,
            "path": application_path(application),
        },
    )
    return decision


def next_certificate_number(today: datetime.date) -> str:
    """The next number of the year; the counter row is locked, so numbers never repeat."""
    counter, _created = CertificateCounter.objects.select_for_update().get_or_create(
        year=today.year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return numbers.format_number(today.year, counter.last)


def issue_certificate(*, decision: Decision, request: HttpRequest | None = None) -> Certificate:
    """Issued only from a granting decision: there is no other way to a certificate."""
    if decision.outcome == Outcome.REFUSE:
        raise ValidationError(_("A refusal issues no certificate."))
    application = decision.application
    holder = application.candidate
    today = timezone.localdate()
    with transaction.atomic():
        certificate = Certificate.objects.create(
            number=next_certificate_number(today),
            holder=holder,
            scheme=application.scheme,
            decision=decision,
            holder_name_latin=holder.name_latin or holder.display_name,
            holder_name_cyrillic=holder.name_cyrillic,
            search_name=Certificate.search_name_for(
                holder.name_latin or holder.display_name, holder.name_cyrillic
            ),
            limitation=decision.limitation,
            language=certificate_language(application),
            effective_date=today,
            expiry_date=add_years(today, application.scheme.validity_years),
            status_changed_at=timezone.now(),
        )
        certificate_issued.send(sender=Certificate, certificate=certificate)
        audit.record(
            "certification.certificate.issued",
            target=certificate,
            after={
                "number": certificate.number,
                "scheme": application.scheme.code,
                "version": application.scheme.version,
                "expires": certificate.expiry_date.isoformat(),
            },
            request=request,
        )
    return certificate


def certificate_language(application: Application) -> str:
    """The language the candidate chose for the certificate, else their language for messages."""
    if application.certificate_language:
        return application.certificate_language
    preferred = application.candidate.preferred_language
    return preferred if preferred in CertificateLanguage.values else CertificateLanguage.UZ
