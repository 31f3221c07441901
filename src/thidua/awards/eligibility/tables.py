"""The candidates table of an eligibility run (django-tables2): what the page shows, and the extra columns that the
Excel workbook and the print view carry (rank, positions, the date a "sắp đủ" subject qualifies, citations)."""

from __future__ import annotations

from typing import ClassVar

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from thidua.core.tables import BaseTable
from thidua.org.choices import Rank
from thidua.org.labels import unit_label
from thidua.org.selectors import positions_text

from .presenters import display_outcome, outcome_label, reason_rows, summarize_reasons

RANK_LABELS = dict(Rank.choices)
HIDDEN = {"visible": False}


def _shown(record) -> str:
    """The outcome a result is shown as: "Đã đạt" when the award was conferred for the year (the selector's
    ``conferred_*`` annotations), "Không thuộc đối tượng" when the award is not for the subject."""
    conferred = getattr(record, "conferred_person" if record.person_id else "conferred_unit", False)
    return display_outcome(record.outcome, reason_rows(record.reasons), conferred=bool(conferred))


class CandidateTable(BaseTable):
    """Results of a run (subject × award): award, outcome and Vietnamese name order by default (the selector's)."""

    subject = tables.Column(
        verbose_name="Họ và tên", empty_values=(), order_by=("person__sort_key", "unit__path", "award__order", "pk")
    )
    rank = tables.Column(verbose_name="Cấp bậc", accessor="person__rank", empty_values=(), **HIDDEN)
    positions = tables.Column(verbose_name="Chức vụ", empty_values=(), orderable=False, **HIDDEN)
    unit = tables.Column(verbose_name="Đơn vị", order_by=("unit__path", "person__sort_key", "award__order", "pk"))
    award = tables.Column(
        verbose_name="Danh hiệu/Hình thức",
        order_by=("award__order", "award__code", "outcome_order", "person__sort_key", "unit__path", "pk"),
    )
    outcome = tables.Column(
        verbose_name="Kết quả", order_by=("outcome_order", "award__order", "person__sort_key", "unit__path", "pk")
    )
    soon_on = tables.DateColumn(verbose_name="Đủ điều kiện từ", format="d/m/Y", **HIDDEN)
    reasons = tables.Column(verbose_name="Lý do và căn cứ", empty_values=(), orderable=False)
    citations = tables.Column(verbose_name="Căn cứ", accessor="reasons", empty_values=(), **HIDDEN)

    excel_headers: ClassVar[dict[str, str]] = {"reasons": "Lý do"}
    excel_widths: ClassVar[dict[str, int]] = {
        "subject": 28,
        "rank": 14,
        "positions": 30,
        "unit": 32,
        "award": 34,
        "outcome": 18,
        "soon_on": 14,
        "reasons": 70,
        "citations": 50,
    }

    class Meta(BaseTable.Meta):
        attrs = {"class": "table table-sm table-hover align-middle candidates list-table"}
        empty_text = "Không có kết quả phù hợp bộ lọc."

    def render_subject(self, record):
        if record.person_id:
            url = reverse("person_detail", args=[record.person_id])
            return format_html('<a href="{}">{}</a>', url, record.person.full_name)
        return format_html(
            '<a href="{}">{}</a>', reverse("unit_detail", args=[record.unit_id]), unit_label(record.unit)
        )

    def render_unit(self, record):
        return unit_label(record.unit)

    def render_award(self, record):
        return record.award.name

    def render_outcome(self, record):
        badge = render_to_string("awards/_outcome.html", {"outcome": _shown(record)})
        if record.soon_on:
            return format_html('{}<div class="small">từ {}</div>', badge, record.soon_on.strftime("%d/%m/%Y"))
        return format_html("{}", badge)

    def render_reasons(self, record):
        return render_to_string("awards/_reasons.html", {"summary": summarize_reasons(reason_rows(record.reasons))})

    def render_rank(self, record):
        return self.excel_rank(record)

    def render_positions(self, record):
        return self.excel_positions(record)

    def render_citations(self, record):
        return self.excel_citations(record)

    # -- the workbook's values --

    def excel_subject(self, record):
        return record.person.full_name if record.person_id else unit_label(record.unit)

    def excel_rank(self, record):
        return RANK_LABELS.get(record.person.rank, "") if record.person_id else ""

    def excel_positions(self, record):
        return positions_text(record.person) if record.person_id else ""

    def excel_unit(self, record):
        return unit_label(record.unit)

    def excel_award(self, record):
        return record.award.name

    def excel_outcome(self, record):
        return outcome_label(_shown(record))

    def excel_reasons(self, record):
        marks = {True: "✓ ", False: "✗ "}
        return "\n".join(marks.get(r.met, "") + r.text for r in reason_rows(record.reasons))

    def excel_citations(self, record):
        return "\n".join(dict.fromkeys(r.citation for r in reason_rows(record.reasons) if r.citation))
