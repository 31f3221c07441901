"""Tables of the movements slice's lists (django-tables2): registrations of a year, pacts."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from thidua.core.tables import BaseTable
from thidua.org.labels import unit_label


class RegistrationTable(BaseTable):
    """Registrations: unit (link to its roll-up for the year), person or collective (link), titles, movement,
    status."""

    unit = tables.Column(verbose_name="Đơn vị", order_by=("unit__path", "person__sort_key", "id"))
    subject = tables.Column(verbose_name="Cá nhân", empty_values=(), order_by=("person__sort_key", "unit__path", "id"))
    titles = tables.Column(verbose_name="Danh hiệu đăng ký", empty_values=(), orderable=False)
    movement = tables.Column(verbose_name="Phong trào", default="—", order_by=("movement__name", "unit__path", "id"))
    status = tables.Column(verbose_name="Trạng thái", order_by=("status", "unit__path", "id"))

    excel_widths: ClassVar[dict[str, int]] = {"unit": 36, "subject": 28, "titles": 50, "movement": 40}

    class Meta(BaseTable.Meta):
        attrs = {"class": "table table-striped align-middle list-table"}
        empty_text = "Chưa có đăng ký thi đua nào phù hợp trong phạm vi của bạn."

    def render_unit(self, record):
        url = f"{reverse('registration_rollup', args=[record.unit_id])}?nam={record.year}"
        return format_html('<a href="{}">{}</a>', url, unit_label(record.unit))

    def render_subject(self, record):
        return format_html(
            '<a href="{}">{}</a>', reverse("registration_detail", args=[record.pk]), self.excel_subject(record)
        )

    def render_titles(self, record):
        return self.excel_titles(record)

    def render_movement(self, record):
        return record.movement.name

    def render_status(self, record):
        return render_to_string("emulation/movements/_status.html", {"obj": record})

    def excel_unit(self, record):
        return unit_label(record.unit)

    def excel_subject(self, record):
        return record.person.full_name if record.person_id else "(tập thể)"

    def excel_titles(self, record):
        return "; ".join(item.award.name for item in record.items.all())

    def excel_movement(self, record):
        return record.movement.name if record.movement_id else ""

    def excel_status(self, record):
        return record.get_status_display()


class PactTable(BaseTable):
    """Pacts: block (link to the pact), year, signatures, date completed."""

    group = tables.Column(
        verbose_name="Khối, cụm", linkify=("pact_detail", [tables.A("pk")]), order_by=("group__name", "-year", "id")
    )
    year = tables.Column(verbose_name="Năm", order_by=("year", "group__name", "id"))
    signature_count = tables.Column(
        verbose_name="Đã ký", order_by=("signature_count", "id"), attrs={"th": {"class": "num"}, "td": {"class": "num"}}
    )
    signed_on = tables.DateColumn(verbose_name="Ngày hoàn tất", format="d/m/Y", order_by=("signed_on", "id"))

    excel_widths: ClassVar[dict[str, int]] = {"group": 40}

    class Meta(BaseTable.Meta):
        empty_text = "Chưa có giao ước thi đua."

    def render_group(self, record):
        return record.group.name

    def excel_group(self, record):
        return record.group.name

    def render_year(self, value):
        return str(value)
