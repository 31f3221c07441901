"""Tables of the conferences slice's lists (django-tables2): conferences."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from thidua.core.tables import BaseTable
from thidua.org.labels import unit_label


class ConferenceTable(BaseTable):
    """Conferences: date, title (link, with its block), host unit, chair, status."""

    held_on = tables.DateColumn(verbose_name="Ngày họp", format="d/m/Y", order_by=("held_on", "pk"))
    title = tables.Column(verbose_name="Tên hội nghị", order_by=("title", "pk"))
    host_unit = tables.Column(verbose_name="Đơn vị tổ chức", order_by=("host_unit__path", "-held_on", "pk"))
    chair = tables.Column(verbose_name="Chủ trì", default="—", order_by=("chair__sort_key", "pk"))
    status = tables.Column(verbose_name="Tình trạng", order_by=("status", "-held_on", "pk"))

    excel_widths: ClassVar[dict[str, int]] = {"title": 50, "host_unit": 36, "chair": 26}

    class Meta(BaseTable.Meta):
        order_by = "-held_on"
        empty_text = "Chưa có hội nghị nào."

    def render_title(self, record):
        link = format_html('<a href="{}">{}</a>', reverse("conference_detail", args=[record.pk]), record.title)
        if record.group_id:
            return format_html('{}<div class="small text-muted">{}</div>', link, record.group)
        return link

    def render_host_unit(self, record):
        return unit_label(record.host_unit)

    def render_chair(self, record):
        return record.chair.full_name

    def excel_title(self, record):
        return f"{record.title} ({record.group})" if record.group_id else record.title

    def excel_host_unit(self, record):
        return unit_label(record.host_unit)

    def excel_chair(self, record):
        return record.chair.full_name if record.chair_id else ""
