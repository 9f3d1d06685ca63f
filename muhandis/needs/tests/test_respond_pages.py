import pytest

from muhandis.needs.models import Rating, Response
from muhandis.needs.services import answers
from muhandis.needs.services.surveys import close_survey

from .factories_respond import invitation, started, survey_with

pytestmark = pytest.mark.django_db


def _items(survey):
    return list(survey.items.select_related("competency").order_by("sort_order"))


def test_the_public_link_asks_who_answers_and_starts_a_response_on_the_first_save(client):
    survey = survey_with()
    page = client.get(f"/en/needs/s/{survey.public_token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "About myself" in text
    assert "About my staff" in text
    assert not Response.objects.exists()  # visiting creates nothing
    reply = client.post(f"/en/needs/s/{survey.public_token}/", {"kind": "supervisor"})
    response = Response.objects.get()
    assert reply["Location"] == f"/en/needs/r/{response.resume_token}/1/"
    assert (response.kind, response.language, response.person_id) == ("supervisor", "en", None)
    first = client.get(reply["Location"]).content.decode()
    assert "How important is this for your staff" in first
    assert f"/needs/r/{response.resume_token}/" in first  # the resume link is shown


def test_the_browser_remembers_the_response_and_resumes_it(client):
    survey = survey_with(kinds=["self"])
    client.post(f"/en/needs/s/{survey.public_token}/", {"kind": "self"})
    response = Response.objects.get()
    again = client.get(f"/en/needs/s/{survey.public_token}/")
    assert again["Location"] == f"/en/needs/r/{response.resume_token}/1/"
    assert Response.objects.count() == 1


def test_a_forged_cookie_is_ignored(client):
    survey = survey_with()
    started(survey)
    client.cookies[f"needs_{survey.public_id.hex[:12]}"] = "forged"
    assert client.get(f"/en/needs/s/{survey.public_token}/").status_code == 200


def test_a_closed_or_draft_survey_shows_a_clear_page(client):
    draft = survey_with(status="draft")
    page = client.get(f"/en/needs/s/{draft.public_token}/")
    assert page.status_code == 200
    assert "not open for answers now" in page.content.decode()
    survey = survey_with()
    response = started(survey)
    close_survey(actor=None, survey=survey)
    for url in (f"/en/needs/r/{response.resume_token}/1/", f"/en/needs/s/{survey.public_token}/"):
        text = client.get(url).content.decode()
        assert "The survey has closed" in text
    saved = client.post(
        f"/en/needs/r/{response.resume_token}/save/{_items(survey)[0].pk}/",
        {f"imp-{_items(survey)[0].pk}": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert "not open for answers" in saved.content.decode()


def test_a_survey_without_a_public_link_refuses_it(client):
    survey = survey_with(public_link=False)
    assert (
        "not open for answers now"
        in client.get(f"/en/needs/s/{survey.public_token}/").content.decode()
    )
    assert client.get("/en/needs/s/nothing-here/").status_code == 404


def test_one_rating_is_saved_by_the_autosave_in_a_few_queries(
    client, django_assert_max_num_queries
):
    survey = survey_with()
    response = started(survey)
    item = _items(survey)[0]
    url = f"/en/needs/r/{response.resume_token}/save/{item.pk}/"
    with django_assert_max_num_queries(3):
        reply = client.post(url, {f"imp-{item.pk}": "3"}, HTTP_HX_REQUEST="true")
    assert reply.status_code == 200
    assert "Saved" in reply.content.decode()
    client.post(url, {f"cur-{item.pk}": "1"}, HTTP_HX_REQUEST="true")
    rating = Rating.objects.get()
    assert (rating.importance, rating.current) == (3, 1)


def test_the_autosave_refuses_a_value_off_the_scale_naming_the_competency(client):
    survey = survey_with()
    response = started(survey)
    item = _items(survey)[0]
    url = f"/en/needs/r/{response.resume_token}/save/{item.pk}/"
    client.post(url, {f"imp-{item.pk}": "3"}, HTTP_HX_REQUEST="true")
    reply = client.post(url, {f"imp-{item.pk}": "7"}, HTTP_HX_REQUEST="true")
    assert item.competency.title in reply.content.decode()
    assert client.post(url, {f"imp-{item.pk}": "7"}).status_code == 400
    assert Rating.objects.get().importance == 3


def test_the_autosave_refuses_a_competency_of_another_survey(client):
    survey, other = survey_with(areas=("FIN",)), survey_with(areas=("LEG",))
    response = started(survey)
    foreign = _items(other)[0]
    reply = client.post(
        f"/en/needs/r/{response.resume_token}/save/{foreign.pk}/",
        {f"imp-{foreign.pk}": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert "not part of the survey" in reply.content.decode()
    assert not Rating.objects.exists()


def test_next_saves_the_whole_page_without_javascript(client):
    survey = survey_with(scale="borich")
    response = started(survey)
    items = [item for item in _items(survey) if item.competency.area.code == "FIN"]
    data = {f"imp-{item.pk}": "4" for item in items} | {f"cur-{item.pk}": "2" for item in items}
    reply = client.post(f"/en/needs/r/{response.resume_token}/1/", data | {"go": "next"})
    assert reply["Location"] == f"/en/needs/r/{response.resume_token}/2/"
    assert Rating.objects.filter(importance=4, current=2).count() == len(items)
    back = client.post(f"/en/needs/r/{response.resume_token}/2/", {"go": "previous"})
    assert back["Location"].endswith("/1/")
    page = client.get(f"/en/needs/r/{response.resume_token}/1/").content.decode()
    assert f'id="imp-{items[0].pk}-4" checked' in page


def test_a_page_with_a_refused_rating_keeps_the_others_and_says_which(client):
    survey = survey_with(scale="borich")
    response = started(survey)
    first, second = _items(survey)[:2]
    reply = client.post(
        f"/en/needs/r/{response.resume_token}/1/",
        {f"imp-{first.pk}": "4", f"imp-{second.pk}": "99", "go": "next"},
    )
    assert reply.status_code == 400
    text = reply.content.decode()
    assert second.competency.title in text
    assert "from 1 to 5" in text
    assert list(Rating.objects.values_list("item_id", "importance")) == [(first.pk, 4)]


def test_the_background_page_explains_why_gender_is_asked_and_saves(client):
    survey = survey_with(areas=("FIN",))
    response = started(survey)
    page = client.get(f"/en/needs/r/{response.resume_token}/2/").content.decode()
    assert "whether training reaches women and men alike" in page
    assert "Prefer not to say" in page
    reply = client.post(
        f"/en/needs/r/{response.resume_token}/2/",
        {"gender": "undisclosed", "sector": "water", "barriers": ["cost", "travel"],
         "comments": "More courses in Nukus", "go": "next"},
    )  # fmt: skip
    assert reply["Location"].endswith("/3/")
    response.refresh_from_db()
    assert (response.gender, response.sector) == ("undisclosed", "water")
    assert response.barriers == ["cost", "travel"]


def test_the_review_lists_what_is_not_rated_and_submitting_thanks(client):
    survey = survey_with(areas=("FIN",))
    response = started(survey)
    items = _items(survey)
    answers.save_ratings(response=response, values={items[0].pk: (3, 1)})
    review = client.get(f"/en/needs/r/{response.resume_token}/3/").content.decode()
    assert items[1].competency.title in review
    assert items[0].competency.title not in review
    done = client.post(f"/en/needs/r/{response.resume_token}/submit/")
    assert "your answers were sent" in done.content.decode()
    response.refresh_from_db()
    assert response.submitted_at is not None
    again = client.get(f"/en/needs/r/{response.resume_token}/1/").content.decode()
    assert "You have already answered this survey" in again


def test_a_personal_link_is_single_use_and_a_second_browser_resumes_the_same_response(
    client, django_user_model
):
    from django.test import Client

    survey = survey_with()
    invited = invitation(survey, language="uz")
    url = f"/uz/needs/i/{invited.token}/"
    assert client.get(url).status_code == 200
    assert not Response.objects.exists()
    first = client.post(url)
    response = Response.objects.get()
    other = Client().post(url)
    assert first["Location"] == other["Location"] == f"/uz/needs/r/{response.resume_token}/1/"
    assert client.get(url)["Location"] == first["Location"]  # opening the link again resumes
    client.post(f"/uz/needs/r/{response.resume_token}/submit/")
    invited.refresh_from_db()
    assert invited.answered_at is not None
    for browser in (client, Client()):
        page = browser.get(f"/en/needs/i/{invited.token}/")
        assert "You have already answered this survey. Thank you!" in page.content.decode()
        assert browser.post(f"/en/needs/i/{invited.token}/").status_code == 200
    assert Response.objects.count() == 1


def test_an_unknown_personal_link_says_so(client):
    page = client.get("/en/needs/i/not-a-token/")
    assert page.status_code == 404
    assert "This link is not valid" in page.content.decode()


def test_answer_pages_stay_within_the_query_budget(client, django_assert_max_num_queries):
    survey = survey_with(areas=())  # the whole framework
    response = started(survey)
    for page in (1, 7, 8, 9):
        with django_assert_max_num_queries(10):
            assert client.get(f"/en/needs/r/{response.resume_token}/{page}/").status_code == 200


def test_a_script_starting_answers_from_one_address_is_slowed_down(client):
    from muhandis.needs.views import respond

    survey = survey_with(kinds=["self"])
    for _ in range(respond.STARTS_PER_MINUTE):
        client.cookies.clear()
        assert (
            client.post(f"/en/needs/s/{survey.public_token}/", {"kind": "self"}).status_code == 302
        )
    refused = client.post(f"/en/needs/s/{survey.public_token}/", {"kind": "self"})
    assert refused.status_code == 429
    assert "Too many answers were started from here" in refused.content.decode()
    assert Response.objects.count() == respond.STARTS_PER_MINUTE
