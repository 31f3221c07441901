"""Schemas of the block-scoring API (:mod:`.api`): what goes in and out, and the error responses."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema

from thidua.core.schemas import InputSchema
from thidua.org.schemas import ErrorOut

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


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
    total: Decimal


class ScoreIn(InputSchema):
    """Points of a member unit on a criterion at the sheet's current stage."""

    criterion: int
    unit: int
    points: Decimal
    evidence: str = ""
    reason: str = ""


class ScoreOut(Schema):
    """A stored score."""

    id: int
    criterion_id: int
    unit_id: int
    stage: str
    points: Decimal
    evidence: str
