"""Tables of the records lists (django-tables2): the register of titles and awards received."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from thidua.core.tables import BaseTable
from thidua.org.labels import unit_label


class AwardRecordTable(BaseTable):
    """Awards received: year, who (a person or a collective, linked to their records), unit, award, decision."""

    year = tables.Column(
        verbose_name="Năm", order_by=("year", "id"), attrs={"th": {"class": "num"}, "td": {"class": "num"}}
    )
    subject = tables.Column(
        verbose_name="Cá nhân/Tập thể", empty_values=(), order_by=("person__sort_key", "unit__path", "id")
    )
    where = tables.Column(verbose_name="Đơn vị", empty_values=(), orderable=False)
    award = tables.Column(verbose_name="Danh hiệu/Hình thức", order_by=("award__order", "award__code", "-year", "id"))
    decision_ref = tables.Column(verbose_name="Số quyết định", default="—", order_by=("decision_ref", "id"))
    decided_on = tables.DateColumn(verbose_name="Ngày quyết định", format="d/m/Y", order_by=("decided_on", "id"))
    issuer = tables.Column(verbose_name="Cấp quyết định", default="—", order_by=("issuer", "id"))
    source = tables.Column(verbose_name="Nguồn", order_by=("source", "id"))

    excel_widths: ClassVar[dict[str, int]] = {"subject": 30, "where": 32, "award": 36}

    class Meta(BaseTable.Meta):
        order_by = "-year"
        empty_text = "Chưa có danh hiệu, khen thưởng nào phù hợp bộ lọc."

    def render_subject(self, record):
        if record.person_id:
            url = reverse("person_records", args=[record.person_id])
            return format_html('<a href="{}">{}</a>', url, record.person.full_name)
        return format_html(
            '<a href="{}">{}</a>', reverse("unit_records", args=[record.unit_id]), unit_label(record.unit)
        )

    def render_where(self, record):
        return unit_label(record.person.unit) if record.person_id else unit_label(record.unit)

    def excel_subject(self, record):
        return record.person.full_name if record.person_id else unit_label(record.unit)

    def excel_where(self, record):
        return self.render_where(record)

    def excel_award(self, record):
        return record.award.name
