"""Tables of the reports slice's lists (django-tables2): review periods, a period's submissions, unit reports."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.utils.html import format_html

from thidua.core.policies import can_change_unit
from thidua.core.tables import BaseTable
from thidua.org.labels import unit_label

from .policies import can_edit_report, can_manage_period
from .selectors import SUBMISSION_STATES


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
                unit_label(record.authority),
                record.group.name,
                record.group.year,
            )
        return unit_label(record.authority)

    def render_status(self, record):
        css = "text-bg-success" if record.status == "mo" else "text-bg-secondary"
        return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())

    def excel_authority(self, record):
        group = f" — {record.group.name} ({record.group.year})" if record.group_id else ""
        return f"{unit_label(record.authority)}{group}"

    def excel_status(self, record):
        return record.get_status_display()


STATE_BADGES = {
    "nop": "text-bg-success",
    "tre": "text-bg-danger",
    "nhap": "text-bg-warning",
    "chua": "text-bg-secondary",
}


class SubmissionTable(BaseTable):
    """A period's reporting units (rows of :func:`selectors.period_submissions`): unit, deadline, state, when
    submitted, on time or late, and the actions ``user`` may take (worked out for the shown page only)."""

    name = tables.Column(verbose_name="Đơn vị", order_by=("path",))
    due_on = tables.DateColumn(verbose_name="Hạn nộp", format="d/m/Y", order_by=("due_on", "path"))
    state = tables.Column(verbose_name="Tình trạng", order_by=("state", "path"))
    submitted_at = tables.DateTimeColumn(
        verbose_name="Nộp lúc", format="H:i d/m/Y", default="—", order_by=("submitted_at", "path")
    )
    late = tables.Column(verbose_name="Thời hạn nộp", empty_values=(), order_by=("late", "path"))
    actions = tables.TemplateColumn(
        template_name="emulation/reports/_submission_actions.html",
        verbose_name="",
        orderable=False,
        empty_values=(),
        exclude_from_export=True,
        attrs={"td": {"class": "text-end"}},
    )

    excel_widths: ClassVar[dict[str, int]] = {"name": 44, "due_on": 14}
    excel_headers: ClassVar[dict[str, str]] = {"due_on": "Hạn nộp"}

    class Meta(BaseTable.Meta):
        empty_text = "Không có đơn vị báo cáo nào phù hợp bộ lọc."
        attrs = {"class": "table table-striped align-middle list-table", "id": "bang-nop-bao-cao"}

    def __init__(self, *args, user, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.period = user, period

    def label_page(self, page) -> None:
        """Set ``can_edit`` (write the unit's report) and ``can_view`` (open it) on the page's rows."""
        manages = can_manage_period(self.user, self.period)
        for row in page.object_list:
            unit = row.record
            unit.period_pk = self.period.pk
            unit.can_edit = unit.state != "nop" and can_edit_report(self.user, self.period, unit)
            unit.can_view = unit.report_id is not None and (manages or can_change_unit(self.user, unit))

    def render_name(self, record):
        return unit_label(record)

    def excel_name(self, record):
        return unit_label(record)

    def render_due_on(self, record, value):
        if record.extension_reason:
            return format_html(
                '{}<div class="small text-muted">Gia hạn: {}</div>', value.strftime("%d/%m/%Y"), record.extension_reason
            )
        return value.strftime("%d/%m/%Y")

    def render_state(self, record):
        return format_html(
            '<span class="badge {}">{}</span>', STATE_BADGES[record.state], SUBMISSION_STATES[record.state]
        )

    def render_late(self, record):
        return self.excel_late(record) or "—"

    def excel_state(self, record):
        return SUBMISSION_STATES[record.state]

    def excel_late(self, record):
        if record.state != "nop":
            return ""
        return "Nộp muộn" if record.late else "Đúng hạn"

    def excel_due_on(self, record):
        return record.due_on


class UnitReportTable(BaseTable):
    """Unit reports: period (link to its submission list), unit (link to the report), status, deadline, when
    submitted, on time or late."""

    period = tables.Column(
        verbose_name="Kỳ báo cáo",
        linkify=("period_detail", [tables.A("period_id")]),
        order_by=("period__name", "-period_id", "unit__path"),
    )
    unit = tables.Column(
        verbose_name="Đơn vị",
        linkify=("unit_report_detail", [tables.A("pk")]),
        order_by=("unit__path", "-period__due_on", "-period_id"),
    )
    status = tables.Column(verbose_name="Trạng thái", order_by=("status", "-period__due_on", "unit__path"))
    due_on = tables.DateColumn(verbose_name="Hạn nộp", format="d/m/Y", order_by=("due_on", "unit__path"))
    submitted_at = tables.DateTimeColumn(
        verbose_name="Nộp lúc", format="H:i d/m/Y", default="—", order_by=("submitted_at", "pk")
    )
    late = tables.Column(verbose_name="Thời hạn nộp", empty_values=(), order_by=("late", "-period__due_on", "pk"))

    excel_widths: ClassVar[dict[str, int]] = {"period": 44, "unit": 44}

    class Meta(BaseTable.Meta):
        empty_text = "Không có báo cáo đơn vị nào phù hợp bộ lọc."

    def render_period(self, record):
        return record.period.name

    def render_unit(self, record):
        return unit_label(record.unit)

    def render_status(self, record):
        css = "text-bg-success" if record.status == "da_nop" else "text-bg-warning"
        return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())

    def render_late(self, record):
        return self.excel_late(record) or "—"

    def excel_period(self, record):
        return record.period.name

    def excel_unit(self, record):
        return unit_label(record.unit)

    def excel_status(self, record):
        return record.get_status_display()

    def excel_late(self, record):
        if record.status != "da_nop":
            return ""
        return "Nộp muộn" if record.late else "Đúng hạn"
