"""Block scoring: the criteria sheet of a block for a year, its workflow, the scores with their trail of changes, the
ranking and the block's proposal (suy tôn) of its leading unit for a flag.

Workflow: draft → self-scoring (member units score themselves) → leader review (the block leader's users adjust) →
office review (the standing office of the authority) → preview → published; after publication nothing in the sheet
changes. Every change of a score that already exists needs a reason and writes a :class:`ScoreChange` (old → new).
Services are keyword-only, atomic and audited; ``actor=None`` is the system (demo data), which skips the policies
(:mod:`.policies`); the ranking is read by :mod:`.selectors`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.core import audit, vn
from thidua.core.errors import ConflictError
from thidua.core.locking import versioned_update
from thidua.core.sequences import save_numbered
from thidua.org.models import EmulationGroup, OrgUnit

from .choices import STAGE_OF_STATUS, CriterionKind, ScoreStage, SheetStatus
from .models import CriteriaSheet, Criterion, CriterionGroup, Score, ScoreChange, SheetProposal
from .policies import can_advance, can_create_sheet, can_edit_criteria, can_propose, can_score
from .selectors import CENT, latest_score, sheet_ranking

PUBLISHED_MESSAGE = "Bảng điểm đã công bố, không thay đổi được."
NEXT_STATUS = {
    SheetStatus.DRAFT: SheetStatus.SELF_SCORING,
    SheetStatus.SELF_SCORING: SheetStatus.LEADER_REVIEW,
    SheetStatus.LEADER_REVIEW: SheetStatus.OFFICE_REVIEW,
    SheetStatus.OFFICE_REVIEW: SheetStatus.PREVIEW,
    SheetStatus.PREVIEW: SheetStatus.PUBLISHED,
}


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
    if actor is not None and not can_create_sheet(actor, group):
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
    group = CriterionGroup(sheet=sheet, name=name, order=order or 0)
    if order is None:
        save_numbered(group, "order", sheet.criterion_groups.all(), lock=sheet)
    else:
        group.full_clean()
        group.save()
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
        order=order or 0,
    )
    if order is None:
        save_numbered(criterion, "order", group.criteria.all(), lock=group)
    else:
        criterion.full_clean()
        criterion.save()
    _audit(actor, sheet, "criterion_add", after=audit.snapshot(criterion))
    return criterion


@transaction.atomic
def sheet_advance(
    *, actor, sheet: CriteriaSheet, expected_version: int | None = None, comment: str = ""
) -> CriteriaSheet:
    """Move the sheet to its next step (…→ preview → published); publication freezes everything. ``comment``
    (optional) is kept in the audit event."""
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
    extra = audit.with_comment(None, comment)
    _audit(actor, sheet, "advance", before={"status": before}, after={"status": new}, extra=extra)
    return sheet


# --- scores --------------------------------------------------------------------------------------------------------


def _scoring_stage(sheet: CriteriaSheet) -> str:
    """The stage a score given now is written at; refused when the sheet's step takes no scores."""
    stage = STAGE_OF_STATUS.get(sheet.status)
    if stage is None:
        raise _refuse("__all__", f"Bảng điểm đang ở bước «{sheet.get_status_display()}», không chấm điểm được.")
    return stage


def _check_target(actor, sheet: CriteriaSheet, criterion: Criterion, unit: OrgUnit) -> None:
    """The criterion is the sheet's, the unit a member of the block, and the actor may score it at this step."""
    if criterion.group.sheet_id != sheet.pk:
        raise _refuse("criterion", "Tiêu chí không thuộc bảng điểm này.")
    if not sheet.group.memberships.filter(unit=unit).exists():
        raise _refuse("unit", f"«{unit}» không phải thành viên của {sheet.group.name}.")
    if actor is not None and not can_score(actor, sheet, unit):
        raise _refuse("unit", f"Bạn không được chấm điểm cho «{unit}» ở bước «{sheet.get_status_display()}».")


def _label(criterion: Criterion) -> str:
    return f"{criterion.code}. {criterion.label}"


def _parse_points(raw: Decimal | int | str, criterion: Criterion) -> Decimal:
    """Points as a number to the hundredth ("50,5" accepted), from 0 to the criterion's maximum."""
    try:
        points = Decimal(str(raw).replace(",", ".")).quantize(CENT)
    except Exception:
        raise _refuse("points", "Điểm phải là một số.") from None
    if points < 0:
        raise _refuse("points", f"Điểm của tiêu chí «{_label(criterion)}» không được âm.")
    if points > criterion.max_points:
        raise _refuse(
            "points",
            f"Điểm {vn.format_number(points, 2)} của tiêu chí «{_label(criterion)}» vượt quá điểm tối đa "
            f"{vn.format_number(criterion.max_points, 2)}.",
        )
    return points


def _check_evidence_and_reason(
    criterion: Criterion, stage: str, prior: Score | None, points: Decimal, evidence: str, reason: str
) -> bool:
    """Evidence where self-scoring requires it; a reason for changing a standing score. Returns whether it changes."""
    if stage == ScoreStage.SELF and criterion.evidence_required and not (evidence or (prior and prior.evidence)):
        raise _refuse("evidence", f"Tiêu chí «{_label(criterion)}» phải có minh chứng.")
    changed = prior is not None and prior.points != points
    if changed and not reason:
        raise _refuse(
            "reason",
            f"Sửa điểm tiêu chí «{_label(criterion)}» từ {vn.format_number(prior.points, 2)} thành "
            f"{vn.format_number(points, 2)} phải ghi lý do.",
        )
    return changed


def _check_seen(current: Score | None, prior: Score | None, expected_version: int | None) -> None:
    """Refuse a score given from a stale page: ``expected_version`` is the version of this stage's score the user
    saw (0: none yet); anything else now stored is a conflict showing the stored points (None skips the check)."""
    if expected_version is None or (current.version if current else 0) == expected_version:
        return
    shown = current or prior
    if shown is not None:
        raise ConflictError(shown, {**audit.snapshot(shown), "version": current.version if current else 0})


def _write_score(
    sheet: CriteriaSheet,
    criterion: Criterion,
    unit: OrgUnit,
    stage: str,
    *,
    points: Decimal,
    evidence: str,
    prior: Score | None,
    changed: bool,
    expected_version: int | None,
) -> Score:
    """Create the score of this stage, or update it when its points or evidence change — in both cases only if
    nobody saved it since ``expected_version`` (a second first score saved at once is a conflict too)."""
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
        score.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                score.save()
        except IntegrityError:
            current = Score.objects.get(criterion=criterion, unit=unit, stage=stage)
            raise ConflictError(current, audit.snapshot(current)) from None
    elif changed or (evidence and evidence != score.evidence):
        score = versioned_update(
            score, expected_version=expected_version, changes={"points": points, "evidence": evidence or score.evidence}
        )
    return score


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
    expected_version: int | None = None,
) -> Score:
    """Give ``unit`` points on ``criterion`` at the sheet's current stage.

    Points run from 0 to the criterion's maximum; evidence is mandatory at self-scoring where the criterion requires
    it. A score that changes an existing one (at this stage, or the earlier stage it revises) needs a reason and is
    written to the trail as old → new. ``expected_version`` is the version of this stage's score the user's page
    showed (0: none): a score saved meanwhile by someone else is a :class:`ConflictError`, never overwritten.
    """
    _require_not_published(sheet)
    sheet.refresh_from_db()
    stage = _scoring_stage(sheet)
    _check_target(actor, sheet, criterion, unit)
    points = _parse_points(points, criterion)
    evidence, reason = vn.nfc(evidence).strip(), vn.nfc(reason).strip()
    prior = latest_score(criterion, unit, stage)
    _check_seen(prior if prior is not None and prior.stage == stage else None, prior, expected_version)
    changed = _check_evidence_and_reason(criterion, stage, prior, points, evidence, reason)
    score = _write_score(
        sheet,
        criterion,
        unit,
        stage,
        points=points,
        evidence=evidence,
        prior=prior,
        changed=changed,
        expected_version=expected_version,
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
