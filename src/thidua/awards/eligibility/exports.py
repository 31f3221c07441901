"""Excel export of the candidates list: the shared list workbook (``core.lists.table_xlsx``: bold frozen header,
widths, dates as dates, text never read as a formula) over :class:`~thidua.awards.tables.CandidateTable`, with the
title and run line of the real nomination lists (STT, Họ và tên, Cấp bậc, Chức vụ, Đơn vị, Danh hiệu/Hình thức,
Kết quả, Đủ điều kiện từ, Lý do, Căn cứ)."""

from __future__ import annotations

from django.utils import timezone

from thidua.core import vn
from thidua.core.lists import table_xlsx
from thidua.org.labels import unit_label

from .tables import CandidateTable

__all__ = ["HEADERS", "candidates_title", "candidates_xlsx", "run_note"]

HEADERS = [("STT", 6)] + [
    (CandidateTable.excel_headers.get(name, str(column.verbose_name)), CandidateTable.excel_widths[name])
    for name, column in CandidateTable.base_columns.items()
]


def candidates_title(year: int, unit) -> str:
    """The workbook's title row."""
    return f"DANH SÁCH XÉT ĐIỀU KIỆN KHEN THƯỞNG NĂM {year} — {unit_label(unit).upper()}"


def run_note(run) -> str:
    """The line under the title: which run, finished when."""
    if run is None or not run.finished_at:
        return ""
    return f"Lượt xét #{run.pk}, hoàn thành lúc {vn.format_datetime(timezone.localtime(run.finished_at))}. "


def candidates_xlsx(table: CandidateTable, *, year: int, unit, run, summary: str = "") -> bytes:
    """The workbook bytes: a title row, the run and filters line, a bold frozen header row, one row per result.

    ``table`` is over ``EligibilityResult`` rows with award, person (current positions prefetched) and unit loaded;
    reasons and their citations go one per line in their cells; dates are real Excel dates shown dd/mm/yyyy.
    """
    return table_xlsx(table, title=candidates_title(year, unit), summary=summary, note=run_note(run))
