"""Tables of the reports slice's lists (django-tables2): review periods."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.utils.html import format_html

from thidua.core.tables import BaseTable


class PeriodTable(BaseTable):
    """Review periods: name (link), kind, authority and block, reports received from, due date, status."""

    name = tables.Column(
        verbose_name="Kỳ báo cáo", linkify=("period_detail", [tables.A("pk")]), order_by=("name", "pk")
    )
    kind = tables.Column(verbose_name="Loại", order_by=("kind", "-due_on", "-pk"))
    authority = tables.Column(verbose_name="Cấp tổ chức / khối", order_by=("authority__path", "-due_on", "-pk"))
    opens_on = tables.DateColumn(verbose_name="Nhận báo cáo", format="d/m/Y", order_by=("opens_on", "pk"))
    due_on = tables.DateColumn(verbose_name="Hạn nộp", format="d/m/Y", order_by=("due_on", "pk"))
    status = tables.Column(verbose_name="Trạng thái", order_by=("status", "-due_on", "-pk"))

    excel_widths: ClassVar[dict[str, int]] = {"name": 44, "authority": 44}

    class Meta(BaseTable.Meta):
        empty_text = "Chưa có kỳ báo cáo nào trong phạm vi của bạn."

    def render_authority(self, record):
        if record.group_id:
            return format_html(
                '{}<div class="text-muted small">{} ({})</div>',
                record.authority.name,
                record.group.name,
                record.group.year,
            )
        return record.authority.name

    def render_status(self, record):
        css = "text-bg-success" if record.status == "mo" else "text-bg-secondary"
        return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())

    def excel_authority(self, record):
        group = f" — {record.group.name} ({record.group.year})" if record.group_id else ""
        return f"{record.authority.name}{group}"

    def excel_status(self, record):
        return record.get_status_display()
