"""Reading an uploaded Excel list safely: size, ``.xlsx`` name, a real zip with a workbook inside and a bounded
uncompressed size are checked before python-calamine reads the first sheet (every error in Vietnamese).

Used by the account import (``accounts.users.importer``) and the records import (``records.importer.upload``).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from python_calamine import CalamineWorkbook

from . import vn

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024  # a small list never unpacks to this much: refuse zip bombs


class UploadRefused(Exception):
    """The upload itself is unusable (too big, not an .xlsx workbook, unreadable); nothing was read."""


def check_xlsx(name: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> None:
    """Refuse anything but a small, real .xlsx workbook (UploadRefused with a Vietnamese message)."""
    if not name.lower().endswith(".xlsx"):
        raise UploadRefused("Chỉ nhận tệp Excel .xlsx (dùng tệp mẫu).")
    if len(data) > max_bytes:
        size = vn.format_number(len(data) / 1024 / 1024, 1)
        raise UploadRefused(f"Tệp quá lớn ({size} MB); tối đa {max_bytes // 1024 // 1024} MB.")
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UploadRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.") from None
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise UploadRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.")
    if total > MAX_UNCOMPRESSED:
        raise UploadRefused("Nội dung tệp quá lớn sau khi giải nén; hãy chia nhỏ danh sách.")


def first_sheet(data: bytes) -> list[list[Any]]:
    """The cells of the workbook's first sheet, row by row (the upload was checked with :func:`check_xlsx`)."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several error types for damaged files; all mean the same to the user
        raise UploadRefused("Không đọc được tệp Excel (tệp hỏng hoặc có mật khẩu).") from None


def cell_text(value: Any) -> str:
    """A cell as trimmed NFC text ("" for empty; 12.0 → "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vn.nfc(str(value)).strip()
