"""Helpers of the second-factor tests: computing an authenticator app's code and enrolling a user."""

from __future__ import annotations

from binascii import unhexlify

from django_otp.oath import totp

from thidua.accounts.twofactor import provisioning, services


def app_code(key: str, steps_ahead: int = 0) -> str:
    """The six-digit code an authenticator app shows for ``key`` now (or ``steps_ahead`` 30-second steps later)."""
    return f"{totp(unhexlify(key), step=30, t0=0, digits=6, drift=steps_ahead):06d}"


def enrol(user) -> tuple[object, list[str]]:
    """Enrol ``user`` with a fresh secret; returns (device, recovery codes)."""
    key = provisioning.new_secret()
    return services.second_factor_enroll(actor=user, key=key, code=app_code(key))
