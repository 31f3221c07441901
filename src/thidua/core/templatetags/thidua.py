"""Template filters and tags for Vietnamese display: dates, numbers, ranks, masked CCCD, audit rows, navigation."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import template
from django.utils import timezone

from thidua.core import vn

register = template.Library()
# Apps above core add their own filters to this library in their AppConfig.ready (org: rank_label, is_general),
# so templates keep one `{% load thidua %}` and core never imports them.

EVENT_LABELS = {
    "unit.create": "Thành lập đơn vị",
    "unit.update": "Sửa thông tin đơn vị",
    "unit.rename": "Đổi tên đơn vị",
    "unit.move": "Chuyển trực thuộc",
    "unit.merge": "Sáp nhập đơn vị",
    "person.create": "Thêm cán bộ",
    "person.update": "Sửa thông tin cán bộ",
    "person.transfer": "Điều động",
    "person.rank": "Thay đổi cấp bậc",
    "person.position_add": "Bổ nhiệm chức vụ",
    "person.position_end": "Thôi giữ chức vụ",
    "person.service_add": "Thêm thời gian phục vụ",
    "group.create": "Thành lập khối/cụm",
    "group.update": "Sửa khối/cụm",
    "group.members": "Cập nhật thành viên khối",
    "group.leader": "Phân công khối trưởng/khối phó",
    "group.handover": "Bàn giao khối trưởng",
    "token.create": "Tạo mã truy cập API",
    "token.revoke": "Thu hồi mã truy cập API",
}

FIELD_LABELS = {
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "kind": "Loại",
    "code": "Mã",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "successor": "Đơn vị kế thừa",
    "successor_id": "Đơn vị kế thừa",
    "parent": "Đơn vị cấp trên",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "date_of_birth": "Ngày sinh",
    "cccd": "Số CCCD",
    "category": "Đối tượng",
    "rank": "Cấp bậc",
    "unit": "Đơn vị",
    "unit_id": "Đơn vị",
    "party_joined_on": "Ngày vào Đảng",
    "hometown": "Quê quán",
    "version": "Phiên bản",
    "title": "Chức vụ",
    "start_on": "Từ ngày",
    "end_on": "Đến ngày",
    "occurred_on": "Ngày",
    "effective_on": "Từ ngày",
    "decision_ref": "Căn cứ",
    "ref": "Căn cứ",
    "on": "Từ ngày",
    "members": "Thành viên",
    "leader": "Khối trưởng",
    "place": "Địa điểm",
    "year": "Năm",
    "note": "Ghi chú",
    "hint": "Mã (4 ký tự cuối)",
    "expires_at": "Hết hạn",
    "revoked_at": "Thu hồi lúc",
}


def _local_date(value) -> dt.date | None:
    """The calendar day of a value in Asia/Ho_Chi_Minh: an aware datetime is converted first (03:14 on 08/12 in
    Hanoi is 20:14 on 07/12 in UTC, and must read 08/12)."""
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


@register.filter
def vn_date(value: dt.date | None) -> str:
    """ "ngày 07 tháng 6 năm 2018"."""
    value = _local_date(value)
    return vn.format_date(value, "long") if value else ""


@register.filter
def vn_short_date(value: dt.date | None) -> str:
    """ "07/06/2018"."""
    value = _local_date(value)
    return vn.format_date(value, "short") if value else ""


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    """ "03:14 08/12/2026", in Asia/Ho_Chi_Minh."""
    if not value:
        return ""
    return vn.format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


@register.filter
def vn_number(value, decimals: int = 0) -> str:
    """ "1.234" (dots for thousands, comma for decimals)."""
    if value in (None, ""):
        return ""
    return vn.format_number(value, int(decimals))


@register.filter
def vn_percent(value, decimals: int = 1) -> str:
    """ "99,1%"."""
    if value in (None, ""):
        return ""
    return vn.format_percent(value, int(decimals))


@register.filter
def cccd_mask(value: str | None) -> str:
    """A CCCD with every digit hidden except the last four: "••••••••0123"."""
    if not value:
        return ""
    return "•" * max(0, len(value) - 4) + value[-4:]


@register.filter
def event_label(event_type: str) -> str:
    """Vietnamese name of an audit event type (the code itself when unknown)."""
    return EVENT_LABELS.get(event_type, event_type)


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return vn.format_date(dt.date.fromisoformat(value), "short")
        except ValueError:
            return value
    return str(value)


@register.filter
def audit_rows(event) -> list[tuple[str, str, str]]:
    """(field, before, after) rows of an audit event's data, as plain text (the template escapes it)."""
    data = event.data or {}
    before = data.get("before") or {}
    after = data.get("after") or {}
    extra = data.get("extra") or {}
    rows = []
    for key in list(dict.fromkeys([*before, *after])):
        rows.append((FIELD_LABELS.get(key, key), _text(before.get(key)), _text(after.get(key))))
    for key, value in extra.items():
        rows.append((FIELD_LABELS.get(key, key), "", _text(value)))
    return rows


@register.filter
def tree_indent(depth: int) -> str:
    """Em spaces to indent a unit of ``depth`` in a select list (depth 1 is not indented)."""
    return "\u2003" * max(0, int(depth or 1) - 1)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def nav_active(context, *prefixes: str) -> str:
    """ "active" when the current URL name starts with one of ``prefixes`` (for the navbar) and with none of the
    prefixes written with a leading ``-`` (``'unit' '-unit_report'``: unit pages, but not the unit reports of the
    review-period section)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "url_name", "") or ""
    excluded = [p[1:] for p in prefixes if p.startswith("-")]
    wanted = [p for p in prefixes if not p.startswith("-")]
    if any(name.startswith(p) for p in excluded):
        return ""
    return "active" if any(name.startswith(p) for p in wanted) else ""
