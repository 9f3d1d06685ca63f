"""The OpenAPI description says what the API does: one name per schema, every error answer
documented, every input bounded and checked, and real answers valid against it."""

import json
import types
import typing
from collections import defaultdict

import pytest
from annotated_types import Ge, Le
from pydantic import AfterValidator, BaseModel

from muhandis.accounts import services
from muhandis.api.api import api
from muhandis.core import apitypes

pytestmark = pytest.mark.django_db


def _operations():
    api.get_openapi_schema()  # binds the routers
    for _, router in api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


def _models_in(annotation) -> typing.Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models_in(field.annotation)
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def _schemas_by_name() -> dict[str, set[type]]:
    names: dict[str, set[type]] = defaultdict(set)
    for operation in _operations():
        roots = [*operation.models, *operation.response_models.values()]
        for root in roots:
            for model in _models_in(root):
                if model.__module__.startswith("muhandis"):
                    names[model.__name__].add(model)
    return names


def test_no_two_schemas_of_the_api_share_a_name():
    names = _schemas_by_name()
    assert "ProfileOut" in names  # the walk reaches nested response schemas
    clashes = {
        name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
        for name, models in names.items()
        if len(models) > 1
    }
    assert clashes == {}


def _schema(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def test_every_operation_documents_its_error_answers_in_the_error_shape(client):
    schema = _schema(client)
    error_ref = "#/components/schemas/ErrorOut"
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == {"error"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            expected = set()
            if operation.get("security"):
                expected |= {"401", "403"}
            if "{" in path:
                expected |= {"404", "422"}
            if operation.get("requestBody"):
                expected |= {"400", "413", "422"}
            assert expected <= set(responses), (method, path, sorted(responses))
            for status, answer in responses.items():
                if int(status) >= 400:
                    media = answer["content"]["application/json"]["schema"]
                    assert media == {"$ref": error_ref}, (method, path, status, media)


def test_rate_limited_and_conflicting_answers_are_documented(client):
    paths = _schema(client)["paths"]
    assert "429" in paths["/api/v1/register"]["get"]["responses"]
    assert "429" in paths["/api/v1/verify/{number}"]["get"]["responses"]
    save = paths["/api/v1/exams/attempts/{public_id}/answers/{version_id}"]["put"]
    assert "409" in save["responses"]


def _leaf_checks(annotation, metadata) -> typing.Iterator[tuple[type, list]]:
    """(type, constraints) for each plain int or str the input may hold."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        yield from _leaf_checks(base, [*metadata, *extra])
    elif origin in (typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            if argument is not type(None):
                yield from _leaf_checks(argument, metadata)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for field in annotation.model_fields.values():
            yield from _leaf_checks(field.annotation, field.metadata)
    elif annotation in (int, str):
        yield annotation, metadata


def _inputs():
    for operation in _operations():
        for model in operation.models:
            for name, field in model.model_fields.items():
                for kind, constraints in _leaf_checks(field.annotation, field.metadata):
                    yield operation.view_func.__name__, name, kind, constraints


def test_every_integer_the_api_reads_is_bounded():
    for view, name, kind, constraints in _inputs():
        if kind is int:
            assert any(isinstance(c, Ge) for c in constraints), (view, name)
            assert any(isinstance(c, Le) for c in constraints), (view, name)


def test_every_text_the_api_reads_refuses_control_characters():
    checks = {apitypes._line, apitypes._text}
    for view, name, kind, constraints in _inputs():
        if kind is str:
            validators = {c.func for c in constraints if isinstance(c, AfterValidator)}
            assert validators & checks, (view, name)


@pytest.fixture
def openapi():
    import schemathesis
    from django.core.serializers.json import DjangoJSONEncoder

    document = json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))
    return schemathesis.openapi.from_dict(document)


def test_the_signed_in_persons_profile_matches_the_description(in_process_wsgi, engineer, openapi):
    _, plain = services.create_api_token(user=engineer, name="test", scope="write")
    headers = {"Authorization": f"Bearer {plain}"}
    response = in_process_wsgi.get("/api/v1/me", headers=headers)
    assert response.status_code == 200
    openapi["/api/v1/me"]["GET"].validate_response(response)
    response = in_process_wsgi.patch(
        "/api/v1/me",
        data=json.dumps({"given_name": "Madina"}),
        headers=headers,
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json["given_name"] == "Madina"
    openapi["/api/v1/me"]["PATCH"].validate_response(response)


def test_a_framework_matches_the_description(in_process_wsgi, openapi):
    from muhandis.competencies.models import Framework

    framework = Framework.objects.exclude(status=Framework.Status.DRAFT).first()
    response = in_process_wsgi.get(f"/api/v1/frameworks/{framework.public_id}")
    assert response.status_code == 200
    assert response.json["areas"][0]["competencies"]
    assert response.json["profiles"]
    openapi["/api/v1/frameworks/{public_id}"]["GET"].validate_response(response)
