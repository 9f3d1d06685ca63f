"""Every answer under /api/ is JSON in the one error shape, whatever went wrong."""

import json

import pytest
from django.test import Client

from muhandis.accounts import services

pytestmark = pytest.mark.django_db


def _bearer(user, scope="write"):
    _, plain = services.create_api_token(user=user, name="test", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    error = response.json()["error"]
    assert isinstance(error["code"], str)
    assert isinstance(error["message"], str)
    assert error["message"]
    return error


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/register?offset=99999999999999999999999",
        "/api/v1/register?limit=99999999999999999999999",
        "/api/v1/register?limit=0",
        "/api/v1/register?offset=-1",
    ],
)
def test_paging_numbers_out_of_bounds_are_refused_with_422(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "validation_error"
    assert set(error["fields"]) & {"limit", "offset"}


@pytest.mark.parametrize("path", ["/api/v1/organisations", "/api/v1/audit"])
def test_paging_limits_of_signed_in_lists_are_bounded(client, registrar, path):
    response = client.get(f"{path}?limit=99999999999999999999999", **_bearer(registrar))
    assert response.status_code == 422
    assert "limit" in _error(response)["fields"]


def test_a_page_may_not_be_larger_than_a_hundred(client):
    assert client.get("/api/v1/register?limit=100").status_code == 200
    response = client.get("/api/v1/register?limit=101", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert _error(response)["fields"]["limit"] == ["Enter a number no larger than 100."]


def test_an_identifier_too_large_for_the_database_is_refused(client, engineer):
    response = client.delete("/api/v1/tokens/99999999999999999999999", **_bearer(engineer))
    assert response.status_code == 422
    assert "token_id" in _error(response)["fields"]


def test_unknown_api_path_answers_json_404(client):
    response = client.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404
    error = _error(response)
    assert error["code"] == "not_found"
    assert error["message"] == "Не найдено."


def test_method_not_allowed_answers_json_405_with_allow(client):
    response = client.put("/api/v1/regions")
    assert response.status_code == 405
    assert _error(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_json_body_over_the_size_limit_answers_json_413(client, engineer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"given_name": "x" * 4096}),
        content_type="application/json",
        **_bearer(engineer),
    )
    assert response.status_code == 413
    assert _error(response)["code"] == "payload_too_large"


def test_multipart_without_boundary_answers_json_400(client, registrar):
    response = client.post(
        "/api/v1/frameworks/import",
        data=b"--x\r\n",
        content_type="multipart/form-data",
        **_bearer(registrar),
    )
    assert response.status_code == 400
    assert _error(response)["code"] == "bad_request"


def test_server_error_in_an_endpoint_answers_json_without_a_traceback(
    client, monkeypatch, settings
):
    from muhandis.accounts import selectors

    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(selectors, "regions", broken)
    settings.DEBUG = True
    response = Client(raise_request_exception=False).get("/api/v1/regions")
    assert response.status_code == 500
    assert _error(response)["code"] == "server_error"
    assert b"secret detail" not in response.content
    assert b"Traceback" not in response.content


def test_server_error_around_the_api_answers_json_without_a_traceback(monkeypatch, settings):
    from muhandis.core.middleware import SessionTimeoutMiddleware

    def broken(self, request):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(SessionTimeoutMiddleware, "__call__", broken)
    settings.DEBUG = True
    response = Client(raise_request_exception=False).get("/api/v1/regions")
    assert response.status_code == 500
    assert _error(response)["code"] == "server_error"
    assert b"secret detail" not in response.content


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", '{"given_name": "Plain"}'),
        ("application/xml", "<given_name>Xml</given_name>"),
        ("application/x-www-form-urlencoded", "given_name=Form"),
    ],
)
def test_a_body_that_is_not_json_answers_415(client, engineer, content_type, body):
    response = client.patch("/api/v1/me", data=body, content_type=content_type, **_bearer(engineer))
    assert response.status_code == 415
    assert _error(response)["code"] == "unsupported_media_type"
    engineer.refresh_from_db()
    assert engineer.given_name == "Dilnoza"


@pytest.mark.parametrize("body", ["[1, 2, 3]", "null", "42", '"text"'])
def test_a_json_body_that_is_not_an_object_answers_422(client, engineer, body):
    response = client.patch(
        "/api/v1/me", data=body, content_type="application/json", **_bearer(engineer)
    )
    assert response.status_code == 422
    assert _error(response)["code"] == "validation_error"


def test_malformed_json_answers_400_in_the_error_shape(client, engineer):
    response = client.patch(
        "/api/v1/me", data="{", content_type="application/json", **_bearer(engineer)
    )
    assert response.status_code == 400
    assert _error(response)["code"] == "invalid_json"


def test_a_write_without_any_credentials_answers_401(engineer):
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        "/api/v1/me", data=json.dumps({"given_name": "Y"}), content_type="application/json"
    )
    assert response.status_code == 401
    assert _error(response)["code"] == "not_authenticated"


def test_a_session_write_without_the_csrf_token_answers_403_in_the_error_shape(engineer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(engineer)
    response = client.patch(
        "/api/v1/me", data=json.dumps({"given_name": "Y"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert _error(response)["code"] == "csrf_failed"
    engineer.refresh_from_db()
    assert engineer.given_name == "Dilnoza"


def test_a_session_write_with_the_csrf_token_is_accepted(engineer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(engineer)
    client.get("/en/profile/")
    token = client.cookies["csrftoken"].value
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"given_name": "Yulduz"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200, response.content
    assert response.json()["given_name"] == "Yulduz"


def test_a_replaced_error_keeps_the_security_headers(client):
    response = client.get("/api/v1/no-such-thing")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
