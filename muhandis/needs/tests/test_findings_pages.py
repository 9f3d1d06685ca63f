"""Published findings on the home page and on their public page; staff publish and withdraw
them from the priorities page."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from muhandis.needs.selectors.plans import home_panel
from muhandis.needs.services.findings import publish_findings

from .factories_plan import answered_survey

pytestmark = pytest.mark.django_db

HEADING = "What the industry needs most"


@pytest.fixture
def survey():
    return answered_survey(status="closed")


def test_the_home_page_shows_findings_only_once_published(client, survey, training_manager):
    assert HEADING not in client.get("/en/").content.decode()
    assert client.get(reverse("needs:findings", args=[survey.code])).status_code == 404
    publish_findings(actor=training_manager, survey=survey)
    page = client.get("/en/").content.decode()
    assert f"{HEADING} (Survey" in page
    assert "6 respondents)" in page
    assert "Technical norms and standards" in page
    assert "Regulatory" in page
    assert reverse("needs:findings", args=[survey.code]) in page


def test_the_home_page_speaks_the_visitors_language(client, survey, training_manager):
    publish_findings(actor=training_manager, survey=survey)
    russian = client.get("/ru/").content.decode()
    assert "Технические нормы и стандарты" in russian
    assert "Technical norms and standards" not in russian


def test_the_home_panel_costs_two_queries(survey, training_manager, django_assert_max_num_queries):
    request = RequestFactory().get("/")
    with django_assert_max_num_queries(2):
        assert home_panel(request) is None
    publish_findings(actor=training_manager, survey=survey)
    with django_assert_max_num_queries(2):
        panel = home_panel(request)
    assert [f.rank for f in panel["findings"]] == [1, 2, 3, 4, 5]


def test_anyone_reads_the_public_findings_page_without_breakdowns(client, survey, training_manager):
    publish_findings(actor=training_manager, survey=survey)
    response = client.get("/en" + reverse("needs:findings", args=[survey.code])[3:])
    assert response.status_code == 200
    page = response.content.decode()
    assert HEADING in page
    assert "Permits and approvals" in page
    assert "region" not in page.lower().split("<main", 1)[1]
    assert "gender" not in page.lower().split("<main", 1)[1]


def test_a_manager_publishes_and_withdraws_from_the_priorities_page(
    client, survey, training_manager
):
    client.force_login(training_manager)
    back = reverse("needs:priorities", args=[survey.code])
    response = client.post(reverse("needs:findings_publish", args=[survey.code]))
    assert response["Location"] == back
    survey.refresh_from_db()
    assert survey.findings_published_at is not None
    page = client.get("/en" + back[3:]).content.decode()
    assert "Withdraw the findings" in page
    client.post(reverse("needs:findings_withdraw", args=[survey.code]))
    survey.refresh_from_db()
    assert survey.findings_published_at is None
    assert client.get(reverse("needs:findings", args=[survey.code])).status_code == 404


def test_an_open_survey_cannot_be_published_and_the_manager_is_told_why(client, training_manager):
    survey = answered_survey(status="open")
    training_manager.preferred_language = "en"
    training_manager.save()
    client.force_login(training_manager)
    response = client.post(
        "/en" + reverse("needs:findings_publish", args=[survey.code])[3:], follow=True
    )
    assert "Close the survey before you publish its findings." in response.content.decode()
    survey.refresh_from_db()
    assert survey.findings_published_at is None
