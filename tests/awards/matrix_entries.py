"""Permission-matrix entries of the eligibility pages and API (collected by tests/test_permission_matrix.py)."""

from __future__ import annotations

from tests import matrix as mx
from tests.awards.eligibility_world import make_elig

R = mx.Route
PERSON_MARKER = "Nguyễn Việt Hùng"


def extend_world(world) -> None:
    """A finished 2024 run for Tổng cục CNQP (and one for TCCT) with stored results."""
    world.elig = make_elig(world.tree, world.users, world.people)


def _candidates(w) -> str:
    return f"/xet-khen-thuong/?nam=2024&don_vi={w.tree.tc.pk}"


ROUTES: list[mx.Route] = [
    R(
        "eligibility_candidates",
        {"GET": mx.UI_READ},
        path=_candidates,
        marker=PERSON_MARKER,
        note="the run of an out-of-scope unit is a 404; without ?don_vi= the page is a list (200 for everyone)",
    ),
    R(
        "eligibility_run_start",
        {"GET": {**mx.every(405), "anonymous": mx.LOGIN}, "POST": mx.UI_FORM_POST},
        data=lambda w: {"nam": "2024", "don_vi": w.tree.tc.pk},
        note="starting a run needs the change scope on the unit; the job is queued (runs after commit)",
    ),
    R(
        "eligibility_export",
        {"GET": mx.UI_READ},
        path=lambda w: f"/xet-khen-thuong/xuat-excel/?nam=2024&don_vi={w.tree.tc.pk}",
    ),
    R("rules", {"GET": mx.UI_LIST}, note="the rule catalogue is the same for everyone signed in"),
    R(
        "rule_version_add",
        {"GET": {**mx.every(404), "anonymous": mx.LOGIN}, "POST": {**mx.every(404), "anonymous": mx.LOGIN}},
        data=lambda w: {"document": ""},
        note="administrators only (none of the matrix subjects)",
    ),
    R("person_eligibility", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.people.hung.pk}),
    R("unit_eligibility", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.tree.tc.pk}),
    R(
        "GET /api/v1/eligibility",
        {"GET": mx.API_READ},
        path=lambda w: f"/api/v1/eligibility?year=2024&unit={w.tree.tc.pk}",
        marker=PERSON_MARKER,
    ),
    R(
        "GET /api/v1/people/{person_id}/eligibility",
        {"GET": mx.API_READ},
        url=lambda w: {"person_id": w.people.hung.pk},
    ),
    R(
        "POST /api/v1/eligibility/runs",
        {"POST": {**mx.API_CREATE, "officer": 202}},
        data=lambda w: {"year": 2024, "unit": w.tree.tc.pk},
        note="202: the run is a queued job",
    ),
]
