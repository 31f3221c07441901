"""Tables of the org lists (django-tables2): people, units, emulation groups.

Names sort the Vietnamese way: people by their stored ``sort_key`` (given name, family name, middle names), units and
groups by :func:`thidua.core.vn.collation_key` (the lists are bounded, so that key is computed per request, only when
the user sorts by name — see :func:`collated`).
"""

from __future__ import annotations

import datetime as dt

import django_tables2 as tables
from django.db.models import Case, F, IntegerField, Value, When
from django.urls import reverse
from django.utils.html import format_html

from thidua.core import vn
from thidua.core.tables import ORDER_PARAM, BaseTable

from . import selectors
from .choices import Rank
from .labels import unit_label

NAME_KEY = "collation"
RANK_ORDER = Case(
    *(When(rank=code, then=Value(i)) for i, code in enumerate(Rank.values)),
    default=Value(-1),
    output_field=IntegerField(),
)


def collated(request, data, *, column: str = "name", text=lambda obj: obj.name):
    """``data`` as a list carrying a Vietnamese collation key, if the request sorts by ``column``; else unchanged.

    SQL cannot sort Vietnamese (ă after a, đ after d, tones last) on SQLite; for a bounded list (units, groups) the
    key is cheap to compute in Python for the rows of the current filter.
    """
    if request.GET.get(ORDER_PARAM, "").split(",")[0].lstrip("-") != column:
        return data
    rows = list(data)
    for row in rows:
        setattr(row, NAME_KEY, vn.collation_key(text(row)))
    return rows


class PersonTable(BaseTable):
    """People in scope: name (link), rank, current positions, unit (link), year of birth."""

    full_name = tables.Column(verbose_name="Họ và tên", linkify=("person_detail", [tables.A("pk")]))
    rank = tables.Column(verbose_name="Cấp bậc", default="—")
    positions = tables.Column(verbose_name="Chức vụ hiện tại", empty_values=(), orderable=False)
    unit = tables.Column(verbose_name="Đơn vị", order_by=("unit__path", "sort_key", "id"))
    date_of_birth = tables.Column(verbose_name="Năm sinh", attrs={"th": {"class": "num"}, "td": {"class": "num"}})

    excel_widths = {"full_name": 28, "positions": 40, "unit": 36}

    class Meta(BaseTable.Meta):
        template_name = "org/_person_table.html"  # rows written directly: the list is performance-sensitive
        order_by = "full_name"
        empty_text = "Không có cán bộ, quân nhân nào phù hợp."

    def __init__(self, *args, searched: bool = False, on: dt.date | None = None, **kwargs):
        self.searched = searched
        self.on = on or dt.date.today()
        super().__init__(*args, **kwargs)

    def order_full_name(self, queryset, is_descending):
        """Vietnamese name order (the indexed ``sort_key``; a search uses the covering index, see ``sorted_vn``)."""
        return queryset.sorted_vn(filtered=self.searched, descending=is_descending), True

    def order_rank(self, queryset, is_descending):
        """Rank seniority (the declaration order of :class:`Rank`), then name."""
        key = RANK_ORDER.desc() if is_descending else RANK_ORDER.asc()
        return queryset.order_by(key, "sort_key", "id"), True

    def order_date_of_birth(self, queryset, is_descending):
        """Year of birth, unknown last, then name."""
        born = F("date_of_birth")
        expr = born.desc(nulls_last=True) if is_descending else born.asc(nulls_last=True)
        return queryset.order_by(expr, "sort_key", "id"), True

    def render_rank(self, record):
        return Rank(record.rank).label if record.rank in Rank.values else record.rank or "—"

    def label_page(self, page) -> None:
        """Set ``positions_label`` on the page's people (their current positions are prefetched), for the rows."""
        for row in page.object_list:
            row.record.positions_label = selectors.positions_text(row.record, self.on)

    def render_positions(self, record):
        return selectors.positions_text(record, self.on) or "—"

    def render_unit(self, record):
        return format_html(
            '<a href="{}">{}</a>', reverse("unit_detail", args=[record.unit_id]), unit_label(record.unit)
        )

    def render_date_of_birth(self, value):
        return value.year

    def excel_unit(self, record):
        return unit_label(record.unit)

    def excel_date_of_birth(self, record):
        return record.date_of_birth.year if record.date_of_birth else None

    def excel_positions(self, record):
        return selectors.positions_text(record, self.on)


class UnitTable(BaseTable):
    """Units in scope: name (link), short name, kind, code, people, sub-units, founded, status."""

    name = tables.Column(verbose_name="Tên đơn vị", order_by=(NAME_KEY,))
    short_name = tables.Column(verbose_name="Tên viết tắt", orderable=False)
    kind = tables.Column(verbose_name="Loại đơn vị", order_by=("kind", "path"))
    code = tables.Column(verbose_name="Mã đơn vị", order_by=("code", "path"))
    people_count = tables.Column(
        verbose_name="Số người",
        order_by=("people_count", "path"),
        attrs={"th": {"class": "num"}, "td": {"class": "num"}},
    )
    numchild = tables.Column(
        verbose_name="Đơn vị trực thuộc",
        order_by=("numchild", "path"),
        attrs={"th": {"class": "num"}, "td": {"class": "num"}},
    )
    valid_from = tables.DateColumn(verbose_name="Thành lập từ", format="d/m/Y", order_by=("valid_from", "path"))
    valid_to = tables.DateColumn(verbose_name="Hết hiệu lực", format="d/m/Y", order_by=("valid_to", "path"))

    excel_widths = {"name": 40}

    class Meta(BaseTable.Meta):
        empty_text = "Không có đơn vị nào phù hợp."

    def render_name(self, record, value):
        """The unit's label (a filtered list may hold several "Phòng Kế hoạch"), indented by depth in tree order."""
        indent = "\u2003" * max(0, record.depth - 1) if not self.order_by else ""
        return format_html(
            '{}<a href="{}">{}</a>', indent, reverse("unit_detail", args=[record.pk]), unit_label(record)
        )

    def excel_name(self, record):
        return unit_label(record)

    def render_people_count(self, value):
        return vn.format_number(value)

    def render_numchild(self, value):
        return vn.format_number(value)


class GroupTable(BaseTable):
    """Emulation groups: year, name (link), kind, authority, member count."""

    year = tables.Column(
        verbose_name="Năm", order_by=("year", "name", "id"), attrs={"th": {"class": "num"}, "td": {"class": "num"}}
    )
    name = tables.Column(verbose_name="Tên khối/cụm", linkify=("group_detail", [tables.A("pk")]), order_by=(NAME_KEY,))
    kind = tables.Column(verbose_name="Loại", order_by=("kind", "-year", "id"))
    authority = tables.Column(verbose_name="Cấp tổ chức", order_by=("authority__path", "-year", "id"))
    member_count = tables.Column(
        verbose_name="Số thành viên",
        order_by=("member_count", "-year", "id"),
        attrs={"th": {"class": "num"}, "td": {"class": "num"}},
    )

    excel_widths = {"name": 40, "authority": 36}

    class Meta(BaseTable.Meta):
        empty_text = "Không có khối, cụm thi đua nào."

    def render_year(self, value):
        return str(value)

    def render_member_count(self, value):
        return vn.format_number(value)

    def excel_authority(self, record):
        return record.authority.name
