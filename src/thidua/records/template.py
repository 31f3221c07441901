"""The columns of the record-import list and the downloadable template (openpyxl).

The headers follow the lists that TĐKT offices already keep (STT, Họ và tên, Ngày sinh, Cấp bậc, Chức vụ, Đơn vị, Số
CCCD …, see ``shared/reference``): one row per person and year, with a rating, a title or award received, and/or an
initiative or research work. The importer also accepts the usual variants of each header (line breaks, "(nếu có)",
"Danh hiệu thi đua/Hình thức khen thưởng" …).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.catalogue.choices import Subject
from thidua.catalogue.models import Award

from .choices import AchievementKind, Level, Rating

SHEET = "DANHSACH"
TITLE = "DANH SÁCH THÀNH TÍCH, KHEN THƯỞNG CÁC NĂM"
HEADER_ROW = 3


@dataclass(frozen=True)
class Column:
    """A column of the list: its key, its header, the header variants accepted on import, its width."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    width: int = 16
    text: bool = False  # stored as text (keeps the leading zeros of a CCCD)


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", ("so thu tu", "tt"), 6),
    Column("full_name", "Họ và tên", ("ho ten", "ten ca nhan", "ten tap the/ca nhan/ho gia dinh"), 26),
    Column("date_of_birth", "Ngày sinh", ("ngay thang nam sinh",), 12),
    Column("rank", "Cấp bậc", ("quan ham", "ten goi"), 12),
    Column("position", "Chức vụ", (), 20),
    Column("unit", "Đơn vị", ("don vi cong tac", "ten don vi/tap the cong tac", "co quan, don vi"), 24),
    Column("cccd", "Số CCCD", ("cccd", "so can cuoc cong dan", "so can cuoc", "so dinh danh ca nhan"), 15, text=True),
    Column("year", "Năm", ("nam danh gia", "nam khen thuong", "nam xet"), 8),
    Column("rating", "Mức độ hoàn thành nhiệm vụ", ("xep loai", "danh gia xep loai", "muc do hoan thanh"), 26),
    Column(
        "award",
        "Danh hiệu thi đua/Hình thức khen thưởng",
        ("danh hieu/hinh thuc", "danh hieu thi dua", "hinh thuc khen thuong", "danh hieu"),
        30,
    ),
    Column("decision_ref", "Số quyết định", ("so qd", "quyet dinh so"), 16),
    Column("decided_on", "Ngày quyết định", ("ngay qd", "ngay ky"), 14),
    Column("issuer", "Cấp quyết định", ("co quan quyet dinh", "cap khen thuong", "nguoi ky"), 20),
    Column("achievement", "Sáng kiến/đề tài", ("ten sang kien", "ten de tai", "ten sang kien, de tai"), 30),
    Column("achievement_kind", "Loại sáng kiến/đề tài", ("loai thanh tich", "loai"), 18),
    Column("level", "Cấp công nhận", ("cap cong nhan sang kien", "don vi cong nhan"), 14),
)
BY_KEY = {c.key: c for c in COLUMNS}

RATING_LABELS = [label for _, label in Rating.choices]
LEVEL_LABELS = ["Cơ sở", "Toàn quân", "Toàn quốc"]
KIND_LABELS = [label for _, label in AchievementKind.choices]
assert len(LEVEL_LABELS) == len(Level.choices)


def build_template() -> bytes:
    """The import template: the list sheet with headers on row 3, drop-down lists, a catalogue and a guide."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Mỗi dòng: một người, một năm. Nhận diện theo Số CCCD, hoặc Họ và tên + Ngày sinh + Đơn vị."
    ws["A2"].font = Font(italic=True, size=10)
    thin = Side(style="thin")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.text:
            for row in range(HEADER_ROW + 1, HEADER_ROW + 501):
                ws.cell(row=row, column=index).number_format = "@"
        if column.key in ("date_of_birth", "decided_on"):
            for row in range(HEADER_ROW + 1, HEADER_ROW + 501):
                ws.cell(row=row, column=index).number_format = "DD/MM/YYYY"
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)

    catalogue = wb.create_sheet("DANHMUC")
    catalogue.append(["Danh hiệu, hình thức (cá nhân)", "Mã", "Mức độ hoàn thành nhiệm vụ", "Cấp công nhận", "Loại"])
    awards = list(
        Award.objects.filter(active=True, subject__in=[Subject.PERSON, Subject.BOTH]).values_list("name", "code")
    )
    longest = max(len(awards), len(RATING_LABELS), len(LEVEL_LABELS), len(KIND_LABELS))
    for i in range(longest):
        name, code = awards[i] if i < len(awards) else ("", "")
        catalogue.append(
            [
                name,
                code,
                RATING_LABELS[i] if i < len(RATING_LABELS) else "",
                LEVEL_LABELS[i] if i < len(LEVEL_LABELS) else "",
                KIND_LABELS[i] if i < len(KIND_LABELS) else "",
            ]
        )
    for letter, width in zip("ABCDE", (48, 18, 32, 14, 32), strict=True):
        catalogue.column_dimensions[letter].width = width
        catalogue[f"{letter}1"].font = Font(bold=True)

    last = HEADER_ROW + 500
    lists = {
        "rating": f"DANHMUC!$C$2:$C${len(RATING_LABELS) + 1}",
        "level": f"DANHMUC!$D$2:$D${len(LEVEL_LABELS) + 1}",
        "achievement_kind": f"DANHMUC!$E$2:$E${len(KIND_LABELS) + 1}",
    }
    if awards:
        lists["award"] = f"DANHMUC!$A$2:$A${len(awards) + 1}"
    for key, source in lists.items():
        letter = get_column_letter(list(BY_KEY).index(key) + 1)
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=False)
        validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
        ws.add_data_validation(validation)

    guide = wb.create_sheet("HUONGDAN")
    for line in (
        ["Hướng dẫn nhập thành tích, khen thưởng các năm"],
        ["1. Giữ nguyên dòng tiêu đề (dòng 3) của trang DANHSACH; nhập từ dòng 4."],
        ["2. Nhận diện cán bộ theo Số CCCD (12 chữ số); nếu không có, theo Họ và tên + Ngày sinh + Đơn vị."],
        ["3. Mỗi dòng có thể ghi mức độ hoàn thành nhiệm vụ, một danh hiệu/hình thức và/hoặc một sáng kiến, đề tài."],
        ["4. Sáng kiến, đề tài phải có Cấp công nhận (Cơ sở, Toàn quân, Toàn quốc)."],
        ["5. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 07/06/2018."],
        ["6. Có lỗi ở bất kỳ dòng nào thì không dòng nào được lưu; sửa theo báo cáo lỗi rồi nhập lại cả tệp."],
    ):
        guide.append(line)
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True)

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
