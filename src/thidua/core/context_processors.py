"""Template context shared by every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .notifications import unread_count
from .policies import can_use_admin


def thidua(request):
    """The product name and environment for the base template, and whether to link the admin from the menu (lazy,
    and without a query for non-staff users: most pages never ask), and the unread notifications' count for the
    navbar (lazy: one COUNT query, only when the page shows it)."""
    user = getattr(request, "user", None)
    return {
        "APP_NAME": "Thidua",
        "APP_ENV": settings.ENV,
        "SHOW_ADMIN_LINK": SimpleLazyObject(lambda: user is not None and can_use_admin(user)),
        "UNREAD_NOTIFICATIONS": SimpleLazyObject(
            lambda: unread_count(user) if user is not None and user.is_authenticated else 0
        ),
    }
