"""The one check of user text: no NUL byte and no control character, and the one range of years.

PostgreSQL refuses a NUL byte in a text column (a 500 if it reaches the database) and SQLite stores it raw; other
control characters (from Excel cells, a pasted terminal) are invisible and break exports and search. Every input
path uses this module: the API schemas (``core.schemas``), every Django form (``core.forms.CleanTextFormMixin``),
the list filters (``core.filters.BaseFilterSet``) and, as a last guard for any other query or form parameter,
``core.middleware.RejectControlCharactersMiddleware``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# C0 controls and DEL, and the C1 controls; tab, line feed and carriage return are allowed in multi-line text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # tab is allowed (pasted cells), not newlines

CONTROL_MESSAGE = "Không được chứa ký tự điều khiển (ví dụ ký tự NUL)."
SINGLE_LINE_MESSAGE = "Không được chứa ký tự điều khiển hoặc xuống dòng."

# The years the app accepts anywhere (filters, API parameters, records): a typo such as 20255 or -515 is refused.
MIN_YEAR, MAX_YEAR = 1945, 2100
YEAR_MESSAGE = f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}."


def has_control_characters(value: str, *, multiline: bool = True) -> bool:
    """Whether ``value`` holds a NUL or another control character (newlines too when ``multiline`` is false)."""
    pattern = _CONTROL if multiline else _CONTROL_SINGLE_LINE
    return pattern.search(value) is not None


def check_text(value: str, *, multiline: bool = True) -> str:
    """Return ``value`` unchanged, or raise a Vietnamese ``ValueError`` if it holds control characters."""
    if has_control_characters(value, multiline=multiline):
        raise ValueError(CONTROL_MESSAGE if multiline else SINGLE_LINE_MESSAGE)
    return value


def validate_text(value) -> None:
    """Django validator (forms, model fields): refuse NUL and control characters other than tab and newlines."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def validate_single_line(value) -> None:
    """Django validator for one-line fields (names, codes): refuse control characters and newlines."""
    if isinstance(value, str) and has_control_characters(value, multiline=False):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def validate_year(value) -> None:
    """Django validator: a year within ``MIN_YEAR``–``MAX_YEAR``."""
    if value is not None and not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise ValidationError(YEAR_MESSAGE, code="year_range")
