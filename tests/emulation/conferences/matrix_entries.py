"""Permission-matrix entries of the conference pages and API (collected by tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt

from tests import matrix as mx
from thidua.emulation.conferences import services as svc

R = mx.Route
TITLE = "Hội nghị sơ kết thi đua ma trận"


def extend_world(world) -> None:
    """A mid-year review of the world's 2018 block, hosted by tc and chaired by Nguyễn Việt Hùng."""
    world.conference = svc.conference_create(
        actor=None,
        title=TITLE,
        kind="so_ket",
        host_unit=world.tree.tc,
        held_on=dt.date(2018, 6, 20),
        chair=world.people.hung,
        place="Hà Nội",
        group=world.group,
    )


def _pk(w):
    return {"pk": w.conference.pk}


def _form(name, data, note=""):
    return R(name, {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST}, url=_pk, data=data, note=note)


ROUTES: list[mx.Route] = [
    R("conference_list", {"GET": mx.UI_LIST}, marker=TITLE),
    R(
        "conference_create",
        {"GET": mx.UI_CREATE, "POST": mx.UI_CREATE_POST},
        data=lambda w: {
            "title": "Hội nghị tổng kết",
            "kind": "tong_ket",
            "host_unit": w.tree.tc.pk,
            "held_on": "2018-12-20",
            "chair": w.people.hung.pk,
        },
        note="the outsider's host-unit and chair choices do not include tc's: the form comes back with errors",
    ),
    R("conference_detail", {"GET": mx.UI_READ}, url=_pk),
    R("conference_minutes_docx", {"GET": mx.UI_READ}, url=_pk),
    _form(
        "conference_edit",
        lambda w: {
            "title": TITLE,
            "kind": "so_ket",
            "held_on": "2018-06-20",
            "place": "Hà Nội",
            "status": "da_hop",
            "conclusions": "Hoàn thành tốt nhiệm vụ.",
            "version": w.conference.version,
        },
    ),
    _form("conference_attendee", lambda w: {"person": w.people.worker.pk, "role": "Đại biểu"}),
    _form("conference_agenda", lambda w: {"kind": "quan_triet", "title": "Quán triệt chỉ thị"}),
    _form("conference_outcome", lambda w: {"kind": "trao_thuong", "text": "Trao Bằng khen"}),
    _form(
        "conference_handover",
        lambda w: {"role": "khoi_truong", "from_unit": w.tree.cuc.pk, "to_unit": w.tree.nm.pk},
        note="calls org group_handover on the conference day and links it as a decision",
    ),
    _form(
        "conference_elect",
        lambda w: {"leader": w.tree.nm.pk, "leader_role": "khoi_truong", "deputy": w.tree.cuc.pk},
        note="sets up next year's block with the same members when missing",
    ),
    _form("conference_minutes", lambda w: {"minutes": "Biên bản", "version": w.conference.version}),
    _form("conference_minutes_draft", lambda w: {}),
    _form("conference_freeze", lambda w: {}),
    _form("conference_clone", lambda w: {"held_on": "2019-06-20"}),
    R("GET /api/v1/conferences", {"GET": mx.API_LIST}, marker=TITLE),
    R(
        "GET /api/v1/conferences/{conference_id}",
        {"GET": mx.API_READ},
        url=lambda w: {"conference_id": w.conference.pk},
    ),
]
