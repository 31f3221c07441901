"""Reads of block scoring: the score standing for a unit on a criterion, the latest-stage scores of a sheet and the
ranking."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, Exists, F, OuterRef, Q, Sum, When

from thidua.core import vn
from thidua.org.models import OrgUnit

from .choices import CriterionKind, ScoreStage
from .models import CriteriaSheet, Criterion, Score

CENT = Decimal("0.01")
STAGE_ORDER = [ScoreStage.SELF, ScoreStage.LEADER, ScoreStage.OFFICE]


def latest_score(criterion: Criterion, unit: OrgUnit, up_to: str) -> Score | None:
    """The score at ``up_to`` or, failing that, at the latest earlier stage."""
    stages = STAGE_ORDER[: STAGE_ORDER.index(up_to) + 1]
    scores = {s.stage: s for s in Score.objects.filter(criterion=criterion, unit=unit, stage__in=stages)}
    for stage in reversed(stages):
        if stage in scores:
            return scores[stage]
    return None


@dataclass(frozen=True)
class RankRow:
    """One unit's line of the ranking table."""

    rank: int
    unit_id: int
    unit_name: str
    total: Decimal
    unit_label: str = field(default="", compare=False)  # "Phòng Kế hoạch — Nhà máy Z111" (org/labels.py)


def latest_scores(sheet: CriteriaSheet):
    """Scores of the sheet at the latest stage reached for each (criterion, unit): a row is dropped when a later
    stage exists for the same criterion and unit (a correlated NOT EXISTS, answered from the unique index)."""
    same = Score.objects.filter(criterion_id=OuterRef("criterion_id"), unit_id=OuterRef("unit_id"))
    superseded = (Q(stage=ScoreStage.SELF) & Exists(same.filter(stage__in=[ScoreStage.LEADER, ScoreStage.OFFICE]))) | (
        Q(stage=ScoreStage.LEADER) & Exists(same.filter(stage=ScoreStage.OFFICE))
    )
    return Score.objects.filter(sheet=sheet).filter(~superseded)


def ranked(rows, labels: dict[int, str] | None = None) -> list[RankRow]:
    """Rank ``(total, unit name, unit id)`` rows: highest total first, equal totals share a rank (1, 1, 3) and are
    listed by name in Vietnamese order. ``labels`` gives each unit id its unambiguous label."""
    rows = sorted(rows, key=lambda r: (-r[0], vn.collation_key(r[1])))
    labels = labels or {}
    result, rank, previous = [], 0, None
    for i, (total, name, uid) in enumerate(rows, 1):
        if total != previous:
            rank, previous = i, total
        result.append(RankRow(rank=rank, unit_id=uid, unit_name=name, total=total, unit_label=labels.get(uid, name)))
    return result


def sheet_ranking(sheet: CriteriaSheet) -> list[RankRow]:
    """The ranking: per member unit, the sum of latest-stage points (bonus added, penalty subtracted), in one
    aggregate query; equal totals share a rank (1, 1, 3) and are listed by name in Vietnamese order."""
    signed = Case(
        When(criterion__kind=CriterionKind.PENALTY, then=-F("points")),
        default=F("points"),
        output_field=DecimalField(max_digits=10, decimal_places=2),
    )
    totals = dict(
        latest_scores(sheet).order_by().values("unit_id").annotate(total=Sum(signed)).values_list("unit_id", "total")
    )
    units = list(sheet.group.members.only("id", "name", "short_name", "label"))
    labels = {u.pk: str(u) for u in units}
    return ranked(((Decimal(totals.get(u.pk) or 0).quantize(CENT), u.name, u.pk) for u in units), labels)


def ranking_board(sheet: CriteriaSheet, criteria: list[Criterion], scores: list[Score]) -> list[dict]:
    """The ranking as the rows of the sheet's ranking table: per member unit, its ``rank``, ``unit_id``,
    ``unit_name`` (and ``unit_key``, its Vietnamese collation key, to sort by), ``total`` and, for each criterion,
    ``c<criterion id>``: the latest-stage points (None when not scored). ``scores`` are :func:`latest_scores`."""
    cells = {(s.criterion_id, s.unit_id): s.points for s in scores}
    return [
        {
            "rank": row.rank,
            "unit_id": row.unit_id,
            "unit_name": row.unit_label,
            "unit_key": vn.collation_key(row.unit_label),
            "total": row.total,
            **{f"c{c.pk}": cells.get((c.pk, row.unit_id)) for c in criteria},
        }
        for row in sheet_ranking(sheet)
    ]
