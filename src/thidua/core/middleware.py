"""Middleware: a request id on every request and response, and no caching of logged-in pages."""

from __future__ import annotations

from .context import clear_request_id, new_request_id


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
