import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from muhandis.competencies.models import Framework
from muhandis.core.models import AuditEntry
from muhandis.needs.models import SurveyStatus
from muhandis.needs.services import surveys

from .factories import answer, make_survey

pytestmark = pytest.mark.django_db


def _framework():
    return Framework.objects.get(code="MUHANDIS-CORE", version=1)


def _change(survey, **overrides):
    arguments = {
        "titles": {"uz": "Yangi nom", "ru": "Новое", "en": "New"},
        "framework": survey.framework,
        "areas": list(survey.areas.all()),
        "scale": survey.scale,
        "kinds": survey.kinds,
        **overrides,
    }
    return surveys.update_survey(actor=None, survey=survey, **arguments)


def test_a_survey_code_is_used_once():
    make_survey(code="needs-2026")
    with pytest.raises(ValidationError) as refused:
        make_survey(code="needs-2026")
    assert "needs-2026" in str(refused.value)


def test_a_survey_cannot_close_before_it_opens():
    with pytest.raises(ValidationError) as refused:
        make_survey(opens_on=datetime.date(2026, 5, 1), closes_on=datetime.date(2026, 4, 1))
    assert "cannot close before it opens" in str(refused.value)


def test_a_draft_can_change_its_areas_and_scale_and_the_change_is_audited():
    survey = make_survey(areas=("FIN",), status="draft")
    legal = _framework().areas.get(code="LEG")
    _change(survey, areas=[legal], scale="hennessy_hicks")
    survey.refresh_from_db()
    assert {
        item.competency.area.code for item in survey.items.select_related("competency__area")
    } == {"LEG"}
    assert (survey.scale_min, survey.scale_max, survey.title_uz) == (1, 7, "Yangi nom")
    entry = AuditEntry.objects.get(action="needs.survey.changed")
    assert entry.after["scale"] == "hennessy_hicks"


def test_an_open_survey_cannot_be_changed():
    survey = make_survey(areas=("FIN",))
    with pytest.raises(ValidationError) as refused:
        _change(survey)
    assert "Only a draft survey can be changed" in str(refused.value)


def test_a_survey_with_answers_keeps_its_questions():
    survey = make_survey(areas=("FIN",), status="draft")
    answer(survey, {"FIN-01": (3, 1)})  # e.g. imported answers
    items = list(survey.items.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as refused:
        _change(survey, scale="borich")
    assert "already has answers" in str(refused.value)
    _change(survey, titles={"uz": "Faqat nom"})  # the texts may still change
    survey.refresh_from_db()
    assert list(survey.items.values_list("pk", flat=True)) == items
    assert survey.title_uz == "Faqat nom"


def test_opening_and_closing_follow_the_rules_and_are_audited():
    survey = make_survey(areas=("FIN",), status="draft")
    surveys.open_survey(actor=None, survey=survey)
    with pytest.raises(ValidationError):
        surveys.open_survey(actor=None, survey=survey)
    surveys.close_survey(actor=None, survey=survey, reason="enough answers")
    with pytest.raises(ValidationError):
        surveys.close_survey(actor=None, survey=survey)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    actions = list(
        AuditEntry.objects.filter(action__startswith="needs.survey.")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["needs.survey.opened", "needs.survey.closed"]
    assert AuditEntry.objects.get(action="needs.survey.closed").reason == "enough answers"


def test_a_survey_whose_closing_date_has_passed_cannot_be_opened():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    survey = make_survey(areas=("FIN",), status="draft", closes_on=yesterday)
    with pytest.raises(ValidationError) as refused:
        surveys.open_survey(actor=None, survey=survey)
    assert yesterday.isoformat() in str(refused.value)


def test_answers_are_taken_only_within_the_dates_of_an_open_survey():
    today = datetime.date(2026, 3, 10)
    survey = make_survey(areas=("FIN",), opens_on=datetime.date(2026, 3, 1),
                         closes_on=datetime.date(2026, 3, 31))  # fmt: skip
    assert surveys.accepting_answers(survey, today)
    assert not surveys.accepting_answers(survey, datetime.date(2026, 2, 28))
    assert not surveys.accepting_answers(survey, datetime.date(2026, 4, 1))
    survey.status = "closed"
    assert not surveys.accepting_answers(survey, today)
