"""Publishing a closed survey's headline findings, re-publishing and withdrawing them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.core.models import AuditEntry
from muhandis.needs.models import Finding
from muhandis.needs.selectors.plans import latest_findings
from muhandis.needs.services.findings import publish_findings, withdraw_findings

from .factories import answer, make_survey
from .factories_plan import answered_survey

pytestmark = pytest.mark.django_db


def test_publishing_snapshots_the_top_five_and_shows_them(training_manager):
    survey = answered_survey(status="closed")
    publish_findings(actor=training_manager, survey=survey)
    survey.refresh_from_db()
    assert survey.findings_published_at is not None
    findings = list(survey.findings.select_related("competency").order_by("rank"))
    assert [f.rank for f in findings] == [1, 2, 3, 4, 5]
    assert [f.competency.code for f in findings[:3]] == ["REG-01", "REG-02", "LEG-01"]
    assert findings[0].respondents == 6
    assert findings[0].share_below == 1.0
    shown = latest_findings()
    assert shown.respondent_count == 6
    assert [f.competency.code for f in shown.headline_findings][:2] == ["REG-01", "REG-02"]
    entry = AuditEntry.objects.get(action="needs.survey.findings_published")
    assert entry.after["competencies"][:3] == ["REG-01", "REG-02", "LEG-01"]


def test_re_publishing_replaces_the_snapshot(training_manager):
    survey = answered_survey(status="closed")
    publish_findings(actor=training_manager, survey=survey)
    for _ in range(40):
        answer(survey, {"LEG-04": (4, 0)})
    publish_findings(actor=training_manager, survey=survey)
    assert Finding.objects.filter(survey=survey).count() == 5
    assert survey.findings.get(rank=1).competency.code == "LEG-04"
    second = (
        AuditEntry.objects.filter(action="needs.survey.findings_published")
        .order_by("sequence")
        .last()
    )
    assert second.before["competencies"][0] == "REG-01"


def test_an_open_survey_or_one_without_answers_is_not_published(training_manager):
    with pytest.raises(ValidationError, match="Close the survey"):
        publish_findings(actor=training_manager, survey=answered_survey(status="open"))
    with pytest.raises(ValidationError, match="no submitted answers"):
        publish_findings(actor=training_manager, survey=make_survey(status="closed"))
    assert not Finding.objects.exists()


def test_withdrawing_takes_the_findings_off_the_site(administrator):
    survey = answered_survey(status="closed")
    publish_findings(actor=administrator, survey=survey)
    withdraw_findings(actor=administrator, survey=survey, reason="Wrong wave")
    survey.refresh_from_db()
    assert survey.findings_published_at is None
    assert latest_findings() is None
    entry = AuditEntry.objects.get(action="needs.survey.findings_withdrawn")
    assert entry.reason == "Wrong wave"
    assert entry.before["competencies"][0] == "REG-01"
    with pytest.raises(ValidationError, match="not published"):
        withdraw_findings(actor=administrator, survey=survey)


def test_the_latest_published_survey_is_the_one_shown(training_manager):
    first = answered_survey(status="closed")
    second = answered_survey(status="closed", people=4)
    publish_findings(actor=training_manager, survey=second)
    publish_findings(actor=training_manager, survey=first)
    assert latest_findings().pk == first.pk


@pytest.mark.parametrize("who", ["report_viewer", "stranger", "registrar"])
def test_only_managers_publish_or_withdraw(request, training_manager, who):
    survey = answered_survey(status="closed")
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        publish_findings(actor=person, survey=survey)
    publish_findings(actor=training_manager, survey=survey)
    with pytest.raises(PermissionDenied):
        withdraw_findings(actor=person, survey=survey)
    survey.refresh_from_db()
    assert survey.findings_published_at is not None
