"""A busy association for the dashboard tests: applications at every stage, certificates with
CPD, exams open and scripts to mark, renewals, appeals and complaints waiting."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from muhandis.accounts import services as accounts
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import OrganisationFactory, make_person
from muhandis.appeals import services as appeals
from muhandis.certification import demo
from muhandis.certification import services as certification
from muhandis.certification.models import Application, Certificate, Scheme
from muhandis.certification.services.decisions import next_certificate_number
from muhandis.core.dates import add_years
from muhandis.cpd import services as cpd
from muhandis.cpd.models import Renewal
from muhandis.exams.models import (
    Answer,
    Attempt,
    Blueprint,
    Item,
    ItemVersion,
    Registration,
    Result,
    Sitting,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def schemes() -> dict[str, Scheme]:
    if not Scheme.objects.exists():
        demo.load(lambda line: None)
    return {s.code: s for s in Scheme.objects.filter(status=Scheme.Status.ACTIVE)}


def applied(person, scheme: Scheme, *, submit: bool = True, answering: int = 0) -> Application:
    """An application with everything the scheme asks for; submitted unless told otherwise,
    ``answering`` of its referees having confirmed."""
    application = certification.start_application(candidate=person, scheme=scheme)
    common = {"application": application, "actor": person}
    certification.add_education(
        **common, level="master", institution="TDTU", field="Water supply", year=2005
    )
    certification.add_experience(
        **common,
        employer="Suvloyiha",
        position="Engineer",
        start_date=datetime.date(2006, 1, 1),
        end_date=None,
    )
    for index in range(scheme.referees_required):
        certification.add_referee(
            **common,
            name=f"Referee {index}",
            email=f"referee{index}.{person.pk}@example.uz",
            relation="my manager",
        )
    upload = SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf")
    certification.add_evidence(**common, upload=upload, kind="diploma")
    if submit:
        certification.submit_application(
            **common, accept_code_of_conduct=True, accept_data_processing=True
        )
        for referee in application.referees.all()[:answering]:
            certification.respond_as_referee(
                token=certification.referee_token(referee),
                confirmed=True,
                years=10,
                statement="Good work.",
            )
    application.refresh_from_db()
    return application


def accepted(person, scheme: Scheme, registrar) -> Application:
    application = applied(person, scheme, answering=scheme.referees_required)
    certification.decide_eligibility(
        application=application, actor=registrar, decision="accept", reason=""
    )
    application.refresh_from_db()
    return application


def assessed(application: Application, examiner, registrar) -> Application:
    """Assessed and examined: ready for the committee's vote."""
    assessment = certification.assign_assessor(
        application=application, assessor=examiner, actor=registrar
    )
    certification.declare_conflict(assessment=assessment, actor=examiner, has_conflict=False)
    for item in application.scheme.competencies.select_related("competency"):
        certification.record_finding(
            assessment=assessment,
            actor=examiner,
            competency=item.competency,
            level=item.level,
            evidence="Design reports reviewed.",
        )
    certification.complete_assessment(
        assessment=assessment, actor=examiner, recommendation="grant", note="Competent."
    )
    certification.record_exam_result(application=application, actor=examiner, score=82)
    return application


def certificate_of(holder, scheme: Scheme, *, expires_in_days: int = 400) -> Certificate:
    today = timezone.localdate()
    expiry = today + datetime.timedelta(days=expires_in_days)
    return Certificate.objects.create(
        number=next_certificate_number(today),
        holder=holder,
        scheme=scheme,
        source=Certificate.Source.IMPORT,
        holder_name_latin=holder.display_name,
        effective_date=add_years(expiry, -scheme.validity_years),
        expiry_date=expiry,
    )


def cpd_activity(person, *, hours: str, category: str, verify_by=None, audit: bool = False):
    last_day = timezone.localdate() - datetime.timedelta(days=20)
    activity = cpd.record_activity(
        person=person,
        title="Network design course",
        start_date=last_day - datetime.timedelta(days=9),
        end_date=last_day,
        hours=Decimal(hours),
        category=category,
    )
    if audit:
        activity.audit_year = timezone.localdate().year
        activity.save(update_fields=["audit_year"])
    if verify_by is not None:
        cpd.verify_activity(activity=activity, actor=verify_by)
    return activity


def open_sitting(scheme: Scheme, *, opens_in: datetime.timedelta) -> Sitting:
    blueprint, _ = Blueprint.objects.get_or_create(
        scheme=scheme, defaults={"time_limit_minutes": 90, "pass_mark": 70}
    )
    opens = timezone.now() + opens_in
    return Sitting.objects.create(
        blueprint=blueprint,
        opens_at=opens,
        closes_at=opens + datetime.timedelta(hours=3),
        room="Room 204",
    )


def essay_version(author) -> ItemVersion:
    item = Item.objects.create(code=f"ESSAY-{Item.objects.count()}", kind="essay", author=author)
    return ItemVersion.objects.create(
        item=item,
        number=1,
        status=ItemVersion.Status.ACTIVE,
        content={"texts": {"en": "Describe a pumping station."}, "rubric": "Ten points."},
        languages=["en"],
        author=author,
    )


def handed_in(sitting: Sitting, candidate, version: ItemVersion, *, application=None) -> Attempt:
    """A candidate's attempt, handed in, with an essay waiting for a marker."""
    now = timezone.now()
    registration = Registration.objects.create(
        sitting=sitting, candidate=candidate, application=application, language="en"
    )
    attempt = Attempt.objects.create(
        registration=registration,
        seed=1,
        form=[version.pk],
        status=Attempt.Status.SUBMITTED,
        started_at=now - datetime.timedelta(hours=2),
        deadline=now - datetime.timedelta(minutes=30),
        submitted_at=now - datetime.timedelta(hours=1),
    )
    Answer.objects.create(
        attempt=attempt, version=version, response={"text": "Two pumps and a spare."}, saved_at=now
    )
    return attempt


@dataclass
class Busy:
    engineer_application: Application
    engineer_certificate: Certificate
    engineer_registration: Registration
    ready: Application  # waiting for the committee
    colleague_ready: Application  # waiting for the committee; the candidate works with the member
    renewal: Renewal
    appeal_under_review: object
    submitted: int  # applications waiting for the registrar's eligibility decision
    unassigned: int  # accepted applications without an assessor
    scripts: int  # essays the examiner may mark


def busy_association(*, engineer, registrar, examiner, committee_member, panel_member) -> Busy:
    by_code = schemes()
    # The engineer: an application waiting for one of two referees, a certificate with some CPD,
    # and an exam open now.
    application = applied(engineer, by_code["CE-WSS-II"], answering=1)
    certificate = certificate_of(engineer, by_code["CE-WSS-I"])
    cpd_activity(engineer, hours="30", category="technical", verify_by=registrar)
    cpd_activity(engineer, hours="12", category="management")
    sitting = open_sitting(by_code["CE-WSS-II"], opens_in=-datetime.timedelta(minutes=10))
    registration = Registration.objects.create(
        sitting=sitting,
        candidate=engineer,
        application=application,
        language="uz",
        identity_checked_by=examiner,
        identity_checked_at=timezone.now(),
    )

    # Other candidates: three more waiting for the registrar, two accepted without an assessor.
    others = [make_person(Role.ENGINEER) for _ in range(8)]
    for person in others[:3]:
        applied(person, by_code["CE-WSS-I"], answering=2)
    for person in others[3:5]:
        accepted(person, by_code["CE-CON"], registrar)
        certificate_of(person, by_code["CE-WSS-I"])
        cpd_activity(person, hours="5", category="technical", audit=True)
    # Two applications ready for the committee; the candidate of the second works with the
    # committee member, who may not vote on it.
    ready = assessed(accepted(others[5], by_code["CE-WSS-III"], registrar), examiner, registrar)
    colleague_ready = assessed(
        accepted(others[6], by_code["CE-WSS-III"], registrar), examiner, registrar
    )
    firm = OrganisationFactory()
    for person in (others[6], committee_member):
        accounts.link_person(person=person, organisation=firm, relation="employee", actor=person)
    # A renewal waiting for the committee.
    holder_certificate = certificate_of(others[7], by_code["CE-WSS-II"], expires_in_days=100)
    renewal = Renewal.objects.create(
        certificate=holder_certificate,
        holder=others[7],
        old_expiry_date=holder_certificate.expiry_date,
        verified_hours=Decimal(150),
    )
    # An appeal lodged and one under review by a panel with the committee member on it; a
    # complaint received.
    rejected = applied(make_person(Role.ENGINEER), by_code["CE-WSS-I"], answering=2)
    certification.decide_eligibility(
        application=rejected, actor=registrar, decision="reject", reason="Not water supply."
    )
    rejected.refresh_from_db()
    appeals.lodge_appeal(
        found=appeals.decision_on_application(rejected),
        appellant=rejected.candidate,
        grounds="My experience is in water supply.",
    )
    second = applied(make_person(Role.ENGINEER), by_code["CE-WSS-I"], answering=2)
    certification.decide_eligibility(
        application=second, actor=registrar, decision="reject", reason="Not water supply."
    )
    second.refresh_from_db()
    under_review = appeals.lodge_appeal(
        found=appeals.decision_on_application(second),
        appellant=second.candidate,
        grounds="My experience is in water supply.",
    )
    appeals.acknowledge_appeal(appeal=under_review, actor=registrar)
    appeals.form_panel(
        appeal=under_review, members=[committee_member, panel_member], actor=registrar
    )
    appeals.file_complaint(
        certificate=holder_certificate,
        name="A client",
        email="client@example.uz",
        relation="client",
        description="The drawings were signed without a site visit.",
        language="uz",
    )
    # Scripts: three candidates of a past sitting wrote essays; one result waits for release.
    past = open_sitting(by_code["CE-WSS-I"], opens_in=-datetime.timedelta(days=2))
    version = essay_version(make_person(Role.EXAMINER, two_factor=True))
    attempts = [handed_in(past, person, version) for person in others[:3]]
    Result.objects.create(
        attempt=handed_in(past, others[3], version),
        percent=80,
        pass_mark=70,
        passed=True,
        computed_at=timezone.now(),
    )
    # A draft item version by another examiner, for review.
    ItemVersion.objects.create(
        item=Item.objects.create(code="DRAFT-1", kind="essay", author=registrar),
        number=1,
        content={"texts": {"en": "Draft question."}},
        languages=["en"],
        author=registrar,
    )
    # An assessment assigned to the examiner, not started.
    certification.assign_assessor(
        application=Application.objects.get(candidate=others[3]),
        assessor=examiner,
        actor=registrar,
    )
    return Busy(
        engineer_application=application,
        engineer_certificate=certificate,
        engineer_registration=registration,
        ready=ready,
        colleague_ready=colleague_ready,
        renewal=renewal,
        appeal_under_review=under_review,
        submitted=4,
        unassigned=1,  # of the two accepted, one now has an assessor
        scripts=len(attempts) + 1,
    )
