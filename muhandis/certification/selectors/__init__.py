"""Reads of certification schemes."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from muhandis.accounts.dashboard import Queue, Section
from muhandis.accounts.models import User
from muhandis.accounts.selectors import colleague_ids

from ..models import (
    Application,
    Assessment,
    AssessmentMethod,
    Certificate,
    ExamResult,
    Referee,
    Scheme,
    SchemeCompetency,
    Vote,
)


def schemes(*, include_drafts: bool = False) -> QuerySet[Scheme]:
    found = Scheme.objects.select_related("framework")
    if not include_drafts:
        found = found.exclude(status=Scheme.Status.DRAFT)
    return found


def open_schemes() -> QuerySet[Scheme]:
    return schemes().filter(status=Scheme.Status.ACTIVE)


def scheme_with_details(queryset: QuerySet[Scheme]) -> QuerySet[Scheme]:
    return queryset.select_related("framework__scale").prefetch_related(
        Prefetch(
            "competencies",
            queryset=SchemeCompetency.objects.select_related("competency__area"),
        ),
        "methods",
        "cpd_minimums",
    )


def certificate_lineage(certificate: Certificate) -> list:
    """The certificate with those it replaced and those that replaced it, oldest first."""
    chain = [certificate]
    current = certificate
    while current.replaces_id:
        current = Certificate.objects.select_related("decision").get(pk=current.replaces_id)
        chain.insert(0, current)
    current = certificate
    while (following := Certificate.objects.filter(replaces=current).first()) is not None:
        chain.append(following)
        current = following
    return chain


def certificate_history(certificate: Certificate) -> QuerySet:
    """Everything the audit trail holds about a certificate, from the application it was granted
    on, through every certificate in its line of re-issues, to today, oldest first. Other apps
    (renewals, appeals, complaints) appear here when they record with the certificate as
    target."""
    from muhandis.core.models import AuditEntry

    chain = certificate_lineage(certificate)
    applications = [c.decision.application_id for c in chain if c.decision_id]
    by_target = Q(target_type="certification.certificate", target_id__in=[str(c.pk) for c in chain])
    if applications:
        by_target |= Q(
            target_type="certification.application",
            target_id__in=[str(pk) for pk in applications],
        )
    return AuditEntry.objects.filter(by_target).select_related("actor").order_by("sequence")


# Dashboard sections (registered in apps.py; see accounts/dashboard.py) -----------------------


def _count(queryset: QuerySet) -> Coalesce:
    """The number of rows of ``queryset`` (filtered on an OuterRef), as a subquery."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), 0)


def with_progress(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Applications with what their next step depends on, counted in the same query; read
    them with ``Progress.of``."""
    referees = Referee.objects.filter(application=OuterRef("pk"), invited_at__isnull=False)
    assessments = Assessment.objects.filter(application=OuterRef("pk")).exclude(
        status=Assessment.Status.CONFLICT
    )
    return applications.annotate(
        referees_invited=_count(referees),
        referees_answered=_count(referees.filter(answered_at__isnull=False)),
        assessments_open=_count(assessments.exclude(status=Assessment.Status.COMPLETED)),
        assessments_done=_count(assessments.filter(status=Assessment.Status.COMPLETED)),
        exam_needed=Exists(
            AssessmentMethod.objects.filter(
                scheme=OuterRef("scheme"), kind=AssessmentMethod.Kind.WRITTEN_EXAM
            )
        ),
        exam_recorded=Exists(ExamResult.objects.filter(application=OuterRef("pk"))),
    )


@dataclass(frozen=True)
class Progress:
    """Where an application stands. The one statement of when the committee may vote on it:
    the application is under assessment, at least one assessor (not withdrawn for a conflict)
    has completed, none is still assessing, and the written examination's result is in when
    the scheme has one. The candidate's dashboard, the committee's queue and the vote itself
    all read it from here."""

    status: str
    referees_invited: int
    referees_answered: int
    assessments_open: int
    assessments_done: int
    exam_needed: bool
    exam_recorded: bool

    @classmethod
    def of(cls, application: Application) -> "Progress":
        """The progress of an application read through ``with_progress``."""
        counted = getattr(application, "assessments_done", None)
        if counted is None:
            application = with_progress(Application.objects.filter(pk=application.pk)).get()
        return cls(
            status=application.status,
            **{name: getattr(application, name) for name in _PROGRESS_COUNTS},
        )

    @property
    def assessment_pending(self) -> bool:
        return bool(self.assessments_open) or not self.assessments_done

    @property
    def exam_pending(self) -> bool:
        return self.exam_needed and not self.exam_recorded

    def committee_problems(self) -> list[str]:
        """What must happen before the committee can vote, in words; empty when it can."""
        problems = []
        if self.status != Application.Status.ACCEPTED:
            problems.append(_("The application is not under assessment."))
        if not self.assessments_done:
            problems.append(_("No assessor has completed an assessment yet."))
        if self.assessments_open:
            problems.append(_("An assigned assessment is not finished."))
        if self.exam_pending:
            problems.append(_("The written examination result has not been entered."))
        return problems


_PROGRESS_COUNTS = (
    "referees_invited",
    "referees_answered",
    "assessments_open",
    "assessments_done",
    "exam_needed",
    "exam_recorded",
)


@dataclass(frozen=True)
class ApplicationStep:
    application: Application
    waiting_for: str  # what the application waits for, in words
    yours: bool  # the candidate is the one to act


def application_step(application: Application) -> ApplicationStep:
    """What an open application waits for, from its ``Progress``."""
    status = application.status
    if status == Application.Status.DRAFT:
        return ApplicationStep(application, _("Waiting for you to complete and submit it"), True)
    if status == Application.Status.INFO_REQUESTED:
        text = _("The registrar asked you for more information: answer on the application page")
        return ApplicationStep(application, text, True)
    progress = Progress.of(application)
    if status == Application.Status.SUBMITTED:
        invited, answered = progress.referees_invited, progress.referees_answered
        if answered < invited:
            text = ngettext(
                "Waiting for referees (%(answered)d of %(invited)d has answered)",
                "Waiting for referees (%(answered)d of %(invited)d have answered)",
                answered,
            ) % {"answered": answered, "invited": invited}
            return ApplicationStep(application, text, False)
        return ApplicationStep(
            application, _("Waiting for the registrar's eligibility decision"), False
        )
    if progress.assessment_pending and progress.exam_pending:
        text = _("Waiting for assessment and for the written examination")
    elif progress.assessment_pending:
        text = _("Waiting for assessment")
    elif progress.exam_pending:
        text = _("Waiting for the written examination")
    else:
        text = _("Waiting for the certification committee's decision")
    return ApplicationStep(application, text, False)


def dashboard_applications(person: User) -> Section:
    """The engineer's open applications and what each waits for."""
    applications = with_progress(
        Application.objects.filter(candidate=person, status__in=Application.OPEN)
    ).select_related("scheme")
    steps = [application_step(a) for a in applications.order_by("-created_at")]
    return Section(
        key="certification.applications",
        title=_("Your certification applications"),
        template="certification/dashboard/_applications.html",
        items=steps,
        empty=_("You have no application under way."),
        link_url=reverse("certification:my_applications"),
        link_label=_("All your applications"),
        extra={"schemes_url": reverse("certification:schemes")},
        urgent=any(step.yours for step in steps),
    )


def dashboard_registrar(person: User) -> Section:
    """Applications for the registrar: eligibility to decide, assessors to assign."""
    unassigned = ~Exists(
        Assessment.objects.filter(application=OuterRef("pk")).exclude(
            status=Assessment.Status.CONFLICT
        )
    )
    to_check = Q(status=Application.Status.SUBMITTED)
    to_assign = Q(status=Application.Status.ACCEPTED)  # among those without an assessor
    found = (
        Application.objects.annotate(unassigned=unassigned)
        .filter(to_check | (to_assign & Q(unassigned=True)))
        .aggregate(
            check=Count("pk", filter=to_check),
            check_oldest=Min("submitted_at", filter=to_check),
            assign=Count("pk", filter=to_assign),
            # Accepting is the application's last change until an assessor is assigned.
            assign_oldest=Min("updated_at", filter=to_assign),
        )
    )
    queue_url = reverse("certification:registrar_queue")
    return Section(
        key="certification.registrar",
        title=_("Certification applications"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("Applications to check for eligibility"),
                count=found["check"],
                oldest=found["check_oldest"],
                url=f"{queue_url}?status={Application.Status.SUBMITTED}",
            ),
            Queue(
                label=_("Accepted applications without an assessor"),
                count=found["assign"],
                oldest=found["assign_oldest"],
                url=f"{queue_url}?status={Application.Status.ACCEPTED}",
            ),
        ],
    )


def dashboard_assessments(person: User) -> Section:
    """The assessor's assessments not yet completed."""
    open_ = (Assessment.Status.ASSIGNED, Assessment.Status.IN_PROGRESS)
    assessments = (
        Assessment.objects.filter(assessor=person, status__in=open_)
        .select_related("application__scheme")
        .order_by("created_at")
    )
    return Section(
        key="certification.assessments",
        title=_("Assessments assigned to you"),
        template="certification/dashboard/_assessments.html",
        items=list(assessments),
        empty=_("No assessment waits for you."),
        link_url=reverse("certification:my_assessments"),
        link_label=_("All your assessments"),
    )


def votes_due(member: User) -> list[Application]:
    """Applications the committee may vote on (``Progress.committee_problems`` finds nothing)
    on which ``member`` has not voted and may vote (``services.committee_problem``: not their
    own or a colleague's, not one they assessed or examined)."""
    assessments = Assessment.objects.filter(application=OuterRef("pk")).exclude(
        status=Assessment.Status.CONFLICT
    )
    partial = {member.pk, *colleague_ids(member)}
    candidates = (
        with_progress(Application.objects.filter(status=Application.Status.ACCEPTED))
        .exclude(candidate_id__in=partial)
        .exclude(Exists(assessments.filter(assessor=member)))
        .exclude(Exists(ExamResult.objects.filter(application=OuterRef("pk"), recorded_by=member)))
        .exclude(Exists(Vote.objects.filter(application=OuterRef("pk"), member=member)))
        .select_related("candidate", "scheme")
        .order_by("submitted_at", "pk")
    )
    return [a for a in candidates if not Progress.of(a).committee_problems()]


def dashboard_committee(person: User) -> Section:
    return Section(
        key="certification.committee",
        title=_("Certification decisions waiting for your vote"),
        template="certification/dashboard/_votes.html",
        items=votes_due(person),
        empty=_("No certification decision waits for your vote."),
        link_url=reverse("certification:committee_queue"),
        link_label=_("All applications before the committee"),
    )
