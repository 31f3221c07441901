"""Tables of the scoring slice's lists (django-tables2): criteria sheets."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables

from thidua.core.tables import BaseTable


class SheetTable(BaseTable):
    """Criteria sheets: year, title (link), block, stage."""

    year = tables.Column(
        verbose_name="Năm", order_by=("year", "pk"), attrs={"th": {"class": "num"}, "td": {"class": "num"}}
    )
    title = tables.Column(
        verbose_name="Bảng điểm", linkify=("sheet_detail", [tables.A("pk")]), order_by=("title", "pk")
    )
    group = tables.Column(verbose_name="Khối", order_by=("group__name", "-year", "pk"))
    status = tables.Column(verbose_name="Bước", order_by=("status", "-year", "pk"))

    excel_widths: ClassVar[dict[str, int]] = {"title": 50, "group": 40}

    class Meta(BaseTable.Meta):
        empty_text = "Chưa có bảng điểm nào."

    def render_year(self, value):
        return str(value)

    def render_group(self, record):
        return record.group.name

    def excel_group(self, record):
        return record.group.name
