"""The upload: a small, real .xlsx workbook, its header row (the usual variants of each header) and its rows."""

from __future__ import annotations

import re
from typing import Any

from thidua.core import vn
from thidua.core.uploads import MAX_BYTES, UploadRefused, check_xlsx, first_sheet

from ..template import COLUMNS

MAX_ROWS = 5000
PROGRESS_EVERY = 10  # rows between two progress reports of an import run as a job
HEADER_SCAN_ROWS = 12


ImportRefused = UploadRefused
"""The upload itself is unusable (too big, not an .xlsx workbook, no header row); nothing was read (core.uploads)."""

__all__ = ["MAX_BYTES", "ImportRefused", "check_upload", "read_rows"]


def _header_key(text: Any) -> str:
    """A header cell (or a short value) folded for comparison: no diacritics, case, punctuation or "(nếu có)"."""
    return vn.search_key(re.sub(r"\(.*?\)", " ", str(text or "")))  # punctuation and "/" fold to spaces


HEADER_LOOKUP: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        HEADER_LOOKUP[_header_key(_name)] = _column.key


# --- the upload --------------------------------------------------------------------------------------------------


def check_upload(name: str, data: bytes) -> None:
    """Refuse anything but a small, real .xlsx workbook (core.uploads' checks; ImportRefused in Vietnamese)."""
    check_xlsx(name, data)


def read_rows(data: bytes) -> tuple[dict[int, str], list[tuple[int, list[Any]]]]:
    """The header (column index → key) and the data rows (Excel row number, cells) of the first sheet."""
    table = first_sheet(data)
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
