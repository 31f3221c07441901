"""A temporary password must be changed before anything else: the holder is sent to the password page."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# URL names a user with a temporary password may still open: the password page, signing out, and the pages of the
# second factor (accounts/twofactor), which come before the password change — a session that owes a code proves it
# first, so a leaked temporary password alone changes nothing.
EXEMPT_URL_NAMES = frozenset(
    {
        "password_change",
        "password_change_done",
        "logout",
        "twofactor_verify",
        "twofactor_enroll",
        "twofactor_codes",
        "twofactor_codes_download",
    }
)
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
            if not (request.path.startswith(settings.STATIC_URL) or _url_name(request) in EXEMPT_URL_NAMES):
                return redirect("password_change")
        return self.get_response(request)


def _url_name(request) -> str:
    """The URL name of the requested path ("" when it resolves to nothing)."""
    try:
        return resolve(request.path_info).url_name or ""
    except Resolver404:
        return ""
