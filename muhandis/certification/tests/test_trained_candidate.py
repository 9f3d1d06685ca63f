"""A trainer of a candidate cannot assess, examine or decide on that candidate (ISO/IEC 17024),
whether or not they declare it: the platform knows who trained whom."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.certification import services
from muhandis.certification.models import Assessment
from muhandis.training.models import SessionTrainer
from muhandis.training.tests.factories import EnrolmentFactory
from muhandis.training.tests.factories_attendance import ended_session

pytestmark = pytest.mark.django_db


def _trained_by(trainer, person, status="completed"):
    session = ended_session(days=2)
    SessionTrainer.objects.create(session=session, trainer=trainer)
    return EnrolmentFactory(session=session, person=person, status=status)


def test_an_assessor_who_trained_the_candidate_is_not_assigned(
    accepted_application, engineer, registrar
):
    assessor = make_person(Role.EXAMINER, two_factor=True, given_name="Rustam")
    _trained_by(assessor, engineer)
    with pytest.raises(ValidationError, match="trained the candidate") as refused:
        services.assign_assessor(
            application=accepted_application, assessor=assessor, actor=registrar
        )
    assert "ISO/IEC 17024" in " ".join(refused.value.messages)
    assert not Assessment.objects.exists()


def test_a_trainer_of_another_person_may_assess(accepted_application, engineer, registrar):
    assessor = make_person(Role.EXAMINER, two_factor=True)
    _trained_by(assessor, make_person(Role.ENGINEER))
    _trained_by(assessor, engineer, status="waitlisted")  # never sat in the room
    assert services.assign_assessor(
        application=accepted_application, assessor=assessor, actor=registrar
    )


def test_an_assessor_who_trained_the_candidate_after_assignment_stops(
    accepted_application, engineer, registrar, examiner
):
    assessment = services.assign_assessor(
        application=accepted_application, assessor=examiner, actor=registrar
    )
    _trained_by(examiner, engineer)
    # The declaration ends the assignment although the assessor declared nothing.
    services.declare_conflict(assessment=assessment, actor=examiner, has_conflict=False)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.CONFLICT
    assert "trained the candidate" in assessment.conflict_note


def test_an_assessor_in_progress_who_trains_the_candidate_can_no_longer_record(
    accepted_application, engineer, registrar, examiner
):
    assessment = services.assign_assessor(
        application=accepted_application, assessor=examiner, actor=registrar
    )
    services.declare_conflict(assessment=assessment, actor=examiner, has_conflict=False)
    _trained_by(examiner, engineer, status="paid")
    item = accepted_application.scheme.competencies.select_related("competency").first()
    with pytest.raises(PermissionDenied, match="trained the candidate"):
        services.record_finding(
            assessment=assessment,
            actor=examiner,
            competency=item.competency,
            level=item.level,
            evidence="Reports.",
        )


def test_a_committee_member_or_examiner_who_trained_the_candidate_cannot_act(
    assessed_application, engineer, committee_member
):
    _trained_by(committee_member, engineer)
    problem = services.committee_problem(committee_member, assessed_application)
    assert "trained the candidate" in problem
    with pytest.raises(PermissionDenied, match="trained the candidate"):
        services.cast_vote(
            application=assessed_application,
            actor=committee_member,
            outcome="grant",
            reasons="Competent.",
        )
    examiner = make_person(Role.EXAMINER, two_factor=True)
    _trained_by(examiner, engineer)
    with pytest.raises(PermissionDenied, match="trained the candidate"):
        services.record_exam_result(application=assessed_application, actor=examiner, score=90)
