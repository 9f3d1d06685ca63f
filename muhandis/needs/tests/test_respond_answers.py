import pytest
from django.core.exceptions import ValidationError

from muhandis.core.models import AuditEntry
from muhandis.needs.models import Rating, RespondentKind, Response
from muhandis.needs.services import answers
from muhandis.needs.services.surveys import close_survey

from .factories import make_survey
from .factories_respond import invitation, started, survey_with

pytestmark = pytest.mark.django_db


def _items(survey):
    return list(survey.items.select_related("competency").order_by("sort_order"))


def test_a_public_response_gets_a_random_unique_pseudonym_and_its_kind():
    survey = survey_with()
    first = started(survey, kind=RespondentKind.SUPERVISOR)
    second = started(survey)
    assert first.pseudonym.startswith("R-")
    assert len(first.pseudonym) == 10
    assert first.pseudonym != second.pseudonym
    assert (first.kind, first.channel) == ("supervisor", "public")


def test_the_public_link_refuses_a_kind_the_survey_does_not_ask():
    survey = survey_with(kinds=["self"])
    with pytest.raises(ValidationError) as refused:
        started(survey, kind=RespondentKind.SUPERVISOR)
    assert "about yourself or about your staff" in str(refused.value)


def test_a_draft_or_closed_survey_takes_no_new_answers():
    draft = survey_with(status="draft")
    with pytest.raises(ValidationError) as refused:
        started(draft)
    assert refused.value.code == "closed"
    survey = survey_with()
    response = started(survey)
    close_survey(actor=None, survey=survey)
    response.refresh_from_db()
    with pytest.raises(ValidationError):
        answers.save_ratings(response=response, values={_items(survey)[0].pk: (3, 1)})


def test_a_rating_is_saved_once_and_changed_in_place():
    survey = survey_with()
    response = started(survey)
    item = _items(survey)[0]
    answers.save_rating(response=response, item_id=item.pk, importance="4", current="1")
    answers.save_rating(response=response, item_id=item.pk, current="2", given=("current",))
    rating = Rating.objects.get(response=response, item=item)
    assert (rating.importance, rating.current) == (4, 2)


def test_a_rating_off_the_scale_is_refused_naming_the_competency_and_the_saved_one_stays():
    survey = survey_with()  # the framework's scale, 0 to 4
    response = started(survey)
    item = _items(survey)[0]
    answers.save_rating(response=response, item_id=item.pk, importance="3", current="1")
    with pytest.raises(ValidationError) as refused:
        answers.save_rating(response=response, item_id=item.pk, importance="9", current="1")
    assert item.competency.title in refused.value.messages[0]
    assert "from 0 to 4" in refused.value.messages[0]
    rating = Rating.objects.get(response=response, item=item)
    assert (rating.importance, rating.current) == (3, 1)


def test_a_rating_for_a_competency_outside_the_survey_is_refused():
    survey, other = survey_with(areas=("FIN",)), survey_with(areas=("LEG",))
    response = started(survey)
    with pytest.raises(ValidationError) as refused:
        answers.save_rating(response=response, item_id=_items(other)[0].pk, importance="2")
    assert "not part of the survey" in refused.value.messages[0]
    assert not Rating.objects.exists()


def test_a_page_saves_the_valid_ratings_and_names_each_refused_one():
    survey = survey_with(scale="borich")
    response = started(survey)
    first, second, third = _items(survey)[:3]
    answers.save_rating(response=response, item_id=second.pk, importance="2", current="2")
    result = answers.save_ratings(
        response=response,
        values={first.pk: ("5", "1"), second.pk: ("0", "3"), third.pk: ("", "")},
    )
    assert result.saved == 1
    assert list(result.errors) == [second.pk]
    assert second.competency.title in result.errors[second.pk]
    assert "from 1 to 5" in result.errors[second.pk]
    ratings = {r.item_id: (r.importance, r.current) for r in Rating.objects.all()}
    assert ratings == {first.pk: (5, 1), second.pk: (2, 2)}  # nothing stored for the third


def test_unrated_competencies_are_listed_until_both_questions_are_answered():
    survey = survey_with(areas=("FIN",))
    response = started(survey)
    items = _items(survey)
    answers.save_ratings(response=response, values={items[0].pk: (3, 2), items[1].pk: (3, "")})
    assert [item.pk for item in answers.unrated_items(response)] == [i.pk for i in items[1:]]


def test_background_answers_are_saved_and_unknown_barriers_dropped():
    survey = survey_with()
    response = started(survey)
    answers.save_background(
        response=response,
        data={"gender": "female", "age_band": "25-34", "barriers": ["cost", "bogus"],
              "barriers_other": "  night shifts ", "comments": ""},
    )  # fmt: skip
    response.refresh_from_db()
    assert (response.gender, response.age_band) == ("female", "25-34")
    assert response.barriers == ["cost"]
    assert response.barriers_other == "night shifts"


def test_submitting_marks_the_invitation_answered_and_audits_without_the_answers():
    survey = survey_with()
    invited = invitation(survey)
    response = answers.start_personal(invitation=invited, language="uz")
    answers.save_rating(response=response, item_id=_items(survey)[0].pk, importance="4")
    answers.submit_response(response=response)
    invited.refresh_from_db()
    response.refresh_from_db()
    assert response.submitted_at is not None
    assert invited.answered_at == response.submitted_at
    entry = AuditEntry.objects.get(action="needs.response.submitted")
    assert entry.target_label == response.pseudonym
    # What was sent is recorded, never the ratings themselves.
    assert set(entry.after) == {"survey", "channel", "kind"}
    assert entry.after["channel"] == "personal"


def test_a_personal_link_has_one_response_whatever_the_browsers_and_is_used_once():
    survey = survey_with()
    invited = invitation(survey, kind=RespondentKind.SUPERVISOR)
    first = answers.start_personal(invitation=invited, language="uz")
    again = answers.start_personal(invitation=invited, language="ru")  # another browser
    assert again.pk == first.pk
    assert (first.kind, first.channel, first.person_id) == (
        "supervisor",
        "personal",
        invited.person_id,
    )
    answers.submit_response(response=first)
    with pytest.raises(ValidationError) as refused:
        answers.start_personal(invitation=invited, language="uz")
    assert refused.value.code == "used"
    with pytest.raises(ValidationError):
        answers.submit_response(response=first)
    assert Response.objects.filter(invitation=invited).count() == 1


def test_a_submitted_response_can_no_longer_be_changed():
    survey = make_survey(areas=("FIN",))
    response = started(survey)
    answers.submit_response(response=response)
    response.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        answers.save_ratings(response=response, values={_items(survey)[0].pk: (1, 1)})
    assert refused.value.code == "used"
