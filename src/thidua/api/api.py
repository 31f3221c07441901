"""The one django-ninja API object; each app contributes a router from its own ``api.py``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError

from thidua.core.errors import ConflictError

from .auth import AUTH

api = NinjaAPI(
    title="Thidua API",
    version="1",
    description="API của Thidua — quản lý công tác thi đua, khen thưởng. Mọi dữ liệu được giới hạn theo đơn vị "
    "của người dùng; đối tượng ngoài phạm vi trả về 404.",
    auth=AUTH,
    urls_namespace="api",
    # The schema and the interactive docs are for logged-in users only (closed networks, internal API).
    docs_decorator=login_required,
)


@api.exception_handler(ObjectDoesNotExist)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(Http404)
def _http404(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)


_SCHEMA_MESSAGES = {
    "missing": "Trường này là bắt buộc.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_type": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "string_type": "Phải là chuỗi ký tự.",
    "enum": "Giá trị không hợp lệ.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
}


@api.exception_handler(SchemaValidationError)
def _schema_invalid(request, exc: SchemaValidationError):
    """Malformed input (wrong type, missing field) in the same shape as a service ValidationError: errors by field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field = next((str(part) for part in reversed(error.get("loc", ())) if isinstance(part, str)), "__all__")
        message = _SCHEMA_MESSAGES.get(error.get("type", ""), error.get("msg", "Giá trị không hợp lệ."))
        if error.get("type") == "enum" and error.get("ctx", {}).get("expected"):
            message += f" Chọn một trong: {error['ctx']['expected']}."
        errors.setdefault(field, []).append(message)
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)


@api.exception_handler(ConflictError)
def _conflict(request, exc: ConflictError):
    return api.create_response(request, {"detail": str(exc), "current": exc.current}, status=409)


def _mount() -> None:
    """Attach every app's router (imported here so each app owns its endpoints)."""
    from thidua.org.api import router as org_router

    api.add_router("", org_router)
    api.add_router("", "thidua.awards.eligibility.api.router")
    api.add_router("", "thidua.records.api.router")
    api.add_router("", "thidua.emulation.reports.api.router")
    api.add_router("", "thidua.emulation.movements.api.movements.router")
    api.add_router("", "thidua.emulation.movements.api.registrations.router")
    api.add_router("", "thidua.emulation.conferences.api.router")
    api.add_router("", "thidua.emulation.scoring.api.router")


_mount()
