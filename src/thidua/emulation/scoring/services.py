"""Block scoring: the criteria sheet of a block for a year, its workflow, the scores with their trail of changes, the
ranking and the block's proposal (suy tôn) of its leading unit for a flag.

Workflow: draft → self-scoring (member units score themselves) → leader review (the block leader's users adjust) →
office review (the standing office of the authority) → preview → published; after publication nothing in the sheet
changes. Every change of a score that already exists needs a reason and writes a :class:`ScoreChange` (old → new).
Services are keyword-only, atomic and audited; ``actor=None`` is the system (demo data), which skips the policies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, DecimalField, Exists, F, OuterRef, Q, Sum, When
from django.utils import timezone

from thidua.core import audit, vn
from thidua.core.choices import Action, Role
from thidua.core.locking import versioned_update
from thidua.core.models import RoleAssignment
from thidua.core.scoping import in_scope
from thidua.org.choices import GroupRole
from thidua.org.models import EmulationGroup, GroupLeadership, OrgUnit

from ..choices import CriterionKind, ScoreStage, SheetStatus
from .models import CriteriaSheet, Criterion, CriterionGroup, Score, ScoreChange, SheetProposal

CENT = Decimal("0.01")
PUBLISHED_MESSAGE = "Bảng điểm đã công bố, không thay đổi được."
STAGE_OF_STATUS = {
    SheetStatus.SELF_SCORING: ScoreStage.SELF,
    SheetStatus.LEADER_REVIEW: ScoreStage.LEADER,
    SheetStatus.OFFICE_REVIEW: ScoreStage.OFFICE,
}
STAGE_ORDER = [ScoreStage.SELF, ScoreStage.LEADER, ScoreStage.OFFICE]
NEXT_STATUS = {
    SheetStatus.DRAFT: SheetStatus.SELF_SCORING,
    SheetStatus.SELF_SCORING: SheetStatus.LEADER_REVIEW,
    SheetStatus.LEADER_REVIEW: SheetStatus.OFFICE_REVIEW,
    SheetStatus.OFFICE_REVIEW: SheetStatus.PREVIEW,
    SheetStatus.PREVIEW: SheetStatus.PUBLISHED,
}
OFFICE_ROLES = (Role.OFFICE, Role.ADMIN)
LEADER_ROLES = (GroupRole.LEADER, GroupRole.CO_LEADER)


# --- policies ------------------------------------------------------------------------------------------------------


def _holds_role_over(user, unit: OrgUnit, roles) -> bool:
    """The user has one of ``roles`` on ``unit`` itself or on an ancestor with descendants."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for path, with_desc, unit_id in (
        RoleAssignment.objects.active()
        .filter(user=user, role__in=roles)
        .values_list("unit__path", "include_descendants", "unit_id")
    ):
        if unit_id == unit.pk or (with_desc and unit.path.startswith(path)):
            return True
    return False


def is_office(user, sheet: CriteriaSheet) -> bool:
    """The standing office (cơ quan thường trực) of the block's authority, or an administrator above it."""
    return _holds_role_over(user, sheet.group.authority, OFFICE_ROLES)


def leader_unit_ids(sheet: CriteriaSheet) -> set[int]:
    """Units leading (or co-leading) the block during the sheet's year."""
    start, end = dt.date(sheet.year, 1, 1), dt.date(sheet.year, 12, 31)
    return set(
        GroupLeadership.objects.filter(group=sheet.group, role__in=LEADER_ROLES, start_on__lte=end)
        .exclude(end_on__lt=start)
        .values_list("unit_id", flat=True)
    )


def is_leader(user, sheet: CriteriaSheet) -> bool:
    """Users who may change a unit leading the block that year."""
    if user is None:
        return True
    return any(in_scope(user, unit_id, Action.CHANGE) for unit_id in leader_unit_ids(sheet))


def can_self_score(user, sheet: CriteriaSheet, unit: OrgUnit) -> bool:
    """A member unit's own users during self-scoring."""
    return sheet.status == SheetStatus.SELF_SCORING and (user is None or in_scope(user, unit.pk, Action.CHANGE))


def can_score(user, sheet: CriteriaSheet, unit: OrgUnit) -> bool:
    """Whether the user may give ``unit`` a score at the sheet's current stage."""
    if sheet.status == SheetStatus.SELF_SCORING:
        return can_self_score(user, sheet, unit)
    if sheet.status == SheetStatus.LEADER_REVIEW:
        return is_leader(user, sheet)
    if sheet.status == SheetStatus.OFFICE_REVIEW:
        return is_office(user, sheet)
    return False


def can_advance(user, sheet: CriteriaSheet) -> bool:
    """Closing the leader review is the leader's (or the office's); every other step is the standing office's."""
    if sheet.status == SheetStatus.PUBLISHED:
        return False
    if sheet.status == SheetStatus.LEADER_REVIEW:
        return is_leader(user, sheet) or is_office(user, sheet)
    return is_office(user, sheet)


def can_edit_criteria(user, sheet: CriteriaSheet) -> bool:
    """Criteria are set by the standing office while the sheet is a draft."""
    return sheet.status == SheetStatus.DRAFT and is_office(user, sheet)


def can_propose(user, sheet: CriteriaSheet) -> bool:
    """The block's proposal follows publication; the leader or the office make it."""
    return sheet.status == SheetStatus.PUBLISHED and (is_leader(user, sheet) or is_office(user, sheet))


# --- checks --------------------------------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _require_not_published(sheet: CriteriaSheet) -> None:
    status = CriteriaSheet.objects.filter(pk=sheet.pk).values_list("status", flat=True).first()
    if status == SheetStatus.PUBLISHED:
        raise _refuse("__all__", PUBLISHED_MESSAGE)


def _audit(actor, sheet: CriteriaSheet, event: str, **data) -> None:
    audit.record(actor=actor, event_type=f"scoring.{event}", target=sheet, unit=sheet.group.authority, **data)


# --- the sheet -----------------------------------------------------------------------------------------------------


@transaction.atomic
def sheet_create(*, actor, group: EmulationGroup, title: str = "", year: int | None = None) -> CriteriaSheet:
    """Open the criteria sheet of a block for its year (one per block and year)."""
    year = year or group.year
    if actor is not None and not _holds_role_over(actor, group.authority, OFFICE_ROLES):
        raise _refuse("group", "Chỉ cơ quan thường trực của cấp tổ chức khối mới lập được bảng tiêu chí.")
    if CriteriaSheet.objects.filter(group=group, year=year).exists():
        raise _refuse("group", f"{group.name} đã có bảng tiêu chí năm {year}.")
    sheet = CriteriaSheet(
        group=group, year=year, title=vn.nfc(title).strip() or f"Bảng điểm thi đua {group.name} năm {year}"
    )
    sheet.full_clean()
    sheet.save()
    _audit(actor, sheet, "create", after=audit.snapshot(sheet))
    return sheet


@transaction.atomic
def criterion_group_add(*, actor, sheet: CriteriaSheet, name: str, order: int | None = None) -> CriterionGroup:
    """Add a group of criteria while the sheet is a draft."""
    if actor is not None and not can_edit_criteria(actor, sheet):
        raise _refuse("__all__", "Chỉ sửa được tiêu chí khi bảng điểm đang soạn, bởi cơ quan thường trực.")
    _require_not_published(sheet)
    name = vn.nfc(name).strip()
    if not name:
        raise _refuse("name", "Tên nhóm tiêu chí không được để trống.")
    order = order if order is not None else sheet.criterion_groups.count() + 1
    group = CriterionGroup.objects.create(sheet=sheet, name=name, order=order)
    _audit(actor, sheet, "group_add", after={"group": group.pk, "name": name})
    return group


@transaction.atomic
def criterion_add(
    *,
    actor,
    group: CriterionGroup,
    code: str,
    label: str,
    max_points: Decimal | int | str,
    kind: str = CriterionKind.NORMAL,
    evidence_required: bool = False,
    order: int | None = None,
) -> Criterion:
    """Add a criterion with its maximum points (bonus/penalty criteria add or subtract up to it)."""
    sheet = group.sheet
    if actor is not None and not can_edit_criteria(actor, sheet):
        raise _refuse("__all__", "Chỉ sửa được tiêu chí khi bảng điểm đang soạn, bởi cơ quan thường trực.")
    max_points = Decimal(str(max_points))
    if max_points <= 0:
        raise _refuse("max_points", "Điểm tối đa phải lớn hơn 0.")
    if Criterion.objects.filter(group__sheet=sheet, code=code).exists():
        raise _refuse("code", f"Đã có tiêu chí mã «{code}» trong bảng điểm.")
    criterion = Criterion(
        group=group,
        code=vn.nfc(code).strip(),
        label=vn.nfc(label).strip(),
        max_points=max_points,
        kind=kind,
        evidence_required=evidence_required,
        order=order if order is not None else group.criteria.count() + 1,
    )
    criterion.full_clean()
    criterion.save()
    _audit(actor, sheet, "criterion_add", after=audit.snapshot(criterion))
    return criterion


@transaction.atomic
def sheet_advance(*, actor, sheet: CriteriaSheet, expected_version: int | None = None) -> CriteriaSheet:
    """Move the sheet to its next step (…→ preview → published); publication freezes everything."""
    _require_not_published(sheet)
    sheet.refresh_from_db()
    if actor is not None and not can_advance(actor, sheet):
        raise _refuse("__all__", "Bạn không có quyền chuyển bảng điểm sang bước tiếp theo.")
    if sheet.status == SheetStatus.DRAFT and not Criterion.objects.filter(group__sheet=sheet).exists():
        raise _refuse("__all__", "Bảng điểm chưa có tiêu chí nào.")
    new = NEXT_STATUS[sheet.status]
    changes = {"status": new}
    if new == SheetStatus.PUBLISHED:
        changes["published_at"] = timezone.now()
    before = sheet.status
    sheet = versioned_update(sheet, expected_version=expected_version, changes=changes)
    _audit(actor, sheet, "advance", before={"status": before}, after={"status": new})
    return sheet


# --- scores --------------------------------------------------------------------------------------------------------


def _latest_score(criterion: Criterion, unit: OrgUnit, up_to: str) -> Score | None:
    """The score at ``up_to`` or, failing that, at the latest earlier stage."""
    stages = STAGE_ORDER[: STAGE_ORDER.index(up_to) + 1]
    scores = {s.stage: s for s in Score.objects.filter(criterion=criterion, unit=unit, stage__in=stages)}
    for stage in reversed(stages):
        if stage in scores:
            return scores[stage]
    return None


@transaction.atomic
def score_set(
    *,
    actor,
    sheet: CriteriaSheet,
    criterion: Criterion,
    unit: OrgUnit,
    points: Decimal | int | str,
    evidence: str = "",
    reason: str = "",
) -> Score:
    """Give ``unit`` points on ``criterion`` at the sheet's current stage.

    Points run from 0 to the criterion's maximum; evidence is mandatory at self-scoring where the criterion requires
    it. A score that changes an existing one (at this stage, or the earlier stage it revises) needs a reason and is
    written to the trail as old → new.
    """
    _require_not_published(sheet)
    sheet.refresh_from_db()
    stage = STAGE_OF_STATUS.get(sheet.status)
    if stage is None:
        raise _refuse("__all__", f"Bảng điểm đang ở bước «{sheet.get_status_display()}», không chấm điểm được.")
    if criterion.group.sheet_id != sheet.pk:
        raise _refuse("criterion", "Tiêu chí không thuộc bảng điểm này.")
    if not sheet.group.memberships.filter(unit=unit).exists():
        raise _refuse("unit", f"«{unit}» không phải thành viên của {sheet.group.name}.")
    if actor is not None and not can_score(actor, sheet, unit):
        raise _refuse("unit", f"Bạn không được chấm điểm cho «{unit}» ở bước «{sheet.get_status_display()}».")
    try:
        points = Decimal(str(points).replace(",", ".")).quantize(Decimal("0.01"))
    except Exception:
        raise _refuse("points", "Điểm phải là một số.") from None
    label = f"{criterion.code}. {criterion.label}"
    if points < 0:
        raise _refuse("points", f"Điểm của tiêu chí «{label}» không được âm.")
    if points > criterion.max_points:
        raise _refuse(
            "points",
            f"Điểm {vn.format_number(points, 2)} của tiêu chí «{label}» vượt quá điểm tối đa "
            f"{vn.format_number(criterion.max_points, 2)}.",
        )
    evidence = vn.nfc(evidence).strip()
    reason = vn.nfc(reason).strip()
    prior = _latest_score(criterion, unit, stage)
    if stage == ScoreStage.SELF and criterion.evidence_required and not (evidence or (prior and prior.evidence)):
        raise _refuse("evidence", f"Tiêu chí «{label}» phải có minh chứng.")
    changed = prior is not None and prior.points != points
    if changed and not reason:
        raise _refuse(
            "reason",
            f"Sửa điểm tiêu chí «{label}» từ {vn.format_number(prior.points, 2)} thành "
            f"{vn.format_number(points, 2)} phải ghi lý do.",
        )
    score = Score.objects.filter(criterion=criterion, unit=unit, stage=stage).first()
    if score is None:
        score = Score(
            sheet=sheet,
            criterion=criterion,
            unit=unit,
            stage=stage,
            points=points,
            evidence=evidence or (prior.evidence if prior else ""),
        )
        score.full_clean()
        score.save()
    elif changed or (evidence and evidence != score.evidence):
        score = versioned_update(
            score, expected_version=None, changes={"points": points, "evidence": evidence or score.evidence}
        )
    if changed:
        ScoreChange.objects.create(
            score=score, old_points=prior.points, new_points=points, reason=reason, changed_by=actor
        )
    _audit(
        actor,
        sheet,
        "score",
        before={"points": prior.points if prior else None, "stage": prior.stage if prior else None},
        after={"points": points, "stage": stage, "unit": unit.pk, "criterion": criterion.code},
        extra={"reason": reason} if changed else None,
    )
    return score


# --- ranking -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankRow:
    """One unit's line of the ranking table."""

    rank: int
    unit_id: int
    unit_name: str
    total: Decimal


def latest_scores(sheet: CriteriaSheet):
    """Scores of the sheet at the latest stage reached for each (criterion, unit): a row is dropped when a later
    stage exists for the same criterion and unit (a correlated NOT EXISTS, answered from the unique index)."""
    same = Score.objects.filter(criterion_id=OuterRef("criterion_id"), unit_id=OuterRef("unit_id"))
    superseded = (Q(stage=ScoreStage.SELF) & Exists(same.filter(stage__in=[ScoreStage.LEADER, ScoreStage.OFFICE]))) | (
        Q(stage=ScoreStage.LEADER) & Exists(same.filter(stage=ScoreStage.OFFICE))
    )
    return Score.objects.filter(sheet=sheet).filter(~superseded)


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
    units = sheet.group.members.values_list("id", "name")
    rows = sorted(
        ((Decimal(totals.get(uid) or 0).quantize(CENT), name, uid) for uid, name in units),
        key=lambda r: (-r[0], vn.collation_key(r[1])),
    )
    result, rank, previous = [], 0, None
    for i, (total, name, uid) in enumerate(rows, 1):
        if total != previous:
            rank, previous = i, total
        result.append(RankRow(rank=rank, unit_id=uid, unit_name=name, total=total))
    return result


def sheet_ranking_naive(sheet: CriteriaSheet) -> list[RankRow]:
    """The same ranking by a per-unit, per-criterion loop (the benchmark's baseline; do not use in views)."""
    criteria = list(Criterion.objects.filter(group__sheet=sheet))
    rows = []
    for unit in sheet.group.members.all():
        total = Decimal("0")
        for criterion in criteria:
            score = _latest_score(criterion, unit, ScoreStage.OFFICE)
            if score is not None:
                total += -score.points if criterion.kind == CriterionKind.PENALTY else score.points
        rows.append((total.quantize(CENT), unit.name, unit.pk))
    rows.sort(key=lambda r: (-r[0], vn.collation_key(r[1])))
    result, rank, previous = [], 0, None
    for i, (total, name, uid) in enumerate(rows, 1):
        if total != previous:
            rank, previous = i, total
        result.append(RankRow(rank=rank, unit_id=uid, unit_name=name, total=total))
    return result


# --- proposal ------------------------------------------------------------------------------------------------------


@transaction.atomic
def sheet_propose(*, actor, sheet: CriteriaSheet, award, note: str = "") -> SheetProposal:
    """Propose (suy tôn) the published ranking's top unit for a flag; a tie at the top must be settled first."""
    sheet.refresh_from_db()
    if sheet.status != SheetStatus.PUBLISHED:
        raise _refuse("__all__", "Chỉ suy tôn sau khi đã công bố kết quả chấm điểm.")
    if actor is not None and not can_propose(actor, sheet):
        raise _refuse("__all__", "Bạn không có quyền đề nghị suy tôn của khối.")
    if SheetProposal.objects.filter(sheet=sheet, award=award).exists():
        raise _refuse("award", f"Khối đã suy tôn đơn vị cho «{award.name}».")
    ranking = sheet_ranking(sheet)
    if not ranking:
        raise _refuse("__all__", "Khối chưa có đơn vị thành viên.")
    top = [row for row in ranking if row.rank == 1]
    if len(top) > 1:
        names = ", ".join(row.unit_name for row in top)
        raise _refuse(
            "__all__", f"Có {len(top)} đơn vị cùng dẫn đầu ({names}): khối phải thống nhất trước khi suy tôn."
        )
    row = top[0]
    proposal = SheetProposal.objects.create(
        sheet=sheet,
        unit_id=row.unit_id,
        award=award,
        rank=1,
        total_points=row.total,
        note=vn.nfc(note) or f"{sheet.group.name} suy tôn {row.unit_name} ({vn.format_number(row.total, 2)} điểm).",
    )
    _audit(actor, sheet, "propose", after={"unit": row.unit_id, "award": award.code, "total": row.total})
    return proposal
