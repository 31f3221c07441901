"""Objects the review-period tests share: two small templates, a block period and a previous period.

Templates are created here (not taken from the seed migration): browser tests flush the database, so a later test in
the same process cannot count on migrated data.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from thidua.emulation.models import Indicator, IndicatorTemplate
from thidua.emulation.reports import services
from thidua.org import services as org_services

D = dt.date


def make_templates() -> SimpleNamespace:
    """ "Thanh tra" (two counts, a percentage) and "BVSK" (count, percentage, yes/no, text)."""
    tt = IndicatorTemplate.objects.create(name="Thanh tra (kiểm thử)", work_area="thanh_tra")
    bv = IndicatorTemplate.objects.create(name="BVSK – DS, GĐ, TE (kiểm thử)", work_area="bvsk_ds_gd_te")
    ind = SimpleNamespace(
        cuoc=Indicator.objects.create(
            template=tt,
            code="so_cuoc",
            label="Số cuộc thanh tra, kiểm tra",
            kind="so_luong",
            unit_label="cuộc",
            order=1,
            required=True,
        ),
        don=Indicator.objects.create(
            template=tt, code="so_don", label="Số đơn thư đã giải quyết", kind="so_luong", unit_label="đơn", order=2
        ),
        tyle_don=Indicator.objects.create(
            template=tt, code="ty_le_don", label="Tỷ lệ đơn thư đã giải quyết", kind="ty_le", unit_label="%", order=3
        ),
        luot=Indicator.objects.create(
            template=bv, code="luot", label="Số lượt người nghe", kind="so_luong", unit_label="lượt người", order=1
        ),
        khoe=Indicator.objects.create(
            template=bv, code="khoe", label="Tỷ lệ quân số khoẻ", kind="ty_le", unit_label="%", order=2
        ),
        sinh3=Indicator.objects.create(
            template=bv, code="sinh3", label="Có trường hợp sinh con thứ ba", kind="co_khong", order=3
        ),
        ghichu=Indicator.objects.create(template=bv, code="ghichu", label="Ghi chú", kind="van_ban", order=4),
    )
    return SimpleNamespace(tt=tt, bv=bv, ind=ind)


def make_block(tree, *, due=D(2020, 12, 15), opens=D(2020, 11, 1), previous=None, templates=None, name=None):
    """A block of the Tổng cục (Cục Chính trị, Z111) and a year-end period for it."""
    templates = templates or make_templates()
    group = org_services.group_create(
        actor=None, authority=tree.tc, name=f"Khối kiểm thử {due.year}", year=due.year, members=[tree.cuc, tree.nm]
    )
    period = services.period_create(
        actor=None,
        name=name or f"Tổng kết thi đua năm {due.year}",
        kind="tong_ket_nam",
        year=due.year,
        authority=tree.tc,
        group=group,
        templates=[templates.tt, templates.bv],
        opens_on=opens,
        due_on=due,
        remind_days=3,
        previous=previous,
    )
    return SimpleNamespace(period=period, group=group, templates=templates, ind=templates.ind)
