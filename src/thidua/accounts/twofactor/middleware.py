"""Enforcement of the second factor, after django-otp's ``OTPMiddleware`` (which sets ``request.user.is_verified()``)
before the forced password change of accounts/users: a signed-in session that still owes a code reaches only the
code page, and a user who must enrol reaches only the enrollment pages — plus sign-out."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .selectors import ENROLL, VERIFY, pending_step

SESSION_KEY = "thidua_2fa"

#: URL names a session may reach while it owes a second factor, per step: sign-out, and the step's own pages. The
#: forced password change of accounts/users waits until the code is given (its middleware lets these pages through).
ALWAYS_OPEN = frozenset({"login", "logout", "favicon"})
OPEN_FOR = {
    VERIFY: ALWAYS_OPEN | {"twofactor_verify"},
    ENROLL: ALWAYS_OPEN | {"twofactor_enroll", "twofactor_codes", "twofactor_codes_download"},
}
TARGET = {VERIFY: "twofactor_verify", ENROLL: "twofactor_enroll"}
API_PREFIX = "/api/"


def remember_step(request, user) -> str:
    """Work out what ``user``'s session owes and keep it in the session (at sign-in: see :mod:`.signals`)."""
    step = pending_step(user)
    request.session[SESSION_KEY] = {"user": user.pk, "step": step}
    return step


def session_step(request) -> str:
    """What this request's session still owes ("" when nothing): worked out at sign-in and kept in the session (no
    query on later requests; a session older than this code works it out on its first request); a verified session
    owes nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return ""
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict) or state.get("user") != user.pk:
        return remember_step(request, user)
    return state["step"]


def set_session_step(request, step: str) -> None:
    """Record what the session owes now (after a code, an enrollment, a reset seen by the code page)."""
    request.session[SESSION_KEY] = {"user": request.user.pk, "step": step}


class SecondFactorMiddleware:
    """Send a session that owes a second factor to the code page or the enrollment page; the API answers 403 in JSON
    to such a session; a request to the API with an ``Authorization`` header is left to the token alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = session_step(request)
        # For the templates (accounts' context processor): the navbar shows only the brand and sign-out meanwhile.
        request.second_factor_step = step
        if not step:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_FOR[step]:
            return None
        if request.path_info.startswith(API_PREFIX):
            if "Authorization" in request.headers:
                # Only the token may authenticate this call: the unfinished session must not (django_auth would).
                request.user = AnonymousUser()
                return None
            message = "Phiên đăng nhập chưa hoàn tất xác thực hai lớp."
            return JsonResponse({"detail": message}, status=403)
        target = reverse(TARGET[step])
        if request.method == "GET" and not getattr(request, "htmx", False):
            target += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
