"""In-app notifications of review periods and unit reports (a period opened, a report submitted, reports overdue),
sent through core's :func:`notify`."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from thidua.core import vn
from thidua.core.notifications import notify, office_of, officers_of

from .models import ReviewPeriod, UnitReport


def period_opened(*, actor, period: ReviewPeriod) -> None:
    """Tell each reporting unit's officers that the period is open, with the deadline and a link to their report."""
    due = vn.format_date(period.due_on, "short")
    for unit in period.units.all():
        notify(
            recipients=officers_of(unit),
            text=f"Đã mở kỳ báo cáo «{period.name}»: {unit.name} nộp báo cáo trước ngày {due}.",
            link=reverse("unit_report_edit", args=[period.pk, unit.pk]),
            exclude=actor,
        )


def report_submitted(*, actor, report: UnitReport) -> None:
    """Tell the standing office of the period's authority that a unit submitted its report."""
    period = report.period
    notify(
        recipients=office_of(period.authority),
        text=f"{report.unit.name} đã nộp báo cáo «{period.name}».",
        link=reverse("unit_report_detail", args=[report.pk]),
        exclude=actor,
    )


def report_overdue(*, period: ReviewPeriod, unit, due_on: dt.date, today: dt.date) -> int:
    """Remind the unit's officers (and the period's office) that the report is overdue; once a day (keyed by day).
    Returns how many notifications were created."""
    text = f"Báo cáo «{period.name}» của {unit.name} đã quá hạn nộp ({vn.format_date(due_on, 'short')})."
    key = f"report-overdue:{period.pk}:{unit.pk}:{today.isoformat()}"
    link = reverse("unit_report_edit", args=[period.pk, unit.pk])
    created = notify(recipients=officers_of(unit), text=text, link=link, key=key, email=True)
    created += notify(
        recipients=office_of(period.authority),
        text=text,
        link=reverse("period_detail", args=[period.pk]),
        key=key,
        email=True,
    )
    return len(created)


def report_due_soon(*, period: ReviewPeriod, unit, due_on: dt.date, days_left: int, today: dt.date) -> int:
    """Remind the unit's officers that the report is due in ``days_left`` days; once a day."""
    when = "hôm nay là hạn cuối" if days_left == 0 else f"còn {days_left} ngày"
    text = f"Báo cáo «{period.name}» của {unit.name}: hạn {vn.format_date(due_on, 'short')} ({when})."
    key = f"report-due:{period.pk}:{unit.pk}:{today.isoformat()}"
    link = reverse("unit_report_edit", args=[period.pk, unit.pk])
    return len(notify(recipients=officers_of(unit), text=text, link=link, key=key, email=True))
