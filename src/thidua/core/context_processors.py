"""Template context shared by every page."""

from django.conf import settings


def thidua(request):
    """The product name and environment for the base template."""
    return {"APP_NAME": "Thidua", "APP_ENV": settings.ENV}
