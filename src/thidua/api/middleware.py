"""Middleware of the API: every answer under ``/api/`` is JSON, the 405 of django-ninja's routing included."""

from __future__ import annotations

from django.http import JsonResponse


class ApiJsonMethodNotAllowedMiddleware:
    """django-ninja answers a method a path does not serve with a bare ``Method not allowed``: make it JSON, in
    Vietnamese, keeping the ``Allow`` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.path.startswith("/api/")
            and "json" not in response.get("Content-Type", "")
        ):
            allowed = response.get("Allow", "")
            json = JsonResponse({"detail": f"Phương thức {request.method} không dùng được ở địa chỉ này."}, status=405)
            if allowed:
                json["Allow"] = allowed
            return json
        return response
