"""Pages of the second factor: the code page after the password, enrollment with its one-time recovery codes, the
user's "Bảo mật tài khoản" page, and the administrator's reset."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from thidua.core.views import apply_service_errors

from . import provisioning, services
from .forms import CodeForm, EnrollForm
from .middleware import session_step, set_session_step
from .policies import can_disable_second_factor
from .selectors import ENROLL, VERIFY, pending_step, second_factor_status, user_for_second_factor_reset

PENDING_KEY = "thidua_2fa_pending_key"  # the secret shown on the enrollment page, until it is confirmed
CODES_KEY = "thidua_2fa_new_codes"  # fresh recovery codes, shown (and downloadable) until acknowledged


def _next_url(request, default: str = "home") -> str:
    """The ``next`` parameter when it points into this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
def verify(request):
    """The second step of sign-in: a code from the app, or one recovery code."""
    if session_step(request) == VERIFY and pending_step(request.user) != VERIFY:
        set_session_step(request, pending_step(request.user))  # the device was reset meanwhile
    step = session_step(request)
    if step == ENROLL:
        return redirect("twofactor_enroll")
    if step != VERIFY:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_verify(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            django_otp.login(request, device)
            set_session_step(request, VERIFY)  # verified now; owes a code again if the device is reset
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, f"Bạn đã dùng một mã khôi phục; còn {left} mã. Hãy tạo mã mới khi cần.")
            return redirect(_next_url(request))
    return render(request, "accounts/twofactor/verify.html", {"form": form, "next": _next_url(request, "")})


@login_required
def enroll(request):
    """Add an authenticator app: the QR code and the secret, confirmed by a first code; then the recovery codes."""
    key = request.session.get(PENDING_KEY) or provisioning.new_secret()
    request.session[PENDING_KEY] = key
    form = EnrollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.second_factor_enroll(actor=request.user, key=key, code=form.cleaned_data["code"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            django_otp.login(request, device)
            set_session_step(request, VERIFY)  # verified now; owes a code again if the device is reset
            request.session.pop(PENDING_KEY, None)
            request.session[CODES_KEY] = codes
            messages.success(request, "Đã bật xác thực hai lớp.")
            return redirect(_with_next("twofactor_codes", request))
    context = {
        "form": form,
        "qr": provisioning.qr_svg(provisioning.provisioning_uri(request.user, key)),
        "secret_groups": provisioning.secret_groups(key),
        "status": second_factor_status(request.user),
        "next": _next_url(request, ""),
    }
    return render(request, "accounts/twofactor/enroll.html", context)


def _with_next(url_name: str, request) -> str:
    """The URL of ``url_name`` carrying this request's safe ``next`` along."""
    target = reverse(url_name)
    next_url = _next_url(request, "")
    return f"{target}?{urlencode({'next': next_url})}" if next_url else target


@login_required
def codes(request):
    """The new recovery codes, shown until the user says they are saved (then never again)."""
    fresh = request.session.get(CODES_KEY)
    if request.method == "POST":
        request.session.pop(CODES_KEY, None)
        return redirect(_next_url(request, "account_security"))
    if not fresh:
        return redirect("account_security")
    return render(request, "accounts/twofactor/codes.html", {"codes": fresh, "next": _next_url(request, "")})


@login_required
def codes_download(request):
    """The new recovery codes as a text file (only while they are being shown)."""
    fresh = request.session.get(CODES_KEY)
    if not fresh:
        raise Http404
    lines = [
        f"Thidua — mã khôi phục xác thực hai lớp của {request.user.get_username()}",
        "Mỗi mã dùng được một lần, khi không có điện thoại. Giữ kín như mật khẩu.",
        "",
        *fresh,
        "",
    ]
    response = HttpResponse("\r\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="thidua-ma-khoi-phuc.txt"'
    return response


@login_required
def security(request):
    """The "Bảo mật tài khoản" page: the user's second factor, with enrol / new recovery codes / turn off."""
    status = second_factor_status(request.user)
    context = {"status": status, "can_disable": status.enrolled and can_disable_second_factor(request.user)}
    return render(request, "accounts/twofactor/security.html", context)


@login_required
@require_POST
def regenerate(request):
    """New recovery codes (the old ones stop working)."""
    try:
        request.session[CODES_KEY] = services.recovery_codes_regenerate(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("account_security")
    return redirect("twofactor_codes")


@login_required
@require_POST
def disable(request):
    """Turn the second factor off (only when it is not required of the user)."""
    try:
        services.second_factor_disable(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        set_session_step(request, "")
        messages.success(request, "Đã tắt xác thực hai lớp.")
    return redirect("account_security")


@login_required
@require_POST
def reset(request, pk: int):
    """An administrator deletes a user's second factor (404 for an account outside their subtree)."""
    user = user_for_second_factor_reset(request.user, pk)
    services.user_second_factor_reset(actor=request.user, user=user)
    messages.success(request, f"Đã đặt lại xác thực hai lớp của {user}. Lần đăng nhập sau, người dùng đăng ký lại.")
    return redirect(_next_url(request))
