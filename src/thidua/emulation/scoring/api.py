"""REST endpoints of block scoring: sheets in scope, a sheet's ranking, and giving a score at the current stage
(a change of an existing score needs a reason). Out-of-scope sheets are 404; a caller who may see the sheet but not
score it gets 403; a refused score (above the maximum, no reason, wrong stage) is a 422 naming the field."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from thidua.core.choices import Action
from thidua.core.schemas import Id
from thidua.org.models import OrgUnit
from thidua.org.schemas import ErrorOut

from . import policies, selectors, services
from .models import CriteriaSheet, Criterion
from .schemas import READ_ERRORS, SCORE_ERRORS, RankingRowOut, ScoreIn, ScoreOut, SheetOut

router = Router(tags=["Chấm điểm thi đua khối"])


@router.get("/criteria-sheets", response={200: list[SheetOut], 401: ErrorOut}, summary="Bảng tiêu chí chấm điểm")
def sheet_list(request):
    """Criteria sheets of the blocks in the caller's scope."""
    return list(CriteriaSheet.objects.visible_to(request.auth, Action.VIEW)[:500])


@router.get(
    "/criteria-sheets/{sheet_id}/ranking", response={200: list[RankingRowOut], **READ_ERRORS}, summary="Bảng xếp hạng"
)
def sheet_ranking(request, sheet_id: Id):
    """The ranking of the block's units (latest-stage points, bonus added, penalty subtracted; ties share a rank)."""
    sheet = get_object_or_404(CriteriaSheet.objects.visible_to(request.auth, Action.VIEW), pk=sheet_id)
    return selectors.sheet_ranking(sheet)


@router.post("/criteria-sheets/{sheet_id}/scores", response={200: ScoreOut, **SCORE_ERRORS}, summary="Chấm điểm")
def score_set(request, sheet_id: Id, payload: ScoreIn):
    """Give a score at the sheet's current stage (self-scoring, leader review or office review). With ``version`` (that
    of this stage's score as last read, 0 when there was none) a score saved meanwhile by someone else is a 409."""
    sheet = get_object_or_404(
        CriteriaSheet.objects.visible_to(request.auth, Action.VIEW).select_related("group"), pk=sheet_id
    )
    criterion = get_object_or_404(Criterion.objects.filter(group__sheet=sheet), pk=payload.criterion)
    unit = get_object_or_404(OrgUnit.objects.filter(group_memberships__group=sheet.group), pk=payload.unit)
    if not policies.can_score(request.auth, sheet, unit):
        raise HttpError(403, "Bạn không được chấm điểm cho đơn vị này ở bước hiện tại.")
    return services.score_set(
        actor=request.auth,
        sheet=sheet,
        criterion=criterion,
        unit=unit,
        points=payload.points,
        evidence=payload.evidence,
        reason=payload.reason,
        expected_version=payload.version,
    )
