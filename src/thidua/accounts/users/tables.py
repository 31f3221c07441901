"""The users list: username (link), full name, e-mail, current roles, state, last sign-in."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.utils import timezone

from thidua.core.models import User
from thidua.core.tables import DATETIME_FORMAT, BaseTable


class UserTable(BaseTable):
    """Accounts an administrator manages; roles are the ones in force today."""

    username = tables.Column(verbose_name="Tên đăng nhập", linkify=("user_detail", [tables.A("pk")]))
    full_name = tables.Column(verbose_name="Họ và tên", default="—", attrs={"td": {"class": "cell-wrap"}})
    email = tables.Column(verbose_name="Thư điện tử", default="—")
    roles = tables.Column(
        verbose_name="Vai trò hiện tại",
        accessor="pk",
        orderable=False,
        empty_values=(),
        attrs={"td": {"class": "cell-wrap"}},
    )
    is_active = tables.Column(
        verbose_name="Trạng thái", order_by=("is_active", "username"), attrs={"td": {"class": "text-nowrap"}}
    )
    last_login = tables.DateTimeColumn(verbose_name="Đăng nhập gần nhất", format=DATETIME_FORMAT, default="—")

    excel_widths: ClassVar[dict[str, int]] = {"roles": 60}

    class Meta(BaseTable.Meta):
        model = User
        fields = ("username", "full_name", "email", "roles", "is_active", "last_login")
        empty_text = "Không có tài khoản nào phù hợp."

    def _roles(self, record) -> list[str]:
        today = timezone.localdate()
        return [
            f"{a.get_role_display()} — {a.unit.name}"
            for a in record.role_assignments.all()
            if (a.valid_from is None or a.valid_from <= today) and (a.valid_to is None or a.valid_to >= today)
        ]

    def render_roles(self, record):
        return "; ".join(self._roles(record)) or "—"

    def excel_roles(self, record):
        return "\n".join(self._roles(record))

    def render_is_active(self, record):
        if not record.is_active:
            return "Đã khoá"
        return "Chờ đổi mật khẩu" if record.must_change_password else "Đang hoạt động"

    def excel_is_active(self, record):
        return self.render_is_active(record)
