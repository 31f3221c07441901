"""Reads of review periods and unit reports: the period's submission board, reminders, and the central report's data.

:func:`central_report_data` is the one place the figures of the báo cáo trung tâm are computed; it runs a fixed
number of queries whatever the number of units and indicators (the benchmark in ``bench/central_report.py`` times
it against a query-per-value baseline).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.core.choices import Action
from thidua.core.scoping import ALL, scope_unit_ids
from thidua.org.models import GroupLeadership, OrgUnit

from .choices import IndicatorKind, PeriodStatus, ReportStatus
from .models import Indicator, IndicatorTemplate, PeriodExtension, ReportValue, ReviewPeriod, UnitReport


def effective_due(period: ReviewPeriod, unit_id: int, extensions: dict[int, dt.date] | None = None) -> dt.date:
    """The unit's deadline: its extension if one was granted, else the period's."""
    if extensions is None:
        ext = period.extensions.filter(unit_id=unit_id).values_list("due_on", flat=True).first()
        return ext or period.due_on
    return extensions.get(unit_id, period.due_on)


def period_list(user):
    """Periods visible to the user, newest first, with their authority and block."""
    return (
        ReviewPeriod.objects.visible_to(user, Action.VIEW)
        .select_related("authority", "group")
        .order_by("-year", "-due_on", "-pk")
    )


def template_list():
    """Every indicator template with its indicators (a catalogue, the same for everyone)."""
    return IndicatorTemplate.objects.prefetch_related("indicators")


def period_indicators(period: ReviewPeriod) -> list[Indicator]:
    """The period's indicators, template by template, in their order."""
    return list(
        Indicator.objects.filter(template__periods=period)
        .select_related("template")
        .order_by("template__work_area", "template__name", "order", "pk")
    )


@dataclass
class UnitStatus:
    """One reporting unit's line on the period page."""

    unit: OrgUnit
    report: UnitReport | None
    due_on: dt.date
    extension_reason: str = ""

    @property
    def submitted(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.SUBMITTED

    def state(self, today: dt.date) -> str:
        """ "nop" (submitted), "tre" (late: deadline passed), "nhap" (draft), "chua" (nothing yet)."""
        if self.submitted:
            return "nop"
        if today > self.due_on:
            return "tre"
        return "nhap" if self.report is not None else "chua"


def period_board(period: ReviewPeriod) -> list[UnitStatus]:
    """Every reporting unit with its report (if any) and its deadline (extensions included), in tree order."""
    reports = {r.unit_id: r for r in UnitReport.objects.filter(period=period)}
    extensions = {e.unit_id: e for e in period.extensions.all()}
    rows = []
    for unit in period.units.order_by("path"):
        ext = extensions.get(unit.pk)
        rows.append(
            UnitStatus(
                unit=unit,
                report=reports.get(unit.pk),
                due_on=ext.due_on if ext else period.due_on,
                extension_reason=ext.reason if ext else "",
            )
        )
    return rows


# The states of a unit on the period's submission list, in the order the list sorts them.
SUBMISSION_STATES = {"nop": "Đã nộp", "nhap": "Đang soạn", "chua": "Chưa nộp", "tre": "Quá hạn, chưa nộp"}


def period_submissions(period: ReviewPeriod, today: dt.date | None = None):
    """The period's reporting units as one queryset (so it filters, sorts and pages in SQL), each annotated with its
    report (``report_id``, ``report_status``, ``submitted_at``), its deadline (``due_on``, an extension's if granted,
    and ``extension_reason``), its ``state`` on ``today`` ("nop", "nhap", "chua", "tre" as :meth:`UnitStatus.state`)
    and ``late``: submitted after its deadline. Tree order."""
    today = today or timezone.localdate()
    report = UnitReport.objects.filter(period=period, unit=OuterRef("pk"))
    extension = PeriodExtension.objects.filter(period=period, unit=OuterRef("pk"))
    return (
        period.units.annotate(
            report_id=Subquery(report.values("pk")[:1]),
            report_status=Subquery(report.values("status")[:1]),
            submitted_at=Subquery(report.values("submitted_at")[:1]),
            due_on=Coalesce(Subquery(extension.values("due_on")[:1]), Value(period.due_on)),
            extension_reason=Coalesce(Subquery(extension.values("reason")[:1]), Value(""), output_field=CharField()),
        )
        .annotate(
            state=Case(
                When(report_status=ReportStatus.SUBMITTED, then=Value("nop")),
                When(due_on__lt=today, then=Value("tre")),
                When(report_id__isnull=False, then=Value("nhap")),
                default=Value("chua"),
                output_field=CharField(),
            ),
            late=Case(
                When(report_status=ReportStatus.SUBMITTED, submitted_at__date__gt=F("due_on"), then=Value(True)),
                default=Value(False),
            ),
        )
        .order_by("path")
    )


def submission_counts(submissions) -> dict[str, int]:
    """How many units are in each state, and in all (``total``), over a :func:`period_submissions` queryset: one
    query."""
    return submissions.order_by().aggregate(
        total=Count("pk"), **{state: Count("pk", filter=Q(state=state)) for state in SUBMISSION_STATES}
    )


def unit_report_list(user):
    """The unit reports the user can see, across periods (newest deadline first, then in tree order), each with its
    unit's deadline ``due_on`` (an extension's if granted) and ``late``: submitted after it."""
    extension = PeriodExtension.objects.filter(period=OuterRef("period_id"), unit=OuterRef("unit_id"))
    return (
        UnitReport.objects.visible_to(user, Action.VIEW)
        .select_related("period", "unit")
        .annotate(due_on=Coalesce(Subquery(extension.values("due_on")[:1]), F("period__due_on")))
        .annotate(
            late=Case(
                When(status=ReportStatus.SUBMITTED, submitted_at__date__gt=F("due_on"), then=Value(True)),
                default=Value(False),
            )
        )
        .order_by("-period__due_on", "-period_id", "unit__path")
    )


def report_values(report: UnitReport) -> list[tuple[Indicator, ReportValue | None]]:
    """Each indicator of the report's period with its value (None when not filled)."""
    values = {v.indicator_id: v for v in report.values.all()}
    return [(ind, values.get(ind.pk)) for ind in period_indicators(report.period)]


@dataclass(frozen=True)
class Reminder:
    """A unit that has not submitted its report, ``days_left`` days before its deadline (negative: overdue)."""

    unit: OrgUnit
    period: ReviewPeriod
    due_on: dt.date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def outstanding_reports(today: dt.date | None = None, *, unit_ids=ALL, periods=None) -> list[Reminder]:
    """Reports not yet submitted in the open periods (opened by ``today``): those overdue and those due within the
    period's ``remind_days``, ordered by deadline. ``unit_ids`` limits the units (a user's change scope),
    ``periods`` the periods (those a user manages); ``ALL`` (None) for every unit / period. Four queries."""
    today = today or timezone.localdate()
    if unit_ids is not ALL and not unit_ids:
        return []
    query = ReviewPeriod.objects.filter(status=PeriodStatus.OPEN, opens_on__lte=today)
    if periods is not None:
        query = query.filter(pk__in=[p.pk for p in periods])
    periods = list(query.select_related("authority").prefetch_related("extensions"))
    if not periods:
        return []
    through = ReviewPeriod.units.through.objects.filter(reviewperiod__in=periods)
    if unit_ids is not ALL:
        through = through.filter(orgunit_id__in=unit_ids)
    pairs = list(through.values_list("reviewperiod_id", "orgunit_id"))
    submitted = set(
        UnitReport.objects.filter(period__in=periods, status=ReportStatus.SUBMITTED).values_list("period_id", "unit_id")
    )
    units = OrgUnit.objects.in_bulk({unit_id for _, unit_id in pairs})
    by_id = {p.pk: p for p in periods}
    reminders = []
    for period_id, unit_id in pairs:
        if (period_id, unit_id) in submitted:
            continue
        period = by_id[period_id]
        due = effective_due(period, unit_id, {e.unit_id: e.due_on for e in period.extensions.all()})
        days_left = (due - today).days
        if days_left <= period.remind_days:
            reminders.append(Reminder(unit=units[unit_id], period=period, due_on=due, days_left=days_left))
    reminders.sort(key=lambda r: (r.due_on, r.period.pk, r.unit.path))
    return reminders


def due_reminders(today: dt.date | None = None, *, unit_ids=ALL) -> list[Reminder]:
    """Reports due within each open period's ``remind_days`` (deadline not passed) and not yet submitted.

    ``unit_ids`` limits the result to some units (a user's change scope); ``ALL`` (None) for every unit.
    """
    return [r for r in outstanding_reports(today, unit_ids=unit_ids) if not r.overdue]


def managed_periods(user) -> list[ReviewPeriod]:
    """The open periods whose authority the user may change (the standing office that opened them)."""
    ids = scope_unit_ids(user, Action.CHANGE)
    query = ReviewPeriod.objects.filter(status=PeriodStatus.OPEN)
    if ids is not ALL:
        query = query.filter(authority_id__in=ids)
    return list(query.only("pk"))


def reminders_for(user, today: dt.date | None = None) -> list[Reminder]:
    """The reminders of the units the user may report for (their change scope)."""
    ids = scope_unit_ids(user, Action.CHANGE)
    return due_reminders(today, unit_ids=ids)


def period_leader_unit_ids(period: ReviewPeriod, on: dt.date | None = None) -> set[int]:
    """The units leading the period's block (khối trưởng, khối phó) on ``on``."""
    if period.group_id is None:
        return set()
    on = on or timezone.localdate()
    rows = GroupLeadership.objects.filter(group_id=period.group_id, start_on__lte=on).exclude(end_on__lt=on)
    return set(rows.values_list("unit_id", flat=True))


# --- the central report ---------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One value of one unit's report, with the report it comes from."""

    value: Decimal | str | bool | None
    report_id: int


@dataclass
class Total:
    """One indicator across units: sum (counts), mean (percentages), number of "Có" (yes/no); and last period's."""

    indicator: Indicator
    value: Decimal | None
    previous: Decimal | None
    units: int
    sources: list[int] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class UnitSection:
    """A member unit's part of the central report."""

    unit: OrgUnit
    report: UnitReport
    figures: dict[int, Figure]
    previous: dict[int, Decimal | bool | str | None]


@dataclass
class CentralReport:
    """Everything the báo cáo trung tâm shows, computed in a fixed number of queries."""

    period: ReviewPeriod
    indicators: list[Indicator]
    sections: list[UnitSection]
    totals: list[Total]
    missing: list[OrgUnit]
    leaders: list[OrgUnit]


def _aggregate(kind: str, values: list) -> Decimal | None:
    """The block figure of an indicator from the units' values."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    if kind == IndicatorKind.COUNT:
        return sum(values, Decimal(0))
    if kind == IndicatorKind.PERCENT:
        return sum(values, Decimal(0)) / len(values)
    if kind == IndicatorKind.YES_NO:
        return Decimal(sum(1 for v in values if v))
    return None


def _raw(kind: str, row: dict):
    if kind in (IndicatorKind.COUNT, IndicatorKind.PERCENT):
        return row["number"]
    if kind == IndicatorKind.YES_NO:
        return row["flag"]
    return row["text"]


def _submitted_values(period_id: int) -> tuple[dict[int, UnitReport], dict[int, dict[int, dict]]]:
    """Submitted reports of a period by unit id, and their values by unit id then indicator id (two queries)."""
    reports = {
        r.unit_id: r
        for r in UnitReport.objects.filter(period_id=period_id, status=ReportStatus.SUBMITTED).select_related("unit")
    }
    rows: dict[int, dict[int, dict]] = defaultdict(dict)
    values = ReportValue.objects.filter(report__period_id=period_id, report__status=ReportStatus.SUBMITTED).values(
        "report__unit_id", "report_id", "indicator_id", "number", "text", "flag"
    )
    for row in values:
        rows[row["report__unit_id"]][row["indicator_id"]] = row
    return reports, rows


def central_report_data(period: ReviewPeriod) -> CentralReport:
    """The central report of ``period`` from its SUBMITTED unit reports, compared with ``period.previous``."""
    period = (
        ReviewPeriod.objects.select_related("authority", "group", "previous")
        .prefetch_related(Prefetch("units", queryset=OrgUnit.objects.order_by("path")))
        .get(pk=period.pk)
    )
    indicators = period_indicators(period)
    kinds = {ind.pk: ind.kind for ind in indicators}
    reports, rows = _submitted_values(period.pk)
    prev_rows: dict[int, dict[int, dict]] = {}
    if period.previous_id:
        _, prev_rows = _submitted_values(period.previous_id)

    sections, missing = [], []
    for unit in period.units.all():
        report = reports.get(unit.pk)
        if report is None:
            missing.append(unit)
            continue
        unit_rows = rows.get(unit.pk, {})
        figures = {
            pk: Figure(value=_raw(kinds[pk], row), report_id=row["report_id"])
            for pk, row in unit_rows.items()
            if pk in kinds
        }
        prev_unit = prev_rows.get(unit.pk, {})
        previous = {pk: _raw(kinds[pk], row) for pk, row in prev_unit.items() if pk in kinds}
        sections.append(UnitSection(unit=unit, report=report, figures=figures, previous=previous))

    totals = []
    for ind in indicators:
        if ind.kind == IndicatorKind.TEXT:
            continue
        current = [s.figures[ind.pk] for s in sections if ind.pk in s.figures and s.figures[ind.pk].value is not None]
        prev_values = [_raw(ind.kind, r[ind.pk]) for r in prev_rows.values() if ind.pk in r]
        totals.append(
            Total(
                indicator=ind,
                value=_aggregate(ind.kind, [f.value for f in current]),
                previous=_aggregate(ind.kind, prev_values) if period.previous_id else None,
                units=len(current),
                sources=[f.report_id for f in current],
            )
        )
    leaders = []
    leader_ids = period_leader_unit_ids(period, period.due_on)
    if leader_ids:
        leaders = list(OrgUnit.objects.filter(pk__in=leader_ids).order_by("path"))
    return CentralReport(
        period=period, indicators=indicators, sections=sections, totals=totals, missing=missing, leaders=leaders
    )
