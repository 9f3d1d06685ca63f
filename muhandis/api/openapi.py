"""The error answers of every operation, written into the OpenAPI description.

What an operation may answer besides its own results follows from what it takes: a secured
operation may answer 401 and 403, one with a path parameter 404, one with parameters or a
body 422, one with a JSON body 400, 413 and 415. Answers that belong to one operation only
(409, 429, …) are declared on the operation itself with `ErrorOut`."""

from http import HTTPStatus

from muhandis.core.apitypes import ErrorOut

ERROR_SCHEMA = "ErrorOut"
_REF_TEMPLATE = "#/components/schemas/{model}"


def error_statuses(operation: dict) -> set[int]:
    statuses: set[int] = set()
    parameters = operation.get("parameters", [])
    body = operation.get("requestBody")
    if operation.get("security"):
        statuses |= {401, 403}
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if parameters or body:
        statuses.add(422)
    if body:
        statuses |= {400, 413}
        if "application/json" in body.get("content", {}):
            statuses.add(415)
    return statuses


def document_errors[Schema: dict](schema: Schema) -> Schema:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    definition = ErrorOut.model_json_schema(ref_template=_REF_TEMPLATE)
    components.update(definition.pop("$defs", {}))
    components.setdefault(ERROR_SCHEMA, definition)
    content = {"application/json": {"schema": {"$ref": _REF_TEMPLATE.format(model=ERROR_SCHEMA)}}}
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for status in sorted(error_statuses(operation)):
                if status not in responses and str(status) not in responses:
                    responses[status] = {
                        "description": HTTPStatus(status).phrase,
                        "content": content,
                    }
    return schema
