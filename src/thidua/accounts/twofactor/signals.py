"""Work out at sign-in what the new session owes (a code, an enrollment or nothing), so that the middleware reads it
from the session and later requests cost no query. Connected by ``AccountsConfig.ready``."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import remember_step


@receiver(user_logged_in, dispatch_uid="thidua_second_factor_step")
def second_factor_step_at_sign_in(sender, request, user, **kwargs) -> None:
    """Record the step this sign-in owes (django-otp's own receiver marks a session verified if a form did)."""
    if request is not None and hasattr(request, "session"):
        remember_step(request, user)
