"""API authentication: the browser session (with CSRF on writes) or a personal access token (Bearer)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from thidua.core.models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer thd_…`` — a non-revoked, non-expired personal access token of an active user."""

    def authenticate(self, request, token: str):
        if not token.startswith(ApiToken.PREFIX):
            return None
        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if found is None or not found.is_active or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)  # throttled: not one write per call
        request.user = found.user
        return found.user


AUTH = [TokenAuth(), django_auth]


def docs_auth(view):
    """The OpenAPI schema and the docs page: for a signed-in user or a valid personal access token (Bearer).

    Without either, ``openapi.json`` answers a JSON 401 and the docs page sends the browser to the sign-in page.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated or TokenAuth()(request) is not None:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse({"detail": "Chưa đăng nhập hoặc mã truy cập (token) không hợp lệ."}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapper
