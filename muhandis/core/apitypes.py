"""The types every API input and error shares, so that each rule is written once.

Every app's `api.py` may use them (`core` is below every app); the v1 API in `muhandis.api`
uses them for pagination, error answers and the OpenAPI description.

- Numbers: `RowId`, `PageSize`, `Offset` are bounded, so a number too large for the database
  is refused with 422 instead of failing in SQL.
- Text: `Line` (one line) and `Text` (may hold line breaks and tabs) refuse control characters
  with the same message as the forms (`muhandis.core.validators`).
- Errors: `ErrorOut` is the one shape of every error answer.
"""

from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .validators import CODE, control_characters_message, has_control_characters

# PostgreSQL's integer and bigint; SQLite stores up to the bigint limit.
DB_INT_MAX = 2**31 - 1
DB_BIGINT_MAX = 2**63 - 1
PAGE_SIZE_DEFAULT = 50
PAGE_SIZE_MAX = 100

RowId = Annotated[int, Field(ge=1, le=DB_BIGINT_MAX)]
PageSize = Annotated[
    int, Field(ge=1, le=PAGE_SIZE_MAX, description=f"Items per page, 1 to {PAGE_SIZE_MAX}")
]
Offset = Annotated[int, Field(ge=0, le=DB_INT_MAX, description="How many items to skip, from 0")]


def _check_text(value: str, *, multiline: bool) -> str:
    if has_control_characters(value, multiline=multiline):
        raise PydanticCustomError(
            CODE, "{message}", {"message": control_characters_message(multiline=multiline)}
        )
    return value


def _line(value: str) -> str:
    return _check_text(value, multiline=False)


def _text(value: str) -> str:
    return _check_text(value, multiline=True)


Line = Annotated[str, AfterValidator(_line)]
Text = Annotated[str, AfterValidator(_text)]


def check_nested_text(value: Any) -> Any:
    """Refuse control characters in every string of a JSON value (e.g. an answer's fields)."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        for key, item in value.items():
            check_nested_text(key)
            check_nested_text(item)
    elif isinstance(value, list):
        for item in value:
            check_nested_text(item)
    return value


class ProblemOut(Schema):
    """One problem found in an uploaded file."""

    row: int = Field(..., description="1 is the header row; 0 means the file as a whole")
    column: str
    message: str


class ErrorDetailOut(Schema):
    code: str = Field(
        ...,
        description=(
            "What went wrong, for programs: e.g. validation_error, not_authenticated, "
            "permission_denied, token_scope, not_found, unsupported_media_type, rate_limited"
        ),
    )
    message: str = Field(..., description="For people, in the language of Accept-Language")
    fields: dict[str, list[str]] | None = Field(
        None, description="Messages per input field; `__all__` for the request as a whole"
    )
    problems: list[ProblemOut] | None = Field(
        None, description="Problems per row and column of an uploaded file"
    )


class ErrorOut(Schema):
    """The shape of every error answer of the API."""

    error: ErrorDetailOut
