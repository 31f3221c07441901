"""Permission-matrix entries of the block-scoring pages and API (collected by tests/test_permission_matrix.py).

The world's block (2018, led by Cục Chính trị) gets a sheet in the leader review with one self-score of Z111: the
in-scope officer holds the leader unit, so they may adjust scores and close the review; office-only steps (opening a
sheet, editing criteria) come back to them as a form with an error (200), since they are not the standing office.
"""

from __future__ import annotations

from tests import matrix as mx
from thidua.emulation.scoring import services as svc

R = mx.Route
TITLE = "Bảng điểm thi đua ma trận"


def extend_world(world) -> None:
    """A sheet of the world's block with one criterion, self-scored by nm, now in the leader review."""
    sheet = svc.sheet_create(actor=None, group=world.group, title=TITLE)
    group = svc.criterion_group_add(actor=None, sheet=sheet, name="Nhiệm vụ")
    world.criterion = svc.criterion_add(actor=None, group=group, code="1", label="Nhiệm vụ chính trị", max_points=50)
    sheet = svc.sheet_advance(actor=None, sheet=sheet)
    svc.score_set(actor=None, sheet=sheet, criterion=world.criterion, unit=world.tree.nm, points=45)
    world.sheet = svc.sheet_advance(actor=None, sheet=sheet)


def _pk(w):
    return {"pk": w.sheet.pk}


def _score(w):
    return {"criterion": w.criterion.pk, "unit": w.tree.nm.pk, "points": "43", "reason": "Khối trưởng điều chỉnh"}


ROUTES: list[mx.Route] = [
    R("sheet_list", {"GET": mx.UI_LIST}, marker=TITLE),
    R(
        "sheet_create",
        {"GET": mx.UI_CREATE, "POST": {**mx.UI_CREATE_POST, "officer": 200}},
        data=lambda w: {"group": w.group.pk, "title": "Bảng mới"},
        note="only the standing office opens a sheet (and the block already has one): the form shows the error",
    ),
    R("sheet_detail", {"GET": mx.UI_READ}, url=_pk),
    R("score_history", {"GET": mx.UI_READ}, url=_pk),
    R(
        "sheet_criterion",
        {"GET": mx.UI_FORM, "POST": {**mx.UI_FORM_POST, "officer": 200}},
        url=_pk,
        data=lambda w: {"group_name": "Nhiệm vụ", "code": "2", "label": "Mới", "max_points": "10", "kind": "tieu_chi"},
        note="criteria change only while the sheet is a draft, by the standing office",
    ),
    R("sheet_score", {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST}, url=_pk, data=_score),
    R("sheet_advance", {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST}, url=_pk, data=lambda w: {}),
    R(
        "sheet_propose",
        {"GET": mx.UI_FORM, "POST": {**mx.UI_FORM_POST, "officer": 200}},
        url=_pk,
        data=lambda w: {"award": ""},
        note="a proposal needs the published ranking: refused with a message before publication",
    ),
    R("GET /api/v1/criteria-sheets", {"GET": mx.API_LIST}, marker=TITLE),
    R(
        "GET /api/v1/criteria-sheets/{sheet_id}/ranking",
        {"GET": mx.API_READ},
        url=lambda w: {"sheet_id": w.sheet.pk},
    ),
    R(
        "POST /api/v1/criteria-sheets/{sheet_id}/scores",
        {"POST": mx.API_WRITE},
        url=lambda w: {"sheet_id": w.sheet.pk},
        data=_score,
    ),
]
