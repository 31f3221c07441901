"""Template context of the accounts app: whether the menu links the users page (lazy: most pages never ask), and
whether the session still owes a second factor (then the navbar shows only the brand and sign-out)."""

from django.utils.functional import SimpleLazyObject

from .users.policies import can_manage_users


def accounts(request):
    """``SHOW_USERS_LINK``: the signed-in user is an administrator somewhere (or a superuser).
    ``SECOND_FACTOR_PENDING``: the session owes a code or an enrollment (noted on the request by the second factor's
    middleware; no query)."""
    user = getattr(request, "user", None)
    return {
        "SHOW_USERS_LINK": SimpleLazyObject(lambda: user is not None and can_manage_users(user)),
        "SECOND_FACTOR_PENDING": bool(getattr(request, "second_factor_step", "")),
    }
