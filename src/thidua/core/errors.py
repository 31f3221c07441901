"""Domain errors raised by services and shown to users in Vietnamese."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class ConflictError(Exception):
    """Someone saved the record after the user opened it; carries the current values so the form can show them."""

    def __init__(self, instance, current: dict[str, Any]):
        self.instance = instance
        self.current = current
        super().__init__(
            "Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy so sánh với giá trị đang lưu; những gì bạn "
            "vừa nhập vẫn được giữ, bấm lưu lần nữa nếu vẫn muốn thay đổi."
        )


def field_error(field: str, message: str) -> ValidationError:
    """A validation error attached to one field, so forms and the API can name the field."""
    return ValidationError({field: [message]})
