"""The one django-ninja API object; each app contributes a router from its own ``api.py``."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaValidationError

from thidua.core.errors import ConflictError

from .auth import AUTH, docs_auth
from .openapi import document_errors

NOT_FOUND = "Không tìm thấy."


class ThiduaAPI(NinjaAPI):
    """The API object, whose OpenAPI schema documents the error responses of every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return document_errors(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = ThiduaAPI(
    title="Thidua API",
    version="1",
    description="API của Thidua — quản lý công tác thi đua, khen thưởng. Mọi dữ liệu được giới hạn theo đơn vị "
    "của người dùng; đối tượng ngoài phạm vi trả về 404.",
    auth=AUTH,
    urls_namespace="api",
    # The schema and the interactive docs are for signed-in users or a personal access token (closed networks).
    docs_decorator=docs_auth,
)


@api.exception_handler(ObjectDoesNotExist)
def _not_found(request, exc):
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


@api.exception_handler(Http404)
def _http404(request, exc):
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


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
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "decimal_parsing": "Phải là số.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "model_type": "Phải là một đối tượng JSON.",
    "literal_error": "Giá trị không hợp lệ.",
    "string_too_long": "Quá dài.",
    "string_too_short": "Quá ngắn.",
    "too_long": "Quá nhiều phần tử.",
    "greater_than": "Giá trị quá nhỏ.",
    "less_than": "Giá trị quá lớn.",
    "datetime_parsing": "Thời điểm không hợp lệ.",
    "json_invalid": "JSON không hợp lệ.",
}


def _schema_message(error: dict) -> str:
    """The Vietnamese message of one pydantic error (ours carry their Vietnamese text; null has its own)."""
    if error.get("type") == "value_error" and error.get("ctx", {}).get("error"):
        return str(error["ctx"]["error"])
    return _SCHEMA_MESSAGES.get(error.get("type", ""), "Giá trị không hợp lệ.")


@api.exception_handler(SchemaValidationError)
def _schema_invalid(request, exc: SchemaValidationError):
    """Malformed input (wrong type, missing field) in the same shape as a service ValidationError: errors by field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field = next((str(part) for part in reversed(error.get("loc", ())) if isinstance(part, str)), "__all__")
        message = _schema_message(error)
        if error.get("type") == "enum" and error.get("ctx", {}).get("expected"):
            message += f" Chọn một trong: {error['ctx']['expected']}."
        errors.setdefault(field, []).append(message)
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)


@api.exception_handler(ConflictError)
def _conflict(request, exc: ConflictError):
    return api.create_response(request, {"detail": str(exc), "current": exc.current}, status=409)


@api.exception_handler(IntegrityError)
def _integrity_conflict(request, exc: IntegrityError):
    """A uniqueness or reference the database refused: someone else wrote the same thing at the same time."""
    return api.create_response(request, {"detail": INTEGRITY_CONFLICT}, status=409)


INTEGRITY_CONFLICT = (
    "Dữ liệu xung đột với một thay đổi khác vừa được lưu (trùng hoặc đã bị xoá). Hãy tải lại và thử lại."
)

_HTTP_MESSAGES = {
    "Cannot parse request body": "Nội dung yêu cầu không đọc được (JSON hoặc biểu mẫu không hợp lệ).",
    "Not Found": NOT_FOUND,
}


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    """Errors raised by django-ninja itself (authentication, unreadable body, throttling) in Vietnamese."""
    if isinstance(exc, AuthenticationError):
        message = "Chưa đăng nhập hoặc mã truy cập (token) không hợp lệ."
    elif isinstance(exc, Throttled):
        message = "Quá nhiều yêu cầu; hãy thử lại sau."
    else:
        text = str(exc)
        message = next((vn for en, vn in _HTTP_MESSAGES.items() if text.startswith(en)), text)
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(OverflowError)
def _too_large(request, exc):
    """A number larger than the database holds (an id or a filter no schema bounded): refused, not a 500."""
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ: số quá lớn."}, status=422)


@api.exception_handler(DataError)
def _data_error(request, exc):
    """A value the database refuses by its type (out of range, too long): refused, not a 500."""
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ: giá trị vượt quá giới hạn."}, status=422)


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request, exc):
    return api.create_response(request, {"detail": _HTTP_MESSAGES["Cannot parse request body"]}, status=400)


def not_found(request, rest: str = ""):
    """Any other path under /api/v1/ (an unknown route, a non-integer id): a JSON 404, never the HTML page."""
    return JsonResponse({"detail": NOT_FOUND}, status=404)


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
