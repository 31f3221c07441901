"""Writes of the second factor: enrol an authenticator app (with recovery codes), check a code at sign-in,
regenerate the recovery codes, turn the second factor off, and an administrator's reset. Devices are django-otp's
(``otp_totp.TOTPDevice``, ``otp_static.StaticDevice``); each write records one audit event on the user."""

from __future__ import annotations

import time
from binascii import unhexlify

import django_otp
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core import audit

from .policies import can_disable_second_factor, can_reset_second_factor
from .provisioning import DEVICE_NAME
from .selectors import account_unit, recovery_device, totp_device

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Mã khôi phục"
WRONG_CODE = "Mã không đúng hoặc đã được dùng. Hãy nhập mã đang hiện trong ứng dụng xác thực."
WRONG_RECOVERY_CODE = "Mã khôi phục không đúng hoặc đã được dùng."


def normalize_code(code: str) -> str:
    """A typed code without spaces and dashes, in lower case ("123 456" → "123456", "ABCD-EFGH" → "abcdefgh")."""
    return "".join(ch for ch in (code or "") if ch not in " -\t").lower()


def format_recovery_code(token: str) -> str:
    """A recovery code as it is shown and printed: two groups of four ("abcd-efgh")."""
    return f"{token[:4]}-{token[4:]}" if len(token) == 8 else token


def _new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with :data:`RECOVERY_CODE_COUNT` new ones; returns them (shown once)."""
    device = recovery_device(user)
    if device is None:
        device = StaticDevice(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        device.full_clean()
        device.save()
    device.token_set.all().delete()
    device.throttle_reset(commit=True)
    tokens = set()
    while len(tokens) < RECOVERY_CODE_COUNT:
        tokens.add(StaticToken.random_token())
    StaticToken.objects.bulk_create([StaticToken(device=device, token=token) for token in sorted(tokens)])
    return [format_recovery_code(token) for token in sorted(tokens)]


def _delete_devices(user) -> int:
    """Delete every second-factor device of ``user`` (confirmed or not); returns how many there were."""
    count = 0
    for device in django_otp.devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count


@transaction.atomic
def second_factor_enroll(*, actor, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Enrol an authenticator app for ``actor``: ``code`` must be the app's current code for ``key`` (the secret shown
    on the page). Replaces any earlier device, creates new recovery codes and returns (device, codes)."""
    token = normalize_code(code)
    if not token.isdigit() or len(token) != 6:
        raise ValidationError({"code": "Hãy nhập mã gồm 6 chữ số đang hiện trong ứng dụng xác thực."})
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6)
    totp.time = time.time()
    if not totp.verify(int(token), tolerance=1):
        raise ValidationError({"code": WRONG_CODE})
    had = _delete_devices(actor)
    device = TOTPDevice(user=actor, name=DEVICE_NAME, key=key, confirmed=True, last_t=totp.t())
    device.full_clean()
    device.save()
    codes = _new_recovery_codes(actor)
    audit.record(
        actor=actor,
        event_type="accounts.second_factor.enroll",
        target=actor,
        unit=account_unit(actor),
        extra={"replaced": bool(had), "recovery_codes": len(codes)},
    )
    return device, codes


def _throttled_message(device) -> str | None:
    """The Vietnamese refusal when ``device`` is throttled after repeated wrong codes, else None."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    until = timezone.localtime(info["locked_until"]) if info and info.get("locked_until") else None
    when = f" sau {until:%H:%M:%S}" if until else " sau ít phút"
    return f"Đã nhập sai nhiều lần liên tiếp. Hãy thử lại{when}."


def second_factor_verify(*, user, code: str):
    """Check a code typed at sign-in: six digits are checked against the authenticator app, anything else against
    the recovery codes (a used recovery code is gone). Returns the device that accepted it, or raises a Vietnamese
    ``ValidationError`` on ``code``. Wrong codes are throttled by django-otp (each failure doubles the wait: 1, 2,
    4 … seconds), and that count is kept even though the check fails — so this is not one atomic block; using a
    recovery code is audited."""
    token = normalize_code(code)
    if not token:
        raise ValidationError({"code": "Hãy nhập mã xác thực hoặc một mã khôi phục."})
    is_totp = token.isdigit() and len(token) == 6
    device = totp_device(user) if is_totp else recovery_device(user)
    if device is None:
        raise ValidationError({"code": WRONG_CODE if is_totp else WRONG_RECOVERY_CODE})
    refused = _throttled_message(device)
    if refused:
        raise ValidationError({"code": refused})
    accepted = django_otp.verify_token(user, device.persistent_id, token)
    if accepted is None:
        raise ValidationError({"code": WRONG_CODE if is_totp else WRONG_RECOVERY_CODE})
    if not is_totp:
        left = accepted.token_set.count()
        audit.record(
            actor=user,
            event_type="accounts.second_factor.recovery_code_use",
            target=user,
            unit=account_unit(user),
            extra={"recovery_codes_left": left},
        )
    return accepted


@transaction.atomic
def recovery_codes_regenerate(*, actor) -> list[str]:
    """Replace ``actor``'s recovery codes with ten new ones (the old ones stop working); returns them."""
    if totp_device(actor) is None:
        raise ValidationError("Bạn chưa đăng ký xác thực hai lớp.")
    codes = _new_recovery_codes(actor)
    audit.record(
        actor=actor,
        event_type="accounts.second_factor.recovery_codes_regenerate",
        target=actor,
        unit=account_unit(actor),
        extra={"recovery_codes": len(codes)},
    )
    return codes


@transaction.atomic
def second_factor_disable(*, actor) -> None:
    """Turn off ``actor``'s own second factor (its devices are deleted) — refused when it is required of them."""
    if not can_disable_second_factor(actor):
        raise ValidationError("Vai trò của bạn bắt buộc xác thực hai lớp: không thể tắt.")
    if not _delete_devices(actor):
        raise ValidationError("Bạn chưa đăng ký xác thực hai lớp.")
    audit.record(actor=actor, event_type="accounts.second_factor.disable", target=actor, unit=account_unit(actor))


@transaction.atomic
def user_second_factor_reset(*, actor, user) -> int:
    """An administrator deletes ``user``'s second factor (a lost phone): the user signs in with the password alone
    and, if it is required of them, enrols again at once. Only for accounts the administrator manages. Returns the
    number of devices removed (0 is allowed and still recorded: the administrator asked). ``actor`` None is the
    operator's ``thidua reset_second_factor`` (the last administrator lost their phone)."""
    if actor is not None and not can_reset_second_factor(actor, user):
        raise PermissionDenied
    removed = _delete_devices(user)
    audit.record(
        actor=actor,
        event_type="accounts.second_factor.reset",
        target=user,
        unit=account_unit(user),
        extra={"devices_removed": removed},
    )
    return removed
