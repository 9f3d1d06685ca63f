"""The candidate's dashboard, the committee member's list of votes due and the vote itself
agree, at every step, on whether the committee may decide an application."""

import pytest
from django.core.exceptions import ValidationError

from muhandis.certification import selectors, services
from muhandis.certification.models import Application

pytestmark = pytest.mark.django_db

COMMITTEE_TEXT = "Waiting for the certification committee's decision"


def _seen(application, member):
    application = Application.objects.get(pk=application.pk)
    step = selectors.application_step(
        selectors.with_progress(Application.objects.filter(pk=application.pk)).get()
    )
    return {
        "dashboard": step.waiting_for == COMMITTEE_TEXT,
        "votes due": application in selectors.votes_due(member),
        "vote": not services.readiness_problems(application),
    }


def _assess(application, examiner, registrar, *, complete):
    assessment = services.assign_assessor(
        application=application, assessor=examiner, actor=registrar
    )
    services.declare_conflict(assessment=assessment, actor=examiner, has_conflict=False)
    if not complete:
        return
    for item in application.scheme.competencies.select_related("competency"):
        services.record_finding(
            assessment=assessment,
            actor=examiner,
            competency=item.competency,
            level=item.level,
            evidence="Site reports reviewed.",
        )
    services.complete_assessment(
        assessment=assessment, actor=examiner, recommendation="grant", note="Meets the levels."
    )


def test_every_reader_agrees_at_every_step(
    accepted_application, examiner, registrar, committee_member
):
    application = accepted_application
    assert _seen(application, committee_member) == dict.fromkeys(
        ["dashboard", "votes due", "vote"], False
    )

    _assess(application, examiner, registrar, complete=True)
    exam_needed = application.scheme.methods.filter(kind="written_exam").exists()
    ready_now = not exam_needed
    assert set(_seen(application, committee_member).values()) == {ready_now}

    if exam_needed:
        services.record_exam_result(application=application, actor=examiner, score=82)
    assert set(_seen(application, committee_member).values()) == {True}


def test_an_assessment_still_open_holds_the_vote_everywhere(
    accepted_application, examiner, registrar, committee_member
):
    from muhandis.accounts.tests.factories import make_person

    _assess(accepted_application, examiner, registrar, complete=True)
    if accepted_application.scheme.methods.filter(kind="written_exam").exists():
        services.record_exam_result(application=accepted_application, actor=examiner, score=82)
    second = make_person("examiner", two_factor=True)
    _assess(accepted_application, second, registrar, complete=False)

    assert set(_seen(accepted_application, committee_member).values()) == {False}
    with pytest.raises(ValidationError, match="not finished"):
        services.cast_vote(
            application=accepted_application,
            actor=committee_member,
            outcome="grant",
            reasons="Competent.",
        )
