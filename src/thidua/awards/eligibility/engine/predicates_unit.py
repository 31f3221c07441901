"""Collective predicates for the army's two kinds of collectives and for the emulation flags.

``unit_is_enterprise`` tells an enterprise (doanh nghiệp sản xuất, kinh doanh — a defence plant and its workshops),
which is considered for "Tập thể lao động xuất sắc / tiên tiến", from a military unit, considered for "Đơn vị Quyết
thắng / tiên tiến" (DOMAIN.md §5.1, rule of use [V-old]). ``led_block`` reads the emulation app's block scoring: a
unit led its block (khối, cụm thi đua) in year Y when it is first in the block's published ranking or the block's
proposal (suy tôn) names it (DOMAIN.md §7.3, R14); first place in a ranking that is only previewed (công bố dự kiến)
is "sắp đủ" until the ranking is published. Both follow the predicate contract of :mod:`.predicates` and are merged
with its REGISTRY in :mod:`.vocabulary`.
"""

from __future__ import annotations

from thidua.catalogue.seed import award_names

from .predicates import FAIL, MET, SOON

AWARD_NAMES = award_names()


def unit_is_enterprise(p, f, ctx, want):
    """The collective is (``value = true``) or is not an enterprise, itself or as part of one."""
    enterprise = f.enterprise  # (name of the enterprise, whether it is the unit itself) or None
    ok = (enterprise is not None) == p.value
    if not want:
        return (MET if ok else FAIL), None, None
    if enterprise is None:
        text = "Không phải doanh nghiệp (đơn vị quân đội)"
    elif enterprise[1]:
        text = "Là doanh nghiệp sản xuất, kinh doanh"
    else:
        text = f"Là doanh nghiệp (thuộc {enterprise[0]})"
    if not ok and p.instead:
        text += f" — xét {AWARD_NAMES.get(p.instead, p.instead)}"
    return (MET if ok else FAIL), None, text


def _place(result) -> str:
    """ "xếp thứ 1/6 Khối 2" for one block result."""
    return f"xếp thứ {result.rank}/{result.size} {result.block}"


def led_block(p, f, ctx, want):
    """First in the block's published ranking of Y, or named by its proposal; first in a previewed ranking: soon."""
    results = f.blocks
    for r in results:
        if r.published and (r.rank == 1 or r.proposed):
            if not want:
                return MET, None, None
            how = f"được {r.block} suy tôn" if r.proposed else "dẫn đầu"
            return MET, None, f"{how}: {_place(r)} năm {ctx.year} (kết quả đã công bố)"
    if p.preview_soon:
        for r in results:
            if not r.published and r.rank == 1:
                text = f"{_place(r)} năm {ctx.year} theo kết quả công bố dự kiến — chờ công bố chính thức"
                return SOON, ctx.ref, (text if want else None)
    if not want:
        return FAIL, None, None
    if not results:
        return FAIL, None, f"không có kết quả chấm điểm khối, cụm thi đua năm {ctx.year} đã công bố"
    parts = [f"{_place(r)} ({'đã công bố' if r.published else 'công bố dự kiến'})" for r in results]
    return FAIL, None, f"năm {ctx.year}: " + "; ".join(parts) + " — không dẫn đầu khối"


REGISTRY = {
    "unit_is_enterprise": unit_is_enterprise,
    "led_block": led_block,
}
