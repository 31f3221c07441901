"""The base of every list table (django-tables2, NetBox's anatomy): Bootstrap markup, Vietnamese texts, the query
parameters of the app (``?sap_xep=`` to sort, ``?trang=`` to page) and the typed value of each cell for Excel.

A table of an app subclasses :class:`BaseTable`, declares its columns (Vietnamese ``verbose_name``, ``order_by`` on
the sort key — people by ``sort_key``, units by their Vietnamese collation key …) and may add, per column:

- ``excel_<column>(record)``: the value written to Excel when the rendered cell is not the right one (a date, a
  number, a multi-line text);
- an entry in ``excel_widths`` to fix the column's width in the workbook, one in ``excel_headers`` to head it
  differently there;
- ``visible=False`` on a column only the workbook and the print view show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

import django_tables2 as tables
from django.utils.html import format_html

from .audit_display import comment, event_label, rows, target_url

ORDER_PARAM = "sap_xep"
PAGE_PARAM = "trang"


class BaseTable(tables.Table):
    """A sortable, paginated Bootstrap table whose rows can also be written to Excel and printed."""

    excel_widths: ClassVar[dict[str, int]] = {}
    excel_headers: ClassVar[dict[str, str]] = {}

    class Meta:
        template_name = "core/_table.html"
        attrs = {"class": "table table-striped table-hover align-middle list-table"}
        order_by_field = ORDER_PARAM
        page_field = PAGE_PARAM
        empty_text = "Không có dòng nào phù hợp bộ lọc."

    def export_columns(self) -> list:
        """The bound columns written to Excel and printed: all not marked ``exclude_from_export``, hidden ones (those
        only the workbook needs, ``visible=False``) included."""
        return [c for c in self.columns.iterall() if not c.column.exclude_from_export]

    def excel_header(self, column) -> str:
        """The column's header in the workbook and the print view (``excel_headers`` may name it differently)."""
        return self.excel_headers.get(column.name, str(column.header))

    def order_text(self) -> str:
        """The sort the user chose, in words ("Họ và tên (giảm dần)"), or empty for the default order."""
        parts = []
        for alias in self.order_by or ():
            name = alias.lstrip("-")
            if name in self.columns:
                header = self.excel_header(self.columns[name])
                parts.append(f"{header} (giảm dần)" if alias.startswith("-") else header)
        return ", ".join(parts)

    def excel_value(self, row, column) -> Any:
        """The typed value of one cell: ``excel_<name>`` if the table defines it, else a date or number as it is,
        else the text of the rendered cell (choice labels, linked names)."""
        custom = getattr(self, f"excel_{column.name}", None)
        if custom is not None:
            return custom(row.record)
        raw = column.accessor.resolve(row.record, quiet=True)
        if isinstance(raw, dt.date | int | float | Decimal) and not isinstance(raw, bool):
            return raw
        value = row.get_cell_value(column.name)
        return "" if value in (None, "—") else value


# --- core's own lists ----------------------------------------------------------------------------------------------

DATETIME_FORMAT = "d/m/Y H:i:s"
# What a table cell shows for an event or a job no user started (the audit log stores "hệ thống" mid-sentence style).
SYSTEM_ACTOR = "Hệ thống"


def _actor_cell(name: str) -> str:
    """The actor's name as a cell shows it: the system capitalised like a name."""
    return SYSTEM_ACTOR if not name or name == "hệ thống" else name


class AuditTable(BaseTable):
    """Audit events: when, who, what, on which object, the field changes (before → after) and the request id."""

    occurred_at = tables.DateTimeColumn(
        verbose_name="Thời điểm",
        format=DATETIME_FORMAT,
        order_by=("occurred_at", "id"),
        attrs={"td": {"class": "text-nowrap"}},
    )
    actor_name = tables.Column(verbose_name="Người thực hiện", default=SYSTEM_ACTOR, order_by=("actor_name", "-id"))
    event_type = tables.Column(verbose_name="Sự kiện", order_by=("event_type", "-id"))
    target_repr = tables.Column(verbose_name="Đối tượng", order_by=("target_repr", "-id"))
    details = tables.TemplateColumn(
        template_name="core/_audit_details.html", verbose_name="Chi tiết", orderable=False, empty_values=()
    )
    request_id = tables.Column(
        verbose_name="Mã yêu cầu", orderable=False, default="—", attrs={"td": {"class": "font-monospace small"}}
    )

    excel_widths: ClassVar[dict[str, int]] = {"details": 60, "request_id": 34}

    class Meta(BaseTable.Meta):
        empty_text = "Chưa có thay đổi nào được ghi nhận."
        attrs = {"class": "table align-middle list-table"}

    def render_event_type(self, value):
        return event_label(value)

    def render_target_repr(self, value, record):
        url = target_url(record)
        return format_html('<a href="{}">{}</a>', url, value) if url else value

    def excel_event_type(self, record):
        return event_label(record.event_type)

    def excel_target_repr(self, record):
        return record.target_repr

    def excel_details(self, record):
        lines = [
            f"{label}: {before} → {after}" if before else f"{label}: {after}" for label, before, after in rows(record)
        ]
        note = comment(record)
        return "\n".join([*lines, f"Ý kiến: {note}"] if note else lines)

    def render_actor_name(self, value):
        return _actor_cell(value)

    def excel_actor_name(self, record):
        return _actor_cell(record.actor_name)


class JobTable(BaseTable):
    """Background jobs: title (link to its page), kind, status, progress, who started it, unit, times."""

    title = tables.Column(verbose_name="Công việc", linkify=("job_detail", [tables.A("pk")]), order_by=("title", "-id"))
    status = tables.Column(verbose_name="Trạng thái", order_by=("status", "-id"))
    percent = tables.Column(
        verbose_name="Tiến độ",
        accessor="percent",
        orderable=False,
        attrs={"th": {"class": "num"}, "td": {"class": "num"}},
    )
    created_by = tables.Column(verbose_name="Người tạo", default=SYSTEM_ACTOR, order_by=("created_by__username", "-id"))
    unit = tables.Column(verbose_name="Đơn vị", default="—", order_by=("unit__path", "-id"))
    created_at = tables.DateTimeColumn(verbose_name="Tạo lúc", format=DATETIME_FORMAT, order_by=("created_at", "id"))
    finished_at = tables.DateTimeColumn(
        verbose_name="Kết thúc lúc", format=DATETIME_FORMAT, order_by=("finished_at", "id")
    )

    excel_widths: ClassVar[dict[str, int]] = {"title": 50}

    class Meta(BaseTable.Meta):
        empty_text = "Không có công việc nào."

    def render_percent(self, value):
        return f"{value}%"

    def render_unit(self, record):
        return str(record.unit)

    def excel_unit(self, record):
        return str(record.unit) if record.unit_id else ""

    def excel_created_by(self, record):
        return str(record.created_by) if record.created_by_id else SYSTEM_ACTOR
