"""Who must use a second factor, who may turn theirs off, and who may reset someone else's."""

from __future__ import annotations

from django.conf import settings

from thidua.core.choices import Role
from thidua.core.models import RoleAssignment

from ..users.policies import can_manage_user

REQUIRED_ROLES: frozenset[str] = frozenset({Role.ADMIN, Role.OFFICE, Role.COMMANDER})
"""Roles whose holders must sign in with a second factor (when ``settings.THIDUA_2FA_REQUIRED`` is on): the
administrators (they grant roles and reset accounts), the standing office of the council (it approves registrations,
publishes rankings, freezes minutes) and the commanders who sign. Superusers are required too. Everyone else may
enrol from "Bảo mật tài khoản" but does not have to."""


def is_second_factor_required(user) -> bool:
    """The user must have and use a second factor: the setting is on and they are a superuser or hold (today) one of
    :data:`REQUIRED_ROLES` on some unit."""
    if not settings.THIDUA_2FA_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.active().filter(user=user, role__in=REQUIRED_ROLES).exists()


def can_disable_second_factor(user) -> bool:
    """A user may turn their own second factor off only when it is not required of them."""
    return user.is_authenticated and not is_second_factor_required(user)


def can_reset_second_factor(actor, target) -> bool:
    """``actor`` may delete ``target``'s second factor: exactly when they may manage the account (accounts/users)."""
    return can_manage_user(actor, target)
