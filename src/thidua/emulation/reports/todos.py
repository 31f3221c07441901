""" "Việc cần làm" of review periods: reports overdue and due soon — per period, with the units named, for the office
that manages the period; per unit report for the unit's officers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.urls import reverse

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.dashboard import Todo
from thidua.core.scoping import scope_unit_ids

from .selectors import managed_periods, outstanding_reports


def _period_todos(reminders) -> list[Todo]:
    """One line per (period, overdue or due soon) naming the units, for the office managing the period."""
    groups = defaultdict(list)
    for r in reminders:
        groups[(r.period, r.overdue)].append(r)
    items = []
    for (period, overdue), rows in groups.items():
        names = ", ".join(r.unit.label for r in rows)
        if overdue:
            text = f"{len(rows)} đơn vị quá hạn nộp báo cáo — {period.name}"
        else:
            due = vn.format_date(min(r.due_on for r in rows), "short")
            text = f"{len(rows)} đơn vị chưa nộp báo cáo, hạn {due} — {period.name}"
        link = reverse("period_detail", args=[period.pk])
        items.append(Todo(text, link, names, "danger" if overdue else "warning", "bi-clipboard-data"))
    return items


def _unit_todo(r) -> Todo:
    """One unit's report to write."""
    due = vn.format_date(r.due_on, "short")
    if r.overdue:
        text = f"Báo cáo {r.period.name} của {r.unit.label} đã quá hạn ({due})"
    elif r.days_left == 0:
        text = f"Báo cáo {r.period.name} của {r.unit.label}: hôm nay là hạn cuối"
    else:
        text = f"Báo cáo {r.period.name} của {r.unit.label}: hạn {due} (còn {r.days_left} ngày)"
    link = reverse("unit_report_edit", args=[r.period.pk, r.unit.pk])
    return Todo(text, link, "", "danger" if r.overdue else "warning", "bi-clipboard-data")


def report_todos(user, today: dt.date) -> list[Todo]:
    """Overdue and due-soon reports the user should chase (periods they manage) or write (their units)."""
    ids = scope_unit_ids(user, Action.CHANGE)
    if ids is not None and not ids:
        return []
    managed = managed_periods(user)
    items = _period_todos(outstanding_reports(today, periods=managed)) if managed else []
    managed_ids = {p.pk for p in managed}
    own = [r for r in outstanding_reports(today, unit_ids=ids) if r.period.pk not in managed_ids]
    return items + [_unit_todo(r) for r in own]
