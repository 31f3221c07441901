"""Permission-matrix entries of review periods, unit reports and the central report (UI and API)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from tests import matrix as mx
from tests.emulation.reports_world import make_templates
from thidua.emulation.reports import services

R = mx.Route
FORM = {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST}
PERIOD_NAME = "Kỳ tổng kết ma trận phân quyền"


def extend_world(world) -> None:
    """A period of the Tổng cục for Z111 and Cục Chính trị (due in 2 days), and Z111's draft report with a file."""
    templates = make_templates()
    today = dt.date.today()
    period = services.period_create(
        actor=None,
        name=PERIOD_NAME,
        kind="tong_ket_nam",
        year=today.year,
        authority=world.tree.tc,
        units=[world.tree.nm, world.tree.cuc],
        templates=[templates.tt, templates.bv],
        opens_on=today - dt.timedelta(days=10),
        due_on=today + dt.timedelta(days=2),
    )
    report = services.report_save(
        actor=None,
        period=period,
        unit=world.tree.nm,
        values={templates.ind.cuoc.pk: "2"},
        attachment=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 ma tran", content_type="application/pdf"),
    )
    period.refresh_from_db()
    world.rep = SimpleNamespace(period=period, report=report, templates=templates, ind=templates.ind)


def _period(w) -> dict:
    return {"pk": w.rep.period.pk}


ROUTES: list[mx.Route] = [
    R("period_list", {"GET": mx.UI_LIST}, marker=PERIOD_NAME),
    R(
        "period_create",
        {"GET": mx.UI_CREATE, "POST": mx.UI_CREATE_POST},
        data=lambda w: {
            "name": "Sơ kết 6 tháng (ma trận)",
            "kind": "so_ket_6_thang",
            "year": "2021",
            "authority": w.tree.tc.pk,
            "units": [w.tree.nm.pk],
            "templates": [w.rep.templates.tt.pk],
            "opens_on": "2021-06-01",
            "due_on": "2021-06-20",
            "remind_days": "3",
        },
        note="the outsider's form rejects the Tổng cục (not in its change scope) and re-renders",
    ),
    R("indicator_template_list", {"GET": mx.UI_LIST}, note="a catalogue: the same for everyone signed in"),
    R("period_detail", {"GET": mx.UI_READ}, url=_period),
    R(
        "period_extend",
        FORM,
        url=_period,
        data=lambda w: {
            "unit": w.tree.nm.pk,
            "due_on": (w.rep.period.due_on + dt.timedelta(days=5)).isoformat(),
            "reason": "Đơn vị đi diễn tập",
        },
    ),
    R("period_close", FORM, url=_period, data=lambda w: {"version": w.rep.period.version}),
    R(
        "period_central_report",
        {"GET": mx.UI_FORM},
        url=_period,
        note="drafting the central report needs change scope on the authority (or the block's leading unit)",
    ),
    R(
        "unit_report_edit",
        FORM,
        url=lambda w: {"pk": w.rep.period.pk, "unit_pk": w.tree.nm.pk},
        data=lambda w: {
            f"value_{w.rep.ind.cuoc.pk}": "3",
            "narrative": "Hoàn thành tốt",
            "action": "luu",
            "version": w.rep.report.version,
        },
    ),
    R("unit_report_list", {"GET": mx.UI_LIST}, marker=PERIOD_NAME),
    R("unit_report_detail", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.rep.report.pk}),
    R("unit_report_attachment", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.rep.report.pk}),
    # --- API -----------------------------------------------------------------------------------------------------
    R("GET /api/v1/indicator-templates", {"GET": mx.API_LIST}, note="a catalogue"),
    R("GET /api/v1/periods", {"GET": mx.API_LIST}, marker=PERIOD_NAME),
    R("GET /api/v1/periods/{period_id}", {"GET": mx.API_READ}, url=lambda w: {"period_id": w.rep.period.pk}),
    R(
        "GET /api/v1/periods/{period_id}/reports/{unit_id}",
        {"GET": mx.API_READ},
        url=lambda w: {"period_id": w.rep.period.pk, "unit_id": w.tree.nm.pk},
    ),
    R(
        "PUT /api/v1/periods/{period_id}/reports/{unit_id}",
        {"PUT": mx.API_WRITE},
        url=lambda w: {"period_id": w.rep.period.pk, "unit_id": w.tree.nm.pk},
        data=lambda w: {"values": {"so_cuoc": 4}, "narrative": "Qua API"},
    ),
    R("GET /api/v1/report-reminders", {"GET": mx.API_LIST}, note="reminders of the caller's change scope"),
]
