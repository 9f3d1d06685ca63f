import pytest
from django.urls import reverse

from tests.visible import read

from ..selectors import matching
from ..services import pairs
from . import factories as f

pytestmark = pytest.mark.django_db


def _names(entry):
    return [s.mentor.person.given_name for s in entry.suggestions]


def test_suggestions_are_ranked_by_shared_areas_region_and_language():
    programme = f.make_programme()
    first, second, third = f.areas()[:3]
    mentee = f.mentee(programme, area_list=[first, second], languages=["uz", "ru"])
    mentee.person.given_name = "Mentee"
    f.mentor(programme, given_name="Two areas", area_list=[first, second], region_code="UZ-SA")
    f.mentor(programme, given_name="One area here", area_list=[first], region_code="UZ-TK")
    f.mentor(
        programme, given_name="Nothing", area_list=[third], region_code="UZ-SA", languages=["en"]
    )
    entry = matching.suggestions(programme).mentees[0]
    assert _names(entry) == ["Two areas", "One area here", "Nothing"]
    best = entry.suggestions[0]
    # two areas (2 × 3), a shared language (2), meeting ways that fit (1)
    assert best.score == 9
    assert [a.pk for a in best.shared_areas] == [first.pk, second.pk]


def test_the_wished_language_and_region_weigh_more():
    programme = f.make_programme()
    area = f.areas()[0]
    f.mentee(programme, area_list=[area], wants_language="en", wants_same_region=True)
    f.mentor(programme, given_name="Same area", area_list=[area], region_code="UZ-SA")
    f.mentor(programme, given_name="Speaks English", languages=["uz", "en"], region_code="UZ-SA")
    f.mentor(programme, given_name="Same region", region_code="UZ-TK")
    entry = matching.suggestions(programme).mentees[0]
    assert _names(entry) == ["Same region", "Speaks English", "Same area"]


def test_a_mentee_who_asked_for_a_woman_mentor_is_offered_women_only():
    programme = f.make_programme()
    area = f.areas()[0]
    f.mentee(programme, area_list=[area], wants_woman_mentor=True)
    f.mentor(programme, "male", given_name="Best fit man", area_list=[area])
    f.mentor(programme, "female", given_name="Woman")
    entry = matching.suggestions(programme).mentees[0]
    assert _names(entry) == ["Woman"]
    assert entry.filtered_out == 1


def test_without_the_wish_a_man_may_come_first():
    programme = f.make_programme()
    area = f.areas()[0]
    f.mentee(programme, area_list=[area])
    f.mentor(programme, "male", given_name="Best fit man", area_list=[area])
    f.mentor(programme, "female", given_name="Woman")
    assert _names(matching.suggestions(programme).mentees[0]) == ["Best fit man", "Woman"]


def test_a_full_mentor_is_not_suggested_and_a_paired_mentee_is_not_listed(administrator):
    programme = f.make_programme()
    full = f.mentor(programme, given_name="Full", max_mentees=1)
    f.mentor(programme, given_name="Free")
    paired = f.mentee(programme)
    waiting = f.mentee(programme)
    pairs.pair(actor=administrator, mentor=full, mentee=paired)
    found = matching.suggestions(programme)
    assert [e.mentee.pk for e in found.mentees] == [waiting.pk]
    assert _names(found.mentees[0]) == ["Free"]
    assert [m.person.given_name for m, _free in found.mentors] == ["Free"]


def test_the_suggestions_page_explains_the_rule_in_few_queries(
    client, training_manager, django_assert_max_num_queries
):
    programme = f.make_programme()
    areas = f.areas()
    for index in range(6):
        f.mentor(
            programme, "male" if index % 2 else "female", area_list=areas[index % 3 : index % 3 + 2]
        )
        f.mentee(programme, area_list=areas[:2], wants_woman_mentor=index % 2 == 0)
    training_manager.preferred_language = "en"
    training_manager.save()
    client.force_login(training_manager)
    url = reverse("mentoring:matching", kwargs={"public_id": programme.public_id})
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    text = read(response.content.decode())[0]
    assert "is offered women mentors only" in text
    assert text.count("Asked for a woman mentor") == 3
    assert "Pair by hand" in text


def test_staff_pair_from_a_suggestion_and_are_warned_when_the_wish_is_not_met(
    client, training_manager
):
    programme = f.make_programme()
    man = f.mentor(programme, "male")
    mentee = f.mentee(programme, wants_woman_mentor=True)
    training_manager.preferred_language = "en"
    training_manager.save()
    client.force_login(training_manager)
    url = reverse("mentoring:pair_create", kwargs={"public_id": programme.public_id})
    response = client.post(url, {"mentor": man.pk, "mentee": mentee.pk}, follow=True)
    text = read(response.content.decode())[0]
    assert "The pair is made" in text
    assert "asked for a woman mentor: make sure she agrees" in text
