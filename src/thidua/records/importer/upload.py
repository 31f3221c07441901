"""The upload: a small, real .xlsx workbook, its header row (the usual variants of each header) and its rows."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from python_calamine import CalamineWorkbook

from thidua.core import vn

from ..template import COLUMNS

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024  # a small list never unpacks to this much: refuse zip bombs
MAX_ROWS = 5000
PROGRESS_EVERY = 10  # rows between two progress reports of an import run as a job
HEADER_SCAN_ROWS = 12


class ImportRefused(Exception):
    """The upload itself is unusable (too big, not an .xlsx workbook, no header row); nothing was read."""


def _header_key(text: Any) -> str:
    """A header cell (or a short value) folded for comparison: no diacritics, case, punctuation or "(nếu có)"."""
    return vn.search_key(re.sub(r"\(.*?\)", " ", str(text or "")))  # punctuation and "/" fold to spaces


HEADER_LOOKUP: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        HEADER_LOOKUP[_header_key(_name)] = _column.key


# --- the upload --------------------------------------------------------------------------------------------------


def check_upload(name: str, data: bytes) -> None:
    """Refuse anything but a small, real .xlsx workbook (ImportRefused with a Vietnamese message)."""
    if not name.lower().endswith(".xlsx"):
        raise ImportRefused("Chỉ nhận tệp Excel .xlsx (dùng tệp mẫu).")
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"Tệp quá lớn ({vn.format_number(len(data) / 1024 / 1024, 1)} MB); tối đa 5 MB.")
    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.") from None
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.")
    if total > MAX_UNCOMPRESSED:
        raise ImportRefused("Nội dung tệp quá lớn sau khi giải nén; hãy chia nhỏ danh sách.")


def read_rows(data: bytes) -> tuple[dict[int, str], list[tuple[int, list[Any]]]]:
    """The header (column index → key) and the data rows (Excel row number, cells) of the first sheet."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        table = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several error types for damaged files; all mean the same to the user
        raise ImportRefused("Không đọc được tệp Excel (tệp hỏng hoặc có mật khẩu).") from None
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        keys = [_header_key(cell) for cell in row]
        header = {i: HEADER_LOOKUP[key] for i, key in enumerate(keys) if key in HEADER_LOOKUP}
        if "full_name" in header.values() and "year" in header.values():
            body = [(index + 2 + offset, cells) for offset, cells in enumerate(table[index + 1 :])]
            body = [(n, cells) for n, cells in body if any(str(c).strip() for c in cells if c is not None)]
            if len(body) > MAX_ROWS:
                raise ImportRefused(f"Danh sách có {len(body)} dòng; mỗi lần nhập tối đa {MAX_ROWS} dòng.")
            return header, body
    raise ImportRefused("Không tìm thấy dòng tiêu đề (cần ít nhất các cột «Họ và tên» và «Năm»); hãy dùng tệp mẫu.")
