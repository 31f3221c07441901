"""Demo collectives for the unit rules of the last demo year (ILLUSTRATIVE).

* **exemplary** units: every member completes the year's tasks with a title (LĐTT in an enterprise, CSTT elsewhere)
  and one is CSTĐCS — Phòng Kỹ thuật of Z111 and of Z113 (enterprises: Tập thể lao động xuất sắc), Thanh tra Tổng
  cục and the Tạp chí (military units: Đơn vị Quyết thắng);
* **pending** units: their collective result of the last year is not recorded yet, so their titles are "sắp đủ";
* **leaders**: rated HTXSNV in the last year; Thanh tra Tổng cục leads Khối 2 (published, proposed for the Cờ thi đua
  BQP) and Cục Cán bộ leads Khối thi đua số 3/TCCT (only previewed), each already holding a unit flag;
* the two block scorings of the last year, through the emulation services (criteria of the 2020 Khối 2 sheet).

Units are named by (parent name, name); everything is looked up first, so a second run creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua.catalogue.models import Award
from thidua.demo.emulation.conferences import CRITERIA, open_sheet, self_score
from thidua.emulation.models import CriteriaSheet
from thidua.emulation.scoring import services as score_svc
from thidua.emulation.scoring.choices import SheetStatus
from thidua.org.models import EmulationGroup, OrgUnit

from .data import LAST_YEAR

TC, TCCT = "Tổng cục Công nghiệp quốc phòng", "Tổng cục Chính trị"
TT, TAPCHI = "Thanh tra Tổng cục", "Tạp chí Công nghiệp quốc phòng và Kinh tế"
EXEMPLARY = (("Nhà máy Z111", "Phòng Kỹ thuật"), ("Nhà máy Z113", "Phòng Kỹ thuật"), (TC, TT), (TC, TAPCHI))
PENDING = (("Nhà máy Z113", "Phòng Kỹ thuật"), (TC, TAPCHI))
LEADERS = ((TC, TT), (TCCT, "Cục Cán bộ"))
FLAGS = ((TC, TT, LAST_YEAR - 1, "CO_DVTT_BQP"), (TCCT, "Cục Cán bộ", LAST_YEAR - 2, "CO_DVTT_BQP"))


@dataclass(frozen=True)
class BlockScoring:
    """A block's scoring of the last year: points per member (per criterion of CRITERIA), how far it went, and the
    flag its leading unit is proposed for (suy tôn) once published."""

    authority: str
    group: str
    points: dict[str, tuple[int, ...]]
    published: bool
    propose: str | None = None


BLOCKS = (
    BlockScoring(
        TC,
        "Khối 2 – Cụm thi đua cơ quan Tổng cục",
        {
            TT: (39, 15, 20, 15, 5, 0),
            TAPCHI: (38, 14, 19, 14, 4, 0),
            "Ban Quản lý Dự án I": (38, 14, 19, 14, 3, 0),
            "Cơ quan Ủy ban Kiểm tra": (37, 14, 19, 14, 3, 0),
            "Phòng Tài chính": (37, 13, 19, 13, 2, 0),
            "Phòng Điều tra hình sự": (36, 13, 18, 13, 2, 1),
        },
        published=True,
        propose="CO_BQP",
    ),
    BlockScoring(
        TCCT,
        "Khối thi đua số 3",
        {
            "Cục Cán bộ": (39, 15, 19, 14, 4, 0),
            "Cục Chính sách": (38, 14, 19, 14, 3, 0),
            "Văn phòng TCCT": (38, 14, 18, 14, 2, 0),
            "Cục Tổ chức": (37, 14, 18, 13, 2, 0),
            "Cục Tuyên huấn": (36, 13, 18, 13, 3, 0),
        },
        published=False,
    ),
)


@dataclass
class Plan:
    """Unit ids by role in the last year, the enterprise units, and the flags already held (unit id, year, code)."""

    exemplary: set[int] = field(default_factory=set)
    pending: set[int] = field(default_factory=set)
    leaders: set[int] = field(default_factory=set)
    enterprise: set[int] = field(default_factory=set)
    flags: list[tuple[int, int, str]] = field(default_factory=list)


def _by_parent_and_name(units: list[OrgUnit]) -> dict[tuple[str, str], OrgUnit]:
    """(parent name, name) → unit, for the units of the demo tree."""
    by_path = {u.path: u for u in units}
    out = {}
    for unit in units:
        parent = by_path.get(unit.path[: -OrgUnit.steplen])
        if parent is not None:
            out[parent.name, unit.name] = unit
    return out


def _in_enterprise(units: list[OrgUnit]) -> set[int]:
    """Ids of the units that are enterprises or lie inside one."""
    paths = [u.path for u in units if u.is_enterprise]
    return {u.pk for u in units if any(u.path.startswith(p) for p in paths)}


def plan(units: list[OrgUnit]) -> Plan:
    """The roles of the demo collectives in the last year (units missing from the tree are skipped)."""
    named = _by_parent_and_name(units)

    def ids(keys) -> set[int]:
        return {named[k].pk for k in keys if k in named}

    flags = [(named[p, n].pk, year, code) for p, n, year, code in FLAGS if (p, n) in named]
    return Plan(ids(EXEMPLARY), ids(PENDING), ids(LEADERS), _in_enterprise(units), flags)


def block_sheet(
    group: EmulationGroup,
    year: int,
    criteria,
    points: dict[OrgUnit, tuple[int, ...]],
    *,
    published: bool,
    propose: Award | None = None,
) -> CriteriaSheet:
    """Score a block through the emulation services: ``criteria`` as in ``emulation.demo.CRITERIA``, each member's
    self-scores, then the two reviews and the preview; with ``published``, publication and the proposal (suy tôn)
    of its leading unit for ``propose``. An existing sheet of the block and year is returned as it is."""
    sheet = CriteriaSheet.objects.filter(group=group, year=year).first()
    if sheet is not None:
        return sheet
    sheet, made = open_sheet(group, year, f"Bảng điểm thi đua {group.name} {year}", criteria)
    for unit, values in points.items():
        self_score(sheet, made, unit, values, f"Báo cáo tổng kết năm {year} của đơn vị")
    for _ in range(3):  # block leader review, office review, preview
        sheet = score_svc.sheet_advance(actor=None, sheet=sheet)
    if published:
        sheet = score_svc.sheet_advance(actor=None, sheet=sheet)
        if propose is not None:
            score_svc.sheet_propose(actor=None, sheet=sheet, award=propose)
    return sheet


def load_blocks(units: list[OrgUnit]) -> list[CriteriaSheet]:
    """The last year's block scorings of :data:`BLOCKS` (a block missing from the org demo is skipped)."""
    named = _by_parent_and_name(units)
    authorities = {u.name: u for u in units if u.depth <= 2}
    sheets = []
    for spec in BLOCKS:
        authority = authorities.get(spec.authority)
        group = EmulationGroup.objects.filter(authority=authority, name=spec.group, year=LAST_YEAR).first()
        if group is None:
            continue
        points = {named[spec.authority, name]: values for name, values in spec.points.items()}
        award = Award.objects.filter(code=spec.propose).first() if spec.propose else None
        sheets.append(block_sheet(group, LAST_YEAR, CRITERIA, points, published=spec.published, propose=award))
    return [s for s in sheets if s.status in (SheetStatus.PREVIEW, SheetStatus.PUBLISHED)]
