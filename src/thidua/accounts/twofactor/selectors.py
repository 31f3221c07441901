"""Reads of the second factor: a user's devices and their state, what a signed-in session still owes, and the
account an administrator may reset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core.models import RoleAssignment, User

from .policies import can_reset_second_factor, is_second_factor_required

VERIFY = "verify"  # the session must enter a code (the user has a confirmed device)
ENROLL = "enroll"  # the session must enrol a device first (required of the user, none yet)


@dataclass(frozen=True)
class SecondFactorStatus:
    """What the security page and the administrator's panel show about one user's second factor."""

    enrolled: bool
    required: bool
    enrolled_at: datetime | None
    last_used_at: datetime | None
    recovery_codes_left: int


def totp_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator-app device, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def recovery_device(user) -> StaticDevice | None:
    """The user's confirmed recovery-code container, or None."""
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def second_factor_status(user) -> SecondFactorStatus:
    """The user's second factor as the pages show it (three small queries)."""
    device = totp_device(user)
    left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count() if device else 0
    return SecondFactorStatus(
        enrolled=device is not None,
        required=is_second_factor_required(user),
        enrolled_at=device.created_at if device else None,
        last_used_at=device.last_used_at if device else None,
        recovery_codes_left=left,
    )


def pending_step(user) -> str:
    """What a freshly signed-in, not yet verified session of ``user`` owes: :data:`VERIFY` when the user has a
    confirmed device (whether or not it is required of them), :data:`ENROLL` when a second factor is required and
    there is none, else "" (nothing)."""
    if totp_device(user) is not None:
        return VERIFY
    return ENROLL if is_second_factor_required(user) else ""


def user_for_second_factor_reset(actor, pk: int) -> User:
    """The account ``actor`` may reset the second factor of, or 404 (an account outside the administrator's subtree
    is not confirmed to exist)."""
    user = User.objects.filter(pk=pk).first()
    if user is None or not can_reset_second_factor(actor, user):
        raise Http404
    return user


def account_unit(user):
    """The unit an account's audit events are filed under: the unit of its first current role (else its latest
    role), so the unit's administrators find them in the unit's log; None for an account without roles."""
    rows = RoleAssignment.objects.filter(user=user).select_related("unit")
    assignment = rows.active().order_by("id").first() or rows.order_by("-id").first()
    return assignment.unit if assignment else None
