import json

import pytest
from openapi_spec_validator import validate

from muhandis.accounts import services
from muhandis.accounts.models import ApiToken
from muhandis.accounts.roles import Role

pytestmark = pytest.mark.django_db

BAD_VALUES = ["", "x" * 300, "not-a-uuid", "-1", "2026-13-45", "<script>", "null", "9" * 30]


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


def _bearer(user, scope="write"):
    _, plain = services.create_api_token(user=user, name="test", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_openapi_schema_is_valid(schema):
    validate(schema)
    assert schema["info"]["title"] == "Muhandis API"
    assert "/api/v1/me" in schema["paths"]


def test_docs_page_is_served_from_local_assets(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html
    assert "unpkg" not in html


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, op in item.items():
            yield path, method, op


def _fill_path(path, value):
    import re

    return re.sub(r"\{[^}]+\}", value, path)


def test_every_endpoint_refuses_anonymous_callers_unless_public(client, schema):
    for path, method, op in _operations(schema):
        response = getattr(client, method)(_fill_path(path, "00000000-0000-0000-0000-000000000000"))
        if "security" not in op:  # public on purpose: regions, published frameworks
            continue
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.json()["error"]["code"] == "not_authenticated"


def test_every_endpoint_answers_bad_input_with_4xx_not_500(client, schema, administrator):
    headers = _bearer(administrator)
    for path, method, op in _operations(schema):
        for bad in BAD_VALUES:
            url = _fill_path(path, bad or "0")
            query = {p["name"]: bad for p in op.get("parameters", []) if p["in"] == "query"}
            bodies = [
                json.dumps(
                    {
                        "name": bad,
                        "role": bad,
                        "scope": bad,
                        "pinfl": bad,
                        "phone": bad,
                        "region": bad,
                        "country": bad,
                    }
                ),
                "{",
                "[]",
                bad,
            ]
            for body in bodies if method in {"post", "patch", "put"} else [None]:
                if body is None:
                    response = getattr(client, method)(url, query, **headers)
                else:
                    response = getattr(client, method)(
                        url + "?" + "&".join(f"{k}={v}" for k, v in query.items()),
                        data=body,
                        content_type="application/json",
                        **headers,
                    )
                assert 400 <= response.status_code < 500 or response.status_code in {200, 204}, (
                    method,
                    url,
                    body,
                    response.status_code,
                )
                if response.status_code >= 400:
                    assert set(response.json()["error"]) >= {"code", "message"}


def test_validation_errors_name_the_field_in_the_clients_language(client, engineer):
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"pinfl": "31234567890123"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
        **_bearer(engineer),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "pinfl" in error["fields"]
    assert "ПИНФЛ" in error["fields"]["pinfl"][0]


def test_profile_can_be_read_and_changed_with_a_write_token(client, engineer):
    headers = _bearer(engineer)
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"phone": "+998 90 123 45 67", "region": "UZ-SA", "gender": "female"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    body = client.get("/api/v1/me", **headers).json()
    assert body["phone"] == "+998901234567"
    assert body["region"] == "UZ-SA"
    assert body["roles"] == ["engineer"]


def test_read_token_cannot_change_anything(client, engineer):
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"given_name": "X"}),
        content_type="application/json",
        **_bearer(engineer, scope="read"),
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "token_scope"
    engineer.refresh_from_db()
    assert engineer.given_name != "X"


def test_revoked_token_is_refused(client, engineer):
    token, plain = services.create_api_token(user=engineer, name="old", scope="read")
    services.revoke_api_token(token=token, actor=engineer)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 401


def test_token_secret_is_stored_only_as_a_hash(engineer):
    token, plain = services.create_api_token(user=engineer, name="ci", scope="read")
    stored = ApiToken.objects.get(pk=token.pk)
    secret = plain.split("_", 2)[2]
    assert secret not in stored.key_hash
    assert len(stored.key_hash) == 64


def test_audit_endpoint_is_for_registrars_and_administrators(client, engineer, registrar):
    assert client.get("/api/v1/audit", **_bearer(engineer)).status_code == 403
    response = client.get("/api/v1/audit?action=accounts.role", **_bearer(registrar))
    assert response.status_code == 200
    assert response.json()["count"] >= 1
    assert all(item["action"].startswith("accounts.role") for item in response.json()["items"])


def test_staff_role_without_two_factor_is_refused_by_the_api(client, registrar_without_two_factor):
    response = client.get(
        "/api/v1/audit", HTTP_ACCEPT_LANGUAGE="en", **_bearer(registrar_without_two_factor)
    )
    assert response.status_code == 403
    assert "two-factor" in response.json()["error"]["message"].lower()


def test_administrator_grants_a_role_through_the_api(client, administrator, engineer):
    response = client.post(
        f"/api/v1/people/{engineer.public_id}/roles",
        data=json.dumps({"role": "trainer", "reason": "teaches FIDIC"}),
        content_type="application/json",
        **_bearer(administrator),
    )
    assert response.status_code == 201
    from muhandis.accounts.selectors import roles_of

    assert Role.TRAINER in roles_of(type(engineer).objects.get(pk=engineer.pk))


def test_non_administrator_cannot_grant_roles(client, registrar, engineer):
    response = client.post(
        f"/api/v1/people/{engineer.public_id}/roles",
        data=json.dumps({"role": "admin", "reason": "please"}),
        content_type="application/json",
        **_bearer(registrar),
    )
    assert response.status_code == 403


def test_organisation_with_a_wrong_bin_is_refused(client, engineer):
    response = client.post(
        "/api/v1/organisations",
        data=json.dumps(
            {
                "name": "Almaty Su",
                "kind": "utility",
                "country": "KZ",
                "tax_number": "971240001316",
                "region": "KZ-75",
                "size_band": "large",
            }
        ),
        content_type="application/json",
        **_bearer(engineer),
    )
    assert response.status_code == 422
    assert "tax_number" in response.json()["error"]["fields"]


def test_organisation_is_registered_and_listed(client, engineer):
    headers = _bearer(engineer)
    response = client.post(
        "/api/v1/organisations",
        data=json.dumps(
            {
                "name": "Almaty Su",
                "kind": "utility",
                "country": "KZ",
                "tax_number": "971240001315",
                "region": "KZ-75",
                "size_band": "large",
                "link_as": "employee",
            }
        ),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    listed = client.get("/api/v1/organisations?q=Almaty", **headers).json()
    assert [o["tax_number"] for o in listed["items"]] == ["971240001315"]


def test_session_clients_need_the_csrf_token_to_write(engineer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(engineer)
    response = client.patch(
        "/api/v1/me", data=json.dumps({"given_name": "Y"}), content_type="application/json"
    )
    assert response.status_code == 403


ROLE_ENDPOINTS = [
    ("get", "/api/v1/audit", None, {Role.REGISTRAR, Role.ADMIN}),
    ("get", "/api/v1/people/{id}/roles", None, {Role.ADMIN}),
    ("post", "/api/v1/people/{id}/roles", {"role": "trainer", "reason": "r"}, {Role.ADMIN}),
    ("post", "/api/v1/people/{id}/roles/revoke", {"role": "engineer", "reason": "r"}, {Role.ADMIN}),
]


@pytest.mark.parametrize(("method", "path", "body", "roles"), ROLE_ENDPOINTS)
def test_role_endpoints_refuse_everyone_else(client, engineer, method, path, body, roles):
    from muhandis.accounts.tests.factories import make_person

    others = [r for r in Role if r not in roles]
    caller = make_person(others[0], two_factor=True)
    for role in others[1:]:
        services.grant_role(user=caller, role=role, actor=None, reason="test")
    url = path.format(id=engineer.public_id)
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body else {}
    response = getattr(client, method)(url, **kwargs, **_bearer(caller))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize(("method", "path", "body", "roles"), ROLE_ENDPOINTS)
def test_role_endpoints_answer_the_right_role(client, engineer, method, path, body, roles):
    from muhandis.accounts.tests.factories import make_person

    caller = make_person(sorted(roles)[0], two_factor=True)
    url = path.format(id=engineer.public_id)
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body else {}
    response = getattr(client, method)(url, **kwargs, **_bearer(caller))
    assert response.status_code in {200, 201}, response.content
