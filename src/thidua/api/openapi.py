"""The error responses every operation can give, added to the OpenAPI schema where a router did not list them.

Every operation can answer 400 (an unreadable body or a control character in a parameter), 401 (no session or
token), 404 (not found or outside the user's units) and 422 (invalid input); a write can also answer 403 (no right)
and 409 (a concurrent change). All are ``ErrorOut`` (``core.schemas``).
"""

from __future__ import annotations

from thidua.core.schemas import ErrorOut

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
READ_STATUSES = {
    "400": "Yêu cầu không đọc được hoặc chứa ký tự điều khiển.",
    "401": "Chưa đăng nhập hoặc mã truy cập không hợp lệ.",
    "404": "Không tìm thấy (hoặc ngoài phạm vi đơn vị của người dùng).",
    "422": "Dữ liệu không hợp lệ (thông báo theo từng trường).",
}
WRITE_STATUSES = READ_STATUSES | {
    "403": "Không có quyền thực hiện thao tác.",
    "409": "Xung đột với một thay đổi khác vừa được lưu.",
}


def document_errors(schema: dict) -> dict:
    """Add the standard error responses to each operation of ``schema`` that does not document them itself."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            statuses = READ_STATUSES if method == "get" else WRITE_STATUSES
            responses = operation.setdefault("responses", {})
            for status, description in statuses.items():
                responses.setdefault(
                    status, {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}
                )
    return schema
