"""The one django-ninja API object; each app contributes a router from its own ``api.py``."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from thidua.core.errors import ConflictError

from .auth import AUTH

api = NinjaAPI(
    title="Thidua API",
    version="1",
    description="API của Thidua — quản lý công tác thi đua, khen thưởng. Mọi dữ liệu được giới hạn theo đơn vị "
    "của người dùng; đối tượng ngoài phạm vi trả về 404.",
    auth=AUTH,
    urls_namespace="api",
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


@api.exception_handler(ConflictError)
def _conflict(request, exc: ConflictError):
    return api.create_response(request, {"detail": str(exc), "current": exc.current}, status=409)


def _mount() -> None:
    """Attach every app's router (imported here so each app owns its endpoints)."""
    from thidua.org.api import router as org_router

    api.add_router("", org_router)


_mount()
