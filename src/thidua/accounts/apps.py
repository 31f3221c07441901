"""App config for accounts (the web pages and services that manage core's User and RoleAssignment)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from .twofactor import signals  # noqa: F401 - connects the sign-in receiver

        # The audit log's Vietnamese names of this app's events and fields (core's label tables, filled from above).
        from thidua.core.templatetags.thidua import EVENT_LABELS, FIELD_LABELS

        from .users.audit_labels import EVENTS, FIELDS

        EVENT_LABELS.update(EVENTS)
        for key, label in FIELDS.items():
            FIELD_LABELS.setdefault(key, label)
