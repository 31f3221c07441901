"""Middleware: a request id on every request and response, no caching of logged-in pages, control characters
refused on every route, a database integrity conflict shown as a message rather than a 500, and the client's address
behind trusted reverse proxies."""

from __future__ import annotations

import ipaddress

from django.conf import settings
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


def client_ip(request) -> str | None:
    """The address of the person behind a request, for the login lockout (django-axes' ``AXES_CLIENT_IP_CALLABLE``).

    Without configured proxies it is the connection's address: an ``X-Forwarded-For`` header is ignored, since
    anyone can send one. With ``THIDUA_TRUSTED_PROXIES`` (address prefixes such as ``10.0.0.``) the addresses of
    ``X-Forwarded-For`` are read from the right, skipping trusted proxies, and the first untrusted one is the client;
    a request that did not come from a trusted proxy keeps its own address. With ``THIDUA_PROXY_COUNT = n`` (each of
    the n proxies appends the address it saw), the client is the n-th address from the right: whatever a client
    writes in the header itself stays to the left and is never believed.
    """
    remote = request.META.get("REMOTE_ADDR")
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    trusted = tuple(settings.THIDUA_TRUSTED_PROXIES)
    count = settings.THIDUA_PROXY_COUNT
    if trusted:
        chain = [*hops, remote or ""]
        while len(chain) > 1 and chain[-1].startswith(trusted):
            chain.pop()
        found = chain[-1]
    elif count and len(hops) >= count:
        found = hops[-count]
    else:
        return remote
    return found if _is_address(found) else remote


def _is_address(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address (a forged header may hold anything)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


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
