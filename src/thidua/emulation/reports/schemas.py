"""Schemas of the review-period and unit-report API (:mod:`.api`): what goes in and out, and the error responses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from thidua.core.schemas import InputSchema
from thidua.org.schemas import ErrorOut

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
    unit_label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
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


class ReportIn(InputSchema):
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
    unit_label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
    due_on: dt.date
    days_left: int
