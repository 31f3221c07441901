"""Template context of the accounts app: whether the menu links the users page (lazy: most pages never ask)."""

from django.utils.functional import SimpleLazyObject

from .users.policies import can_manage_users


def accounts(request):
    """``SHOW_USERS_LINK``: the signed-in user is an administrator somewhere (or a superuser)."""
    user = getattr(request, "user", None)
    return {"SHOW_USERS_LINK": SimpleLazyObject(lambda: user is not None and can_manage_users(user))}
