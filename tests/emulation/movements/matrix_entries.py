"""Permission-matrix entries of the movements slice (movements, registrations, pacts, calendar), UI and API."""

from __future__ import annotations

from tests import matrix as mx

from .. import movements_world as mw

R = mx.Route
FORM = {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST}
CREATE = {"GET": mx.UI_CREATE, "POST": mx.UI_CREATE_POST}
#: Only the superior level may approve or return: anyone else gets a 404, the viewer included.
API_DECIDE = {"anonymous": 401, "norole": 404, "officer": 200, "outsider": 404, "viewer": 404}
#: A multipart upload: the matrix sends JSON, so the in-scope officer reaches the service without a title (422,
#: nothing saved); everyone else is refused before that. Real uploads are tested in test_movements_api.py.
API_UPLOAD = {**mx.API_WRITE, "officer": 422}
REG_MARKER = "Cục Chính trị"


def extend_world(world) -> None:
    """Movements, registrations and the block's pact, all under Tổng cục CNQP (see movements_world.build)."""
    world.mv = mw.build(world.tree, group=world.group)


def _movement(w, name="draft") -> dict:
    return {"pk": getattr(w.mv, name).pk}


ROUTES: list[mx.Route] = [
    # --- UI: movements -------------------------------------------------------------------------------------------
    R("movement_list", {"GET": mx.UI_LIST}, marker=mw.LAUNCHED_NAME),
    R(
        "movement_create",
        CREATE,
        data=lambda w: {
            "authority": w.tree.tc.pk,
            "name": "Phong trào mới",
            "kind": "theo_dot",
            "start_on": "2026-05-01",
        },
        note="the outsider's authority choices do not include tc: the form comes back with an error",
    ),
    R("movement_detail", {"GET": mx.UI_READ}, url=lambda w: _movement(w, "launched")),
    R(
        "movement_edit",
        FORM,
        url=_movement,
        data=lambda w: {
            "name": mw.DRAFT_NAME,
            "kind": "chuyen_de",
            "start_on": f"{mw.YEAR}-03-01",
            "slogan": mw.SLOGAN,
            "include_descendants": "on",
            "version": w.mv.draft.version,
        },
    ),
    R("movement_document_add", FORM, url=_movement, data=lambda w: {"title": "Hướng dẫn", "reference": "HD 3"}),
    R(
        "movement_document_download",
        {"GET": mx.UI_READ},
        url=lambda w: {"pk": w.mv.launched.pk, "doc_pk": w.mv.document.pk},
        note="served through the scoped view only",
    ),
    R("movement_launch", FORM, url=_movement, data=lambda w: {}),
    R("movement_close", FORM, url=lambda w: _movement(w, "launched"), data=lambda w: {}),
    # --- UI: registrations ---------------------------------------------------------------------------------------
    R("registration_list", {"GET": mx.UI_LIST}, marker=REG_MARKER),
    R(
        "registration_create",
        CREATE,
        data=lambda w: {"year": str(mw.YEAR + 1), "unit": w.tree.nm.pk, "awards": [w.mv.awards["DVTT"].pk]},
    ),
    R("registration_detail", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.mv.submitted.pk}),
    R(
        "registration_edit",
        FORM,
        url=lambda w: {"pk": w.mv.draft_reg.pk},
        data=lambda w: {
            "awards": [w.mv.awards["DVQT"].pk],
            "commitments": "Đạt 100%",
            "version": w.mv.draft_reg.version,
        },
    ),
    R("registration_submit", FORM, url=lambda w: {"pk": w.mv.draft_reg.pk}, data=lambda w: {}),
    R("registration_approve", FORM, url=lambda w: {"pk": w.mv.submitted.pk}, data=lambda w: {}),
    R(
        "registration_return",
        FORM,
        url=lambda w: {"pk": w.mv.submitted.pk},
        data=lambda w: {"reason": "Chỉ tiêu chưa cụ thể"},
    ),
    R("registration_rollup", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.tree.tc.pk}),
    # --- UI: pacts ------------------------------------------------------------------------------------------------
    R("pact_list", {"GET": mx.UI_LIST}, marker="Khối các cơ quan Tổng cục"),
    R(
        "pact_create",
        CREATE,
        data=lambda w: {"group": w.group.pk, "year": str(mw.YEAR + 1), "content": "Giao ước năm sau"},
    ),
    R("pact_detail", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.mv.pact.pk}),
    R(
        "pact_sign",
        FORM,
        url=lambda w: {"pk": w.mv.pact.pk},
        data=lambda w: {"unit": w.tree.nm.pk, "signed_on": f"{mw.YEAR}-02-01"},
    ),
    # --- UI: calendar ---------------------------------------------------------------------------------------------
    R("emulation_calendar", {"GET": mx.UI_LIST}, marker=mw.LAUNCHED_NAME, note="opens on the top unit of the scope"),
    # --- API ------------------------------------------------------------------------------------------------------
    R("GET /api/v1/movements", {"GET": mx.API_LIST}, marker=mw.LAUNCHED_NAME),
    R(
        "POST /api/v1/movements",
        {"POST": mx.API_CREATE},
        data=lambda w: {"authority": w.tree.tc.pk, "name": "Phong trào API", "start_on": "2026-02-01"},
    ),
    R(
        "GET /api/v1/movements/{movement_id}",
        {"GET": mx.API_READ},
        url=lambda w: {"movement_id": w.mv.launched.pk},
    ),
    R(
        "POST /api/v1/movements/{movement_id}/launch",
        {"POST": mx.API_WRITE},
        url=lambda w: {"movement_id": w.mv.draft.pk},
    ),
    R(
        "PATCH /api/v1/movements/{movement_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"movement_id": w.mv.draft.pk},
        data=lambda w: {"version": w.mv.draft.version, "slogan": mw.SLOGAN},
    ),
    R(
        "POST /api/v1/movements/{movement_id}/close",
        {"POST": mx.API_WRITE},
        url=lambda w: {"movement_id": w.mv.launched.pk},
    ),
    R(
        "GET /api/v1/movements/{movement_id}/documents",
        {"GET": mx.API_READ},
        url=lambda w: {"movement_id": w.mv.launched.pk},
    ),
    R(
        "POST /api/v1/movements/{movement_id}/documents",
        {"POST": API_UPLOAD},
        url=lambda w: {"movement_id": w.mv.launched.pk},
        note="multipart/form-data; see API_UPLOAD",
    ),
    R("GET /api/v1/registrations", {"GET": mx.API_LIST}, marker=REG_MARKER),
    R(
        "POST /api/v1/registrations",
        {"POST": mx.API_CREATE},
        data=lambda w: {"year": mw.YEAR + 1, "unit": w.tree.tc.pk, "items": [{"award": "DVQT", "targets": "HTXSNV"}]},
    ),
    R(
        "GET /api/v1/registrations/{registration_id}",
        {"GET": mx.API_READ},
        url=lambda w: {"registration_id": w.mv.submitted.pk},
    ),
    R(
        "PATCH /api/v1/registrations/{registration_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"registration_id": w.mv.draft_reg.pk},
        data=lambda w: {"version": w.mv.draft_reg.version, "commitments": "Đạt 100% chỉ tiêu"},
    ),
    R(
        "POST /api/v1/registrations/{registration_id}/submit",
        {"POST": mx.API_WRITE},
        url=lambda w: {"registration_id": w.mv.draft_reg.pk},
    ),
    R(
        "POST /api/v1/registrations/{registration_id}/approve",
        {"POST": API_DECIDE},
        url=lambda w: {"registration_id": w.mv.submitted.pk},
    ),
    R(
        "POST /api/v1/registrations/{registration_id}/return",
        {"POST": API_DECIDE},
        url=lambda w: {"registration_id": w.mv.submitted.pk},
        data=lambda w: {"reason": "Chưa rõ chỉ tiêu"},
    ),
    R("GET /api/v1/pacts", {"GET": mx.API_LIST}, marker="Khối các cơ quan Tổng cục"),
    R(
        "POST /api/v1/pacts",
        {"POST": mx.API_CREATE},
        data=lambda w: {"group": w.group.pk, "year": mw.YEAR + 1, "content": "Giao ước năm sau"},
        note="a block outside the caller's view, or whose authority it may not change, is a 422 on group",
    ),
    R("GET /api/v1/pacts/{pact_id}", {"GET": mx.API_READ}, url=lambda w: {"pact_id": w.mv.pact.pk}),
    R(
        "PATCH /api/v1/pacts/{pact_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"pact_id": w.mv.pact.pk},
        data=lambda w: {"version": w.mv.pact.version, "content": "Giao ước thi đua (sửa)"},
    ),
    R(
        "POST /api/v1/pacts/{pact_id}/sign",
        {"POST": mx.API_WRITE},
        url=lambda w: {"pact_id": w.mv.pact.pk},
        data=lambda w: {"unit": w.tree.nm.pk, "signed_on": f"{mw.YEAR}-02-01"},
    ),
    R(
        "GET /api/v1/emulation-calendar",
        {"GET": mx.API_READ},
        path=lambda w: f"/api/v1/emulation-calendar?unit={w.tree.tc.pk}&year={mw.YEAR}",
    ),
]
