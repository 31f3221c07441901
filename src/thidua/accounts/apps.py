"""App config for accounts (the web pages and services that manage core's User and RoleAssignment)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from .twofactor import signals  # noqa: F401 - connects the sign-in receiver
