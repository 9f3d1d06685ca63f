"""The published headline findings in the REST API."""

import pytest

from muhandis.needs.services.findings import publish_findings, withdraw_findings

from .factories_plan import answered_survey

pytestmark = pytest.mark.django_db


def test_the_latest_published_findings_are_read_without_signing_in(client, training_manager):
    survey = answered_survey(status="closed")
    publish_findings(actor=training_manager, survey=survey)

    answer = client.get("/api/v1/needs/findings", HTTP_ACCEPT_LANGUAGE="ru")

    assert answer.status_code == 200
    body = answer.json()
    assert body["survey"] == survey.code
    assert body["respondents"] == 6
    assert [f["rank"] for f in body["findings"]] == list(range(1, len(body["findings"]) + 1))
    first = body["findings"][0]
    assert first["competency"] == survey.findings.get(rank=1).competency.code
    # Titles in the language asked for.
    assert any("а" <= ch <= "я" for ch in first["title"].lower())
    assert (
        client.get(f"/api/v1/needs/findings/{survey.code}").json()
        == client.get("/api/v1/needs/findings").json()
    )


def test_nothing_published_is_a_json_404_in_the_one_error_shape(client, training_manager):
    survey = answered_survey(status="closed")
    assert client.get("/api/v1/needs/findings").status_code == 404
    publish_findings(actor=training_manager, survey=survey)
    withdraw_findings(actor=training_manager, survey=survey, reason="Figures being checked")

    answer = client.get(f"/api/v1/needs/findings/{survey.code}", HTTP_ACCEPT_LANGUAGE="en")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
    assert answer.json()["error"]["message"] == "Not found."
