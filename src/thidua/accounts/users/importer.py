"""Import accounts from an Excel list, all or nothing, and the two workbooks around it: the template to fill in and
the list of temporary passwords handed back once.

Columns (headers matched without diacritics or case): Tên đăng nhập, Họ và tên, Đơn vị (its code or its name), Vai
trò (a label such as "Cán bộ TĐKT đơn vị"), Thư điện tử (optional). Every error of every row is reported ("Dòng 5,
cột «Đơn vị»: …"); a username repeated in the file is refused with both row numbers. When no row has an error, every
account is created through :func:`.services.user_create` in one transaction, each with a generated temporary
password; any failure there rolls all of them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from thidua.core import uploads, vn, xlsx
from thidua.core.choices import Role

from . import selectors, services

MAX_ROWS = 500  # each account hashes a password (Argon2): a bigger list is split
HEADER_SCAN_ROWS = 10
COLUMNS = {
    "username": ("Tên đăng nhập", ("ten dang nhap", "tai khoan", "username")),
    "full_name": ("Họ và tên", ("ho ten", "ho va ten")),
    "unit": ("Đơn vị", ("don vi", "ma don vi", "ma hoac ten don vi", "don vi ma hoac ten")),
    "role": ("Vai trò", ("vai tro", "quyen")),
    "email": ("Thư điện tử", ("thu dien tu", "email", "e mail")),
}
REQUIRED = ("username", "full_name", "unit", "role")


@dataclass
class AccountRow:
    """One valid row, ready to be created."""

    number: int
    username: str
    full_name: str
    unit: Any
    role: str
    email: str = ""


@dataclass
class ImportResult:
    """What the import did: the errors (nothing saved), or the created accounts with their temporary passwords."""

    rows: int = 0
    errors: list[str] = field(default_factory=list)
    created: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _key(text: Any) -> str:
    return vn.search_key(str(text or "").replace("(", " ").replace(")", " "))


HEADER_LOOKUP = {_key(alias): key for key, (header, aliases) in COLUMNS.items() for alias in (header, *aliases)}
ROLE_LOOKUP = {_key(label): code for code, label in Role.choices} | {_key(code): code for code in Role.values}


def _message(number: int, column: str | None, text: str) -> str:
    if column:
        return f"Dòng {number}, cột «{COLUMNS[column][0]}»: {text}"
    return f"Dòng {number}: {text}"


def _read(data: bytes) -> tuple[dict[int, str], list[tuple[int, list[Any]]]]:
    table = uploads.first_sheet(data)
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        header = {i: HEADER_LOOKUP[_key(c)] for i, c in enumerate(row) if _key(c) in HEADER_LOOKUP}
        if set(REQUIRED) <= set(header.values()):
            body = [(index + 2 + offset, cells) for offset, cells in enumerate(table[index + 1 :])]
            body = [(n, cells) for n, cells in body if any(uploads.cell_text(c) for c in cells)]
            if len(body) > MAX_ROWS:
                raise uploads.UploadRefused(f"Danh sách có {len(body)} dòng; mỗi lần nhập tối đa {MAX_ROWS} dòng.")
            return header, body
    names = ", ".join(f"«{COLUMNS[k][0]}»" for k in REQUIRED)
    raise uploads.UploadRefused(f"Không tìm thấy dòng tiêu đề (cần các cột {names}); hãy dùng tệp mẫu.")


class _Units:
    """The units the actor may grant roles on, found by code or by name (a name shared by two units is refused)."""

    def __init__(self, actor):
        self.by_code: dict[str, Any] = {}
        self.by_name: dict[str, list[Any]] = {}
        for unit in selectors.grantable_units(actor):
            if unit.code:
                self.by_code[_key(unit.code)] = unit
            for name in {unit.name, unit.short_name}:
                if name:
                    self.by_name.setdefault(_key(name), []).append(unit)

    def find(self, text: str):
        """The unit, or a Vietnamese error message."""
        key = _key(text)
        if key in self.by_code:
            return self.by_code[key], None
        found = self.by_name.get(key, [])
        if len(found) == 1:
            return found[0], None
        if found:
            return None, f"Có {len(found)} đơn vị tên «{text}»; hãy ghi mã đơn vị."
        return None, f"Không có đơn vị «{text}» trong phạm vi quản trị của bạn (ghi mã hoặc tên đơn vị)."


def _row_errors(cells: dict[str, str], units: _Units) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The row's values and every error of it as (column, message)."""
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = dict(cells)
    for column in REQUIRED:
        if not cells.get(column):
            errors.append((column, "Không được để trống."))
    username = cells.get("username", "")
    if username and not services.USERNAME_RE.match(username):
        errors.append(("username", f"Tên đăng nhập không hợp lệ: «{username}» (chữ không dấu, chữ số, . @ + - _)."))
    if cells.get("unit"):
        values["unit"], problem = units.find(cells["unit"])
        if problem:
            errors.append(("unit", problem))
    if cells.get("role"):
        values["role"] = ROLE_LOOKUP.get(_key(cells["role"]))
        if values["role"] is None:
            errors.append(("role", f"Vai trò không hợp lệ: «{cells['role']}»."))
    if cells.get("email"):
        try:
            validate_email(cells["email"])
        except ValidationError:
            errors.append(("email", f"Địa chỉ thư điện tử không hợp lệ: «{cells['email']}»."))
    return values, errors


def _check_rows(actor, header, body) -> tuple[list[AccountRow], list[str]]:
    units = _Units(actor)
    rows: list[AccountRow] = []
    messages: list[str] = []
    seen: dict[str, int] = {}
    cells_of = [
        (number, {key: uploads.cell_text(cells[i]) for i, key in header.items() if i < len(cells)})
        for number, cells in body
    ]
    taken = selectors.users_with_username([c.get("username", "") for _, c in cells_of if c.get("username")])
    for number, cells in cells_of:
        values, errors = _row_errors(cells, units)
        username = cells.get("username", "")
        lowered = username.lower()
        if username and lowered in seen:
            errors.append(("username", f"Tên đăng nhập «{username}» trùng với dòng {seen[lowered]}."))
        elif username:
            seen[lowered] = number
        if username and lowered in taken:
            errors.append(("username", f"Tên đăng nhập «{username}» đã có người dùng."))
        messages.extend(_message(number, column, text) for column, text in errors)
        if not errors:
            rows.append(
                AccountRow(
                    number, username, values["full_name"], values["unit"], values["role"], values.get("email", "")
                )
            )
    return rows, messages


def import_accounts(*, actor, name: str, data: bytes) -> ImportResult:
    """Check, read and create the accounts of an uploaded list; on any error nothing is saved and the result lists
    every error. Raises :class:`thidua.core.uploads.UploadRefused` when the file itself is unusable."""
    uploads.check_xlsx(name, data)
    header, body = _read(data)
    result = ImportResult(rows=len(body))
    if not body:
        result.errors.append("Danh sách không có dòng dữ liệu nào.")
        return result
    rows, result.errors = _check_rows(actor, header, body)
    if result.errors:
        return result
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    user, raw = services.user_create(
                        actor=actor,
                        username=row.username,
                        full_name=row.full_name,
                        email=row.email,
                        role=row.role,
                        unit=row.unit,
                    )
            except ValidationError as exc:
                for field_name, messages in exc.message_dict.items():
                    column = field_name if field_name in COLUMNS else None
                    result.errors.extend(_message(row.number, column, m) for m in messages)
                continue
            result.created.append(
                {
                    "username": user.username,
                    "full_name": user.full_name,
                    "unit": str(row.unit),
                    "role": Role(row.role).label,
                    "password": raw,
                }
            )
        if result.errors:
            result.created = []
            transaction.set_rollback(True)
    return result


# --- workbooks ---------------------------------------------------------------------------------------------------


def template_workbook(actor) -> bytes:
    """The list to fill in: the header row, an example note, the roles and the units the actor may grant on."""
    book, buffer = xlsx.open_book()
    fmt = xlsx.Formats(book)
    sheet = book.add_worksheet("DANHSACH")
    sheet.write_string(0, 0, "DANH SÁCH TÀI KHOẢN CẦN TẠO", fmt.title)
    sheet.write_string(
        1, 0, "Mỗi dòng một tài khoản; Đơn vị ghi mã hoặc tên (xem trang DANHMUC). Nhập từ dòng 4.", fmt.note
    )
    widths = (18, 28, 36, 30, 28)
    for col, (key, width) in enumerate(zip(COLUMNS, widths, strict=True)):
        sheet.write_string(2, col, COLUMNS[key][0], fmt.header)
        sheet.set_column(col, col, width, book.add_format({"num_format": "@"}))
    roles = [label for _, label in Role.choices]
    sheet.data_validation(3, 3, 502, 3, {"validate": "list", "source": f"=DANHMUC!$A$2:$A${len(roles) + 1}"})
    sheet.freeze_panes(3, 0)
    catalogue = book.add_worksheet("DANHMUC")
    for col, text in enumerate(("Vai trò", "Mã đơn vị", "Tên đơn vị")):
        catalogue.write_string(0, col, text, fmt.header)
    for row, label in enumerate(roles, start=1):
        xlsx.write_value(catalogue, row, 0, label, fmt)
    for row, unit in enumerate(selectors.grantable_units(actor), start=1):
        xlsx.write_value(catalogue, row, 1, unit.code, fmt)
        xlsx.write_value(catalogue, row, 2, unit.name, fmt)
    catalogue.set_column(0, 0, 34)
    catalogue.set_column(1, 1, 14)
    catalogue.set_column(2, 2, 60)
    book.close()
    return buffer.getvalue()


def passwords_workbook(created: list[dict[str, str]]) -> bytes:
    """The created accounts with their temporary passwords (every value written as text, never a formula)."""
    book, buffer = xlsx.open_book()
    fmt = xlsx.Formats(book)
    sheet = book.add_worksheet("MATKHAU")
    sheet.write_string(0, 0, "TÀI KHOẢN ĐÃ TẠO VÀ MẬT KHẨU TẠM THỜI", fmt.title)
    sheet.write_string(
        1, 0, "Giao riêng cho từng người; mật khẩu phải đổi ngay lần đăng nhập đầu. Huỷ tệp sau khi giao.", fmt.note
    )
    headers = ("STT", "Tên đăng nhập", "Họ và tên", "Đơn vị", "Vai trò", "Mật khẩu tạm thời")
    for col, text in enumerate(headers):
        sheet.write_string(2, col, text, fmt.header)
    for row, item in enumerate(created, start=3):
        sheet.write_number(row, 0, row - 2, fmt.number)
        for col, key in enumerate(("username", "full_name", "unit", "role", "password"), start=1):
            xlsx.write_value(sheet, row, col, item[key], fmt)
    for col, width in enumerate((6, 18, 28, 40, 30, 18)):
        sheet.set_column(col, col, width)
    book.close()
    return buffer.getvalue()
