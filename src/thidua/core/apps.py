"""App config for the core app (users, roles, scoping, audit, Vietnamese text)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = "Hệ thống"
