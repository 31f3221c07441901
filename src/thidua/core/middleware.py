"""Middleware: a request id on every request and response, no caching of logged-in pages, control characters
refused on every route, and a database integrity conflict shown as a message rather than a 500."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.defaults import bad_request, page_not_found

from .context import clear_request_id, new_request_id
from .validators import CONTROL_MESSAGE, has_control_characters

INTEGRITY_MESSAGE = (
    "Không lưu được: dữ liệu xung đột với một thay đổi khác vừa được lưu (trùng hoặc đã bị xoá). "
    "Hãy tải lại trang và thử lại."
)


class RequestIdMiddleware:
    """Give each request an id, echo it in ``X-Request-ID`` and let the audit log record it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id(request.headers.get("X-Request-ID"))
        try:
            response = self.get_response(request)
        finally:
            clear_request_id()
        response["X-Request-ID"] = request.request_id
        return response


class CurrentActorMiddleware:
    """Pages for a logged-in user must not be stored by shared caches or the browser's back/forward cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.setdefault("Cache-Control", "private, no-store")
        return response


def _has_bad_text(data) -> bool:
    return any(
        has_control_characters(key) or any(has_control_characters(value) for value in data.getlist(key)) for key in data
    )


class RejectControlCharactersMiddleware:
    """A NUL byte or a control character in the path, the query string or a urlencoded form is a 400, on every route.

    The forms and the API schemas refuse them field by field (``core.validators``); this is the guard for parameters
    read without a form (``?q=``, ``?nam=``), so that none reaches the database (PostgreSQL refuses a NUL: a 500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = has_control_characters(request.path) or _has_bad_text(request.GET)
        if not bad and request.content_type == "application/x-www-form-urlencoded":
            bad = _has_bad_text(request.POST)
        if bad:
            return bad_input_response(request, CONTROL_MESSAGE)
        return self.get_response(request)


def bad_input_response(request, message: str, status: int = 400):
    """A 400 in JSON on the API, the Vietnamese 400 page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    response = bad_request(request, SuspiciousOperation(message))
    response.status_code = status
    return response


class IntegrityConflictMiddleware:
    """A database integrity error on a page (two people saving the same thing at once) is a message, not a 500.

    The API answers its own 409 (``api.api``); a page redirects back to itself with the Vietnamese message, or answers
    409 when the request was not a form post. An id in the URL too large for the database (SQLite raises
    ``OverflowError``) is the 404 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, OverflowError):  # an id in the URL larger than the database holds: no such object
            return page_not_found(request, Http404())
        if not isinstance(exception, IntegrityError):
            return None
        if request.method == "POST":
            messages.error(request, INTEGRITY_MESSAGE)
            return HttpResponseRedirect(request.get_full_path())
        return HttpResponse(INTEGRITY_MESSAGE, status=409, content_type="text/plain; charset=utf-8")
