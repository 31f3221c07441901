"""Policies of review periods and unit reports: pure functions of (user, object) -> bool."""

from __future__ import annotations

from thidua.core.choices import Action
from thidua.core.scoping import in_scope

from .choices import PeriodStatus, ReportStatus


def can_manage_period(user, period) -> bool:
    """Open, extend and close a period: change scope on the period's authority."""
    return in_scope(user, period.authority_id, Action.CHANGE)


def can_draft_central_report(user, period) -> bool:
    """Draft the central report: the authority's office, or an officer of the block's current leading unit."""
    if can_manage_period(user, period):
        return True
    from .selectors import period_leader_unit_ids

    return any(in_scope(user, unit_id, Action.CHANGE) for unit_id in period_leader_unit_ids(period))


def can_edit_report(user, period, unit, report=None) -> bool:
    """Write the unit's report: change scope on the unit, the period still open and the report not yet submitted."""
    if period.status == PeriodStatus.CLOSED:
        return False
    if report is not None and report.status == ReportStatus.SUBMITTED:
        return False
    return in_scope(user, unit.pk, Action.CHANGE)
