"""Schemas of the eligibility API (:mod:`.api`): stored results, live verdicts, runs and jobs, and the error
response."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.core.schemas import ErrorOut as ErrorOut
from thidua.core.schemas import InputSchema, Year

OutcomeCode = Literal["du", "sap_du", "chua_du"]


class ReasonOut(Schema):
    """One line of a verdict's reasons: the text, the legal citation, whether it is met."""

    text: str
    citation: str = ""
    met: bool | None = None


class RunOut(Schema):
    """An eligibility run: its year, unit, status, times, the rule versions it used and the hash of its inputs."""

    id: int
    year: int
    unit_id: int | None
    status: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    rule_versions: dict
    inputs_hash: str


class EligibilityItemOut(Schema):
    """One stored result of a run: the subject (person or unit), the award, the outcome and its reasons."""

    id: int
    subject_type: Literal["person", "unit"]
    person_id: int | None
    person_name: str | None
    unit_id: int
    unit_name: str
    unit_label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
    award: str
    award_name: str
    outcome: OutcomeCode
    soon_on: dt.date | None
    reasons: list[ReasonOut]


class EligibilityPageOut(Schema):
    """A page of a unit's results for a year, with the run they come from."""

    year: int
    unit: int
    run: RunOut | None
    count: int
    page: int
    pages: int
    items: list[EligibilityItemOut]


class VerdictOut(Schema):
    """A person's live verdict on one award (``error`` when the rule could not be judged)."""

    award: str
    award_name: str
    outcome: OutcomeCode | None
    soon_on: dt.date | None
    reasons: list[ReasonOut]
    error: str = ""


class PersonEligibilityOut(Schema):
    """A person's live verdicts for a year."""

    person_id: int
    year: int
    verdicts: list[VerdictOut]


class RunStartIn(InputSchema):
    """Start a run: the year and the unit."""

    year: Year
    unit: int


class JobOut(Schema):
    """A background job: kind, title, status, progress, result, log and times."""

    id: int
    kind: str
    title: str
    status: str
    progress: int
    total: int
    percent: int
    unit_id: int | None
    result: dict
    log: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
