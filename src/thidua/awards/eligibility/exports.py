"""Excel export of the candidates list (xlsxwriter): one sheet, an award column, Vietnamese headers like the real
nomination lists (STT, Họ và tên, Cấp bậc, Chức vụ, Đơn vị, Danh hiệu/Hình thức, Kết quả, Lý do, Căn cứ)."""

from __future__ import annotations

import io
from collections.abc import Iterable

import xlsxwriter

from thidua.org.choices import Rank
from thidua.org.selectors import positions_text

from .presenters import outcome_label, reason_rows

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [
    ("STT", 6),
    ("Họ và tên", 28),
    ("Cấp bậc", 14),
    ("Chức vụ", 30),
    ("Đơn vị", 32),
    ("Danh hiệu/Hình thức", 34),
    ("Kết quả", 18),
    ("Đủ điều kiện từ", 14),
    ("Lý do", 70),
    ("Căn cứ", 50),
]
RANK_LABELS = dict(Rank.choices)


def candidates_xlsx(results: Iterable, *, year: int, unit, run) -> bytes:
    """The workbook bytes: a title row, a bold frozen header row, one row per result (subject × award).

    ``results`` are ``EligibilityResult`` rows with award, person (positions prefetched) and unit loaded. Reasons
    and their citations go one per line in their cells; dates are real Excel dates shown dd/mm/yyyy.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    title = book.add_format({"bold": True, "font_size": 13})
    header = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#E2EFDA"}
    )
    cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
    date = book.add_format({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Xét khen thưởng")
    sheet.write(0, 0, f"DANH SÁCH XÉT ĐIỀU KIỆN KHEN THƯỞNG NĂM {year} — {unit.name.upper()}", title)
    if run is not None and run.finished_at:
        sheet.write(1, 0, f"Lượt xét #{run.pk}, hoàn thành lúc {run.finished_at:%H:%M %d/%m/%Y}")
    head_row = 2
    for col, (text, width) in enumerate(HEADERS):
        sheet.write(head_row, col, text, header)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(head_row + 1, 0)
    row = head_row
    for number, result in enumerate(results, start=1):
        row += 1
        person = result.person
        reasons = reason_rows(result.reasons)
        values = [
            number,
            person.full_name if person else result.unit.name,
            RANK_LABELS.get(person.rank, "") if person else "",
            positions_text(person) if person else "",
            result.unit.name,
            result.award.name,
            outcome_label(result.outcome),
        ]
        for col, value in enumerate(values):
            sheet.write(row, col, value, cell)
        if result.soon_on:
            sheet.write_datetime(row, 7, result.soon_on, date)
        else:
            sheet.write_blank(row, 7, None, cell)
        sheet.write(
            row, 8, "\n".join(("✓ " if r.met else "✗ " if r.met is False else "") + r.text for r in reasons), cell
        )
        sheet.write(row, 9, "\n".join(dict.fromkeys(r.citation for r in reasons if r.citation)), cell)
    sheet.autofilter(head_row, 0, max(row, head_row), len(HEADERS) - 1)
    book.close()
    return buffer.getvalue()
