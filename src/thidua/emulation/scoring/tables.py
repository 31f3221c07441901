"""Tables of the scoring slice's lists (django-tables2): criteria sheets, a sheet's ranking."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.utils.html import format_html

from thidua.core import vn
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


NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


class RankingTable(BaseTable):
    """A sheet's ranking (rows of :func:`selectors.ranking_board`): rank, unit, one column per criterion (its code,
    the kind when it is a bonus or a penalty, the maximum) and the total; build it with ``criteria``."""

    rank = tables.Column(verbose_name="Hạng", order_by=("rank", "unit_key"), attrs=NUM)
    unit_name = tables.Column(verbose_name="Đơn vị", order_by=("unit_key",))
    total = tables.Column(verbose_name="Tổng điểm", order_by=("total", "unit_key"), attrs=NUM)

    excel_widths: ClassVar[dict[str, int]] = {"unit_name": 44}

    class Meta(BaseTable.Meta):
        empty_text = "Khối chưa có đơn vị thành viên phù hợp bộ lọc."
        attrs = {"class": "table table-sm table-striped align-middle list-table", "id": "bang-xep-hang"}
        sequence = ("rank", "unit_name", "...", "total")

    def __init__(self, data, *, criteria, **kwargs):
        extra = [(f"c{c.pk}", criterion_column(c)) for c in criteria]
        super().__init__(data, extra_columns=extra, **kwargs)

    def render_total(self, value):
        return format_html("<strong>{}</strong>", vn.format_number(value, 2))


class PointsColumn(tables.Column):
    """Points shown the Vietnamese way ("45,50")."""

    def render(self, value):
        return vn.format_number(value, 2)


def criterion_column(criterion) -> tables.Column:
    """The column of one criterion's points (a number in Excel, "—" when not scored)."""
    kind = f" ({criterion.get_kind_display()})" if criterion.kind != "tieu_chi" else ""
    return PointsColumn(
        verbose_name=f"{criterion.code}{kind} /{vn.format_number(criterion.max_points, 2)}",
        accessor=f"c{criterion.pk}",
        order_by=(f"c{criterion.pk}", "unit_key"),
        default="—",
        attrs={**NUM, "th": {"class": "num", "title": criterion.label}},
    )
