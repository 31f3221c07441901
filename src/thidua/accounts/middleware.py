"""A temporary password must be changed before anything else: the holder is sent to the password page."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a user with a temporary password may still open besides the password page, signing out and static files.
# Another slice whose pages come before the password change in the sign-in flow (the second factor's verification
# step) appends its prefix here from its AppConfig.ready or module import.
EXEMPT_PREFIXES: list[str] = []
API_PREFIX = "/api/"
MESSAGE = "Bạn đang dùng mật khẩu tạm thời: hãy đổi mật khẩu trước khi tiếp tục."


class ForcePasswordChangeMiddleware:
    """Send a signed-in user whose ``must_change_password`` is set to the password change page (after the
    authentication middleware); POSTs elsewhere are refused the same way, so nothing can be done meanwhile.

    The API answers such a *session* a JSON 403; a personal access token is not a password and is unaffected (token
    requests carry no session user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": MESSAGE}, status=403)
            allowed = (reverse("password_change"), reverse("logout"), settings.STATIC_URL, *EXEMPT_PREFIXES)
            if not request.path.startswith(allowed):
                return redirect("password_change")
        return self.get_response(request)
