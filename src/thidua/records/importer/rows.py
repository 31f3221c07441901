"""One data row of the import: its cells read and checked, every error of the row collected (control characters
included), before anything is looked up."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from thidua.core import vn

from ..choices import AchievementKind, Level, Rating
from .upload import _header_key

LEVEL_WORDS = {
    "co so": Level.BASE,
    "cap co so": Level.BASE,
    "toan quan": Level.ARMY,
    "cap bo": Level.ARMY,
    "cap toan quan": Level.ARMY,
    "bo quoc phong": Level.ARMY,
    "toan quoc": Level.NATION,
    "cap toan quoc": Level.NATION,
    "nha nuoc": Level.NATION,
}


class RowError(Exception):
    """One error of one row, optionally tied to a column."""

    def __init__(self, message: str, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column


class RowErrors(Exception):
    """Every error found in one row's cells (a row reports them all, not only the first)."""

    def __init__(self, errors: list[RowError], row: dict[str, Any]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors
        self.row = row  # what could be read, for the look-ups that do not depend on a broken cell


# Columns whose cells may hold a tab or a line break (Alt+Enter in Excel); anywhere else they are refused too.
MULTILINE_COLUMNS = frozenset({"achievement", "decision_ref", "issuer"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_OR_LINE = re.compile(r"[\x00-\x1f\x7f]")


def import_control_characters(value: Any, *, multiline: bool = False) -> list[str]:
    """The control characters (U+0000–U+001F, U+007F) in a cell as ``U+XXXX`` codes, in order and without repeats;
    a tab or a line break is allowed in a ``multiline`` column. Empty when the cell is clean (or not text)."""
    if not isinstance(value, str):
        return []
    pattern = _CONTROL if multiline else _CONTROL_OR_LINE
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in pattern.findall(value)))


# --- cells ---------------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vn.nfc(str(value)).strip()


def _year(value: Any) -> int:
    text = _text(value)
    if not re.fullmatch(r"[0-9]{4}", text):
        raise RowError(f"Năm không hợp lệ: {text or '(trống)'}", "year")
    return int(text)


def _date(value: Any, column: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return vn.parse_date(_text(value))
    except ValueError as exc:
        raise RowError(str(exc), column) from None


def _cccd(value: Any) -> str:
    text = re.sub(r"\s", "", _text(value))
    if text.isdigit() and len(text) < 12:
        text = text.zfill(12)  # a CCCD typed into a number cell lost its leading zeros
    if text and not vn.is_valid_cccd(text):
        raise RowError(f"Số CCCD không hợp lệ: {text}", "cccd")
    return text


def _choice(value: Any, choices, column: str, extra: dict[str, str] | None = None) -> str:
    text = _text(value)
    key = _header_key(text)
    lookup = {_header_key(label): code for code, label in choices}
    lookup.update({_header_key(code): code for code, _ in choices})
    lookup.update(extra or {})
    if key not in lookup:
        raise RowError(f"Giá trị không hợp lệ: {text}", column)
    return lookup[key]


def _clean_cells(header: dict[int, str], cells: list[Any], errors: list[RowError]) -> dict[str, Any]:
    """The row's cells by column key; a cell with control characters is an error, and is read without them."""
    raw: dict[str, Any] = {}
    for i, key in header.items():
        value = cells[i] if i < len(cells) else None
        found = import_control_characters(value, multiline=key in MULTILINE_COLUMNS)
        if found:
            errors.append(RowError(f"có ký tự điều khiển không được phép ({', '.join(found)}); hãy gõ lại ô này", key))
            value = _CONTROL_OR_LINE.sub(" ", value)
        raw[key] = value
    return raw


def _parse(header: dict[int, str], cells: list[Any]) -> dict[str, Any]:
    """One data row, checked cell by cell; raises :class:`RowErrors` with every error of the row."""
    errors: list[RowError] = []
    raw = _clean_cells(header, cells, errors)

    def cell(parse: Callable, *args) -> Any:
        try:
            return parse(*args)
        except RowError as exc:
            errors.append(exc)
            return None

    row: dict[str, Any] = {"full_name": _text(raw.get("full_name")), "unit": _text(raw.get("unit"))}
    if not row["full_name"]:
        errors.append(RowError("Chưa nhập họ và tên", "full_name"))
    row["date_of_birth"] = cell(_date, raw.get("date_of_birth"), "date_of_birth")
    row["cccd"] = cell(_cccd, raw.get("cccd"))
    row["year"] = cell(_year, raw.get("year"))
    row["rating"] = cell(_choice, raw.get("rating"), Rating.choices, "rating") if _text(raw.get("rating")) else ""
    row["award"] = _text(raw.get("award"))
    row["decided_on"] = cell(_date, raw.get("decided_on"), "decided_on")
    row["decision_ref"] = _text(raw.get("decision_ref"))
    row["issuer"] = _text(raw.get("issuer"))
    row["achievement"] = _text(raw.get("achievement"))
    kind = raw.get("achievement_kind")
    row["achievement_kind"] = (
        cell(_choice, kind, AchievementKind.choices, "achievement_kind", {"de tai": "de_tai"})
        if _text(kind)
        else AchievementKind.INITIATIVE
    )
    level = _text(raw.get("level"))
    row["level"] = cell(_choice, level, Level.choices, "level", LEVEL_WORDS) if level else ""
    if not (row["rating"] or row["award"] or row["achievement"] or _text(raw.get("rating"))):
        errors.append(
            RowError("không có mức độ hoàn thành nhiệm vụ, danh hiệu/hình thức hay sáng kiến/đề tài nào để nhập")
        )
    if row["level"] and not row["achievement"]:
        errors.append(RowError("có Cấp công nhận nhưng chưa có tên sáng kiến/đề tài", "achievement"))
    if errors:
        raise RowErrors(errors, row)
    return row


NOTHING_TO_IMPORT = "không có mức độ hoàn thành nhiệm vụ, danh hiệu/hình thức hay sáng kiến/đề tài nào để nhập"
