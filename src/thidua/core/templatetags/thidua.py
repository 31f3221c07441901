"""Template filters and tags for Vietnamese display: dates, numbers, ranks, masked CCCD, audit rows, navigation."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from thidua.core import audit_display, vn

register = template.Library()
# Apps above core add their own filters to this library in their AppConfig.ready (org: rank_label, is_general),
# so templates keep one `{% load thidua %}` and core never imports them.


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
    """Vietnamese name of an audit event type (the code itself when unknown), from :mod:`thidua.core.audit`."""
    return audit_display.event_label(event_type)


@register.filter
def audit_rows(event) -> list[tuple[str, str, str]]:
    """(field, before, after) rows of an audit event's data, as the interface shows them (plain text: the
    template escapes it)."""
    return audit_display.rows(event)


@register.filter
def audit_comment(event) -> str:
    """The comment typed with an approve / send / freeze action, if any."""
    return audit_display.comment(event)


@register.filter
def audit_url(event) -> str:
    """The page of the event's object ("" when none)."""
    return audit_display.target_url(event)


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
