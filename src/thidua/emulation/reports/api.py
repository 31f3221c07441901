"""REST endpoints of review periods and unit reports: periods and their submission board, indicator templates, a
unit's report (read, save as draft or submit), and the due-soon reminders of the caller's units.

The period is looked up in the caller's view scope (404 outside it); a write on a visible period the caller may not
report for is a 403; each write calls one service, whose ValidationError becomes a 422 with messages by field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from thidua.core.choices import Action
from thidua.core.scoping import in_scope
from thidua.org.schemas import ErrorOut

from . import selectors, services
from .models import ReviewPeriod, UnitReport

router = Router(tags=["Sơ kết, tổng kết"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class IndicatorOut(Schema):
    """A typed indicator of a template."""

    id: int
    code: str
    label: str
    kind: str
    unit_label: str
    required: bool


class TemplateOut(Schema):
    """An indicator template of a work area."""

    id: int
    name: str
    work_area: str
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())


class PeriodOut(Schema):
    """A review period."""

    id: int
    name: str
    kind: str
    year: int
    authority_id: int
    group_id: int | None
    previous_id: int | None
    opens_on: dt.date
    due_on: dt.date
    remind_days: int
    status: str
    version: int


class BoardRowOut(Schema):
    """One reporting unit's state in a period."""

    unit_id: int
    unit_name: str
    due_on: dt.date
    state: str
    report_id: int | None
    submitted_at: dt.datetime | None


class PeriodDetailOut(PeriodOut):
    """A period with its indicators and its submission board."""

    indicators: list[IndicatorOut]
    units: list[BoardRowOut]


class ValueOut(Schema):
    """One figure of a report."""

    indicator_id: int
    number: Decimal | None
    text: str
    flag: bool | None


class ReportOut(Schema):
    """A unit's report for a period."""

    id: int
    period_id: int
    unit_id: int
    status: str
    narrative: str
    submitted_at: dt.datetime | None
    version: int
    values: list[ValueOut]

    @staticmethod
    def resolve_values(obj) -> list:
        return list(obj.values.all())


class ReportIn(Schema):
    """A report to save: figures by indicator id (or code), the narrative, and whether to submit it now."""

    values: dict[str, Any] = {}
    narrative: str | None = None
    submit: bool = False
    version: int | None = None


class ReminderOut(Schema):
    """A report due soon."""

    period_id: int
    period_name: str
    unit_id: int
    unit_name: str
    due_on: dt.date
    days_left: int


def _period(request, period_id: int) -> ReviewPeriod:
    return get_object_or_404(ReviewPeriod.objects.visible_to(request.auth, Action.VIEW), pk=period_id)


@router.get("/indicator-templates", response=list[TemplateOut], summary="Mẫu chỉ tiêu báo cáo")
def template_list(request):
    """Every indicator template with its typed indicators."""
    return list(selectors.template_list())


@router.get("/periods", response=list[PeriodOut], summary="Kỳ sơ kết, tổng kết")
def period_list(request):
    """The review periods visible to the caller, newest first."""
    return list(selectors.period_list(request.auth)[:500])


@router.get("/periods/{period_id}", response={200: PeriodDetailOut, **READ_ERRORS}, summary="Một kỳ báo cáo")
def period_detail(request, period_id: int):
    """A period with its indicators and the state of each reporting unit (nop, nhap, chua, tre)."""
    period = _period(request, period_id)
    today = timezone.localdate()
    board = [
        {
            "unit_id": row.unit.pk,
            "unit_name": row.unit.name,
            "due_on": row.due_on,
            "state": row.state(today),
            "report_id": row.report.pk if row.report else None,
            "submitted_at": row.report.submitted_at if row.report else None,
        }
        for row in selectors.period_board(period)
    ]
    data = PeriodOut.from_orm(period).dict()
    return {**data, "indicators": selectors.period_indicators(period), "units": board}


@router.get(
    "/periods/{period_id}/reports/{unit_id}", response={200: ReportOut, **READ_ERRORS}, summary="Báo cáo của đơn vị"
)
def report_detail(request, period_id: int, unit_id: int):
    """A unit's report for the period (404 when the unit has none or it is out of the caller's scope)."""
    period = _period(request, period_id)
    return get_object_or_404(
        UnitReport.objects.visible_to(request.auth, Action.VIEW).prefetch_related("values"),
        period=period,
        unit_id=unit_id,
    )


@router.put(
    "/periods/{period_id}/reports/{unit_id}", response={200: ReportOut, **WRITE_ERRORS}, summary="Lưu, nộp báo cáo"
)
def report_save(request, period_id: int, unit_id: int, payload: ReportIn):
    """Save the unit's report as a draft, or submit it (``submit: true``); refused after the deadline."""
    period = _period(request, period_id)
    unit = get_object_or_404(period.units.all(), pk=unit_id)
    if not in_scope(request.auth, unit.pk, Action.VIEW):
        raise HttpError(404, "Không tìm thấy.")
    if not in_scope(request.auth, unit.pk, Action.CHANGE):
        raise HttpError(403, "Bạn không có quyền báo cáo cho đơn vị này.")
    report = services.report_save(
        actor=request.auth,
        period=period,
        unit=unit,
        values=payload.values,
        narrative=payload.narrative,
        submit=payload.submit,
        expected_version=payload.version,
    )
    return UnitReport.objects.prefetch_related("values").get(pk=report.pk)


@router.get("/report-reminders", response=list[ReminderOut], summary="Báo cáo sắp đến hạn")
def reminders(request):
    """Reports of the caller's units due within their period's reminder window."""
    return [
        {
            "period_id": r.period.pk,
            "period_name": r.period.name,
            "unit_id": r.unit.pk,
            "unit_name": r.unit.name,
            "due_on": r.due_on,
            "days_left": r.days_left,
        }
        for r in selectors.reminders_for(request.auth)
    ]
