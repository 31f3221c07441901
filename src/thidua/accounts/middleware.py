"""A temporary password must be changed before anything else: the holder is sent to the password page."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Paths a user with a temporary password may still open: the password page itself, signing out, static files, and
# the API (a personal access token is not a password; token authentication is unaffected).
ALLOWED_PREFIXES = ("/api/",)


class ForcePasswordChangeMiddleware:
    """Redirect a signed-in user whose ``must_change_password`` is set to the password change page (after the
    authentication middleware). POSTs elsewhere are refused the same way, so nothing can be done meanwhile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            allowed = (reverse("password_change"), reverse("logout"), settings.STATIC_URL, *ALLOWED_PREFIXES)
            if not request.path.startswith(allowed):
                return redirect("password_change")
        return self.get_response(request)
