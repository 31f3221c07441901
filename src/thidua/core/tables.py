"""The base of every list table (django-tables2, NetBox's anatomy): Bootstrap markup, Vietnamese texts, the query
parameters of the app (``?sap_xep=`` to sort, ``?trang=`` to page) and the typed value of each cell for Excel.

A table of an app subclasses :class:`BaseTable`, declares its columns (Vietnamese ``verbose_name``, ``order_by`` on
the sort key — people by ``sort_key``, units by their Vietnamese collation key …) and may add, per column:

- ``excel_<column>(record)``: the value written to Excel when the rendered cell is not the right one (a date, a
  number, a multi-line text);
- an entry in ``excel_widths`` to fix the column's width in the workbook.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

import django_tables2 as tables

ORDER_PARAM = "sap_xep"
PAGE_PARAM = "trang"


class BaseTable(tables.Table):
    """A sortable, paginated Bootstrap table whose rows can also be written to Excel and printed."""

    excel_widths: ClassVar[dict[str, int]] = {}

    class Meta:
        template_name = "core/_table.html"
        attrs = {"class": "table table-striped table-hover align-middle list-table"}
        order_by_field = ORDER_PARAM
        page_field = PAGE_PARAM
        empty_text = "Không có dòng nào phù hợp bộ lọc."

    def export_columns(self) -> list:
        """The bound columns written to Excel and printed: visible ones not marked ``exclude_from_export``."""
        return [c for c in self.columns if not c.column.exclude_from_export]

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
