"""REST endpoints of review periods and unit reports: periods and their submission board, indicator templates, a
unit's report (read, save as draft or submit), and the due-soon reminders of the caller's units.

The period is looked up in the caller's view scope (404 outside it); a write on a visible period the caller may not
report for is a 403; each write calls one service, whose ValidationError becomes a 422 with messages by field.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from thidua.core.choices import Action
from thidua.core.schemas import Id
from thidua.core.scoping import in_scope
from thidua.org.labels import unit_label

from . import selectors, services
from .models import ReviewPeriod, UnitReport
from .schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    PeriodDetailOut,
    PeriodOut,
    ReminderOut,
    ReportIn,
    ReportOut,
    TemplateOut,
)

router = Router(tags=["Sơ kết, tổng kết"])


def _period(request, period_id: Id) -> ReviewPeriod:
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
def period_detail(request, period_id: Id):
    """A period with its indicators and the state of each reporting unit (nop, nhap, chua, tre)."""
    period = _period(request, period_id)
    today = timezone.localdate()
    board = [
        {
            "unit_id": row.unit.pk,
            "unit_name": row.unit.name,
            "unit_label": unit_label(row.unit),
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
def report_detail(request, period_id: Id, unit_id: Id):
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
def report_save(request, period_id: Id, unit_id: Id, payload: ReportIn):
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
            "unit_label": unit_label(r.unit),
            "due_on": r.due_on,
            "days_left": r.days_left,
        }
        for r in selectors.reminders_for(request.auth)
    ]
