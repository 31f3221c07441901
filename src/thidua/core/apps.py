"""App config for the core app (users, roles, scoping, audit, Vietnamese text)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        """Read every app's ``audit_labels`` module (Vietnamese names of its audit events, its objects' pages)."""
        from . import audit

        audit.autodiscover_labels()
