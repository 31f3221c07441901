"""The shared pieces of every API schema (django-ninja / pydantic 2): request bases that refuse control characters,
the constrained ``Year``, and the error responses documented on every operation.

Every request body and query schema derives from :class:`InputSchema`; its text fields go through the one check of
``core.validators``, so a NUL byte is a 422 with a Vietnamese message on SQLite and PostgreSQL alike, and ``null`` on
a field that is not nullable is refused by the schema instead of reaching a model.
"""

from __future__ import annotations

from typing import Annotated, Any, get_args

from ninja import Schema
from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from .validators import MAX_YEAR, MIN_YEAR, check_text

Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"Năm, từ {MIN_YEAR} đến {MAX_YEAR}.")]
"""A year of the app's range, for every API year field and parameter (a 422, never a 500, outside it)."""

MAX_INT = 2**63 - 1  # the database's largest integer (PostgreSQL bigint, SQLite INTEGER)

Id = Annotated[int, Field(ge=1, le=MAX_INT, description="Mã số (id) của đối tượng.")]
"""An object's id in a path or a query: a number the database can hold (a larger one is a 422, never a 500)."""

Page = Annotated[int, Field(ge=1, le=1_000_000, description="Trang, từ 1.")]
"""A page number of a paged list."""

NOT_NULL: Any = Field(None, json_schema_extra={"description": "Bỏ trống nếu không đổi; không nhận null."})
"""The default of a field a PATCH may leave out but never set to ``null`` (its column is not nullable):
``name: str = NOT_NULL`` — left out, it is ``None`` and unchanged; ``null`` is refused (422)."""

Line = Annotated[str, AfterValidator(lambda value: check_text(value, multiline=False))]
"""One line of text (a name, a code): no control characters, no line break."""


def _check(value: Any) -> None:
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        raise ValueError(TOO_LARGE)
    elif isinstance(value, list | tuple | set):
        for item in value:
            _check(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key)
            _check(item)


TOO_LARGE = "Số quá lớn."
NULL_MESSAGE = "Trường này không nhận giá trị null; bỏ trường đi nếu không đổi."


def _nullable(annotation: Any) -> bool:
    return annotation is None or annotation is type(None) or any(_nullable(arg) for arg in get_args(annotation))


class InputSchema(Schema):
    """The base of every request schema: no NUL byte or control character (tab and newlines aside) in any text, no
    integer larger than the database holds, and a Vietnamese message for ``null`` on a field that does not take it."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value, info: ValidationInfo):
        if value is None and not _nullable(cls.model_fields[info.field_name].annotation):
            raise ValueError(NULL_MESSAGE)
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value):
        _check(value)
        return value


class ErrorOut(Schema):
    """An error: a Vietnamese message and, for invalid input, the messages per field."""

    detail: str
    errors: dict[str, list[str]] | None = None


class ConflictOut(Schema):
    """Someone saved the record first: the message and the record's current values."""

    detail: str
    current: dict | None = None


READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
"""The errors of a read: not signed in, not found (or out of the user's units), invalid parameters."""

WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
"""The errors of a write: also malformed body, forbidden, and a conflict with a concurrent change."""
