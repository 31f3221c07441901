"""Schemas of the block-scoring API (:mod:`.api`): what goes in and out, and the error responses."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema

from thidua.core.schemas import InputSchema
from thidua.org.schemas import ConflictOut, ErrorOut

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
SCORE_ERRORS = {**WRITE_ERRORS, 409: ConflictOut}


class SheetOut(Schema):
    """A criteria sheet."""

    id: int
    group_id: int
    year: int
    title: str
    status: str


class RankingRowOut(Schema):
    """One line of the ranking."""

    rank: int
    unit_id: int
    unit_name: str
    unit_label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
    total: Decimal


class ScoreIn(InputSchema):
    """Points of a member unit on a criterion at the sheet's current stage."""

    criterion: int
    unit: int
    points: Decimal
    evidence: str = ""
    reason: str = ""
    version: int | None = None  # of this stage's score as last read (0: none yet); a stale one is a 409


class ScoreOut(Schema):
    """A stored score."""

    id: int
    criterion_id: int
    unit_id: int
    stage: str
    points: Decimal
    evidence: str
    version: int
