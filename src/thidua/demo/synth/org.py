"""A synthetic organisation for benchmarks: a four-level unit tree under one root and N people, bulk inserted.

Used by ``thidua synth`` and by the scripts in ``bench/``. The unit plan and the people are drawn from one seeded
random stream, so a seed always gives the same names, dates and positions; only database ids differ between runs.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from thidua.core import vn
from thidua.org import labels, services
from thidua.org.choices import UnitEventKind, UnitKind
from thidua.org.models import OrgUnit, OrgUnitEvent, Person

from .people import PeopleGenerator, UnitSlot, write_people

# Synthetic units exist long before the synthetic records (2016–2025), so the collective rules judge them too.
UNITS_FOUNDED = dt.date(1980, 1, 1)

PEOPLE_PER_UNIT = 400
LEVEL_WEIGHT = {1: 0.0, 2: 0.1, 3: 0.4, 4: 1.0}  # people sit mostly in the leaf units
PLANT_DIVISIONS = [
    "Phòng Kế hoạch",
    "Phòng Kỹ thuật",
    "Phòng Tổ chức – Lao động",
    "Phòng Tài chính",
    "Phòng Chính trị",
    "Phòng Kiểm tra chất lượng",
]
TROOP_DIVISIONS = ["Phòng Tham mưu", "Phòng Chính trị", "Phòng Hậu cần – Kỹ thuật"]


@dataclass(frozen=True)
class UnitPlan:
    """One unit to create: its level (2–4), the index of its parent in the plan (-1 for the root), name and kind."""

    level: int
    parent: int
    name: str
    short_name: str
    kind: str


@dataclass(frozen=True)
class SynthResult:
    """What a run created and how long it took."""

    root: OrgUnit
    units: int
    people: int
    seconds: float


def plan_units(total: int) -> list[UnitPlan]:
    """A tree of ``total`` units below the root (≈2% level 2, 18% level 3, the rest level 4), industry branches
    (Cục → Nhà máy → Phòng/Phân xưởng) alternating with troop branches (Quân đoàn → Sư đoàn → Trung đoàn/Phòng)."""
    total = max(3, total)
    n2 = max(1, round(total * 0.02))
    n3 = max(1, round(total * 0.18))
    n4 = max(1, total - n2 - n3)
    plan: list[UnitPlan] = []
    for i in range(n2):
        if i % 2 == 0:
            plan.append(UnitPlan(2, -1, f"Cục Công nghiệp {i + 1}", f"Cục CN{i + 1}", UnitKind.DEPARTMENT))
        else:
            plan.append(UnitPlan(2, -1, f"Quân đoàn {i + 1}", f"QĐ{i + 1}", UnitKind.CORPS))
    for j in range(n3):
        parent = j % n2
        if plan[parent].kind == UnitKind.DEPARTMENT:
            plan.append(UnitPlan(3, parent, f"Nhà máy Z{101 + j}", f"Z{101 + j}", UnitKind.FACTORY))
        else:
            plan.append(UnitPlan(3, parent, f"Sư đoàn {301 + j}", f"F{301 + j}", UnitKind.DIVISION_MIL))
    seen: dict[int, int] = {}
    for k in range(n4):
        parent = n2 + k % n3
        nth = seen[parent] = seen.get(parent, 0) + 1
        if plan[parent].kind == UnitKind.FACTORY:
            if nth <= len(PLANT_DIVISIONS):
                plan.append(UnitPlan(4, parent, PLANT_DIVISIONS[nth - 1], "", UnitKind.DIVISION))
            else:
                name = f"Phân xưởng A{nth - len(PLANT_DIVISIONS)}"
                plan.append(UnitPlan(4, parent, name, "", UnitKind.WORKSHOP))
        elif nth <= len(TROOP_DIVISIONS):
            plan.append(UnitPlan(4, parent, TROOP_DIVISIONS[nth - 1], "", UnitKind.DIVISION))
        else:
            number = (301 + parent - n2) * 10 + nth
            plan.append(UnitPlan(4, parent, f"Trung đoàn {number}", f"E{number}", UnitKind.REGIMENT))
    return plan


def _insert_units(root: OrgUnit, plan: list[UnitPlan]) -> list[OrgUnit]:
    """Bulk-insert the planned units level by level, computing treebeard paths and child counts ourselves."""
    children: dict[int, list[int]] = {}
    for index, unit in enumerate(plan):
        children.setdefault(unit.parent, []).append(index)
    made: dict[int, OrgUnit] = {-1: root}
    for level in (2, 3, 4):
        batch = []
        for parent_index, kids in children.items():
            parent = made.get(parent_index)
            if parent is None or parent.depth != level - 1:
                continue
            for step, index in enumerate(kids, start=1):
                spec = plan[index]
                unit = OrgUnit(
                    name=spec.name,
                    short_name=spec.short_name,
                    kind=spec.kind,
                    valid_from=UNITS_FOUNDED,
                    path=OrgUnit._get_path(parent.path, level, step),
                    depth=level,
                    numchild=len(children.get(index, ())),
                    search_key=vn.search_key(f"{spec.name} {spec.short_name}"),
                )
                made[index] = unit
                batch.append(unit)
        OrgUnit.objects.bulk_create(batch, batch_size=2000)
    OrgUnit.objects.filter(pk=root.pk).update(numchild=len(children.get(-1, ())))
    units = [made[i] for i in range(len(plan))]
    labels.refresh_labels({u.name for u in units})
    OrgUnitEvent.objects.bulk_create(
        [OrgUnitEvent(unit=u, kind=UnitEventKind.CREATE, occurred_on=UNITS_FOUNDED, new_name=u.name) for u in units],
        batch_size=2000,
    )
    return units


def synthesize(
    *, people: int, seed: int, units: int | None = None, batch_size: int = 2000, log: Callable[[str], None] = print
) -> SynthResult:
    """Create a synthetic organisation with ``people`` people (and ≈ people/400 units unless ``units`` is given)."""
    started = time.perf_counter()
    root_name = f"Tổ chức mô phỏng (seed {seed})"
    if OrgUnit.objects.filter(depth=1, name=root_name).exists():
        raise ValueError(f"Đã có «{root_name}»; hãy dùng seed khác hoặc cơ sở dữ liệu mới.")
    total = units or max(3, round(people / PEOPLE_PER_UNIT))
    rng = random.Random(seed)
    serial_base = Person.objects.count()
    generator = PeopleGenerator(seed * 7919 + 1, serial_base=serial_base)
    with transaction.atomic():
        root = services.unit_create(
            actor=None,
            parent=None,
            name=root_name,
            short_name=f"MP{seed}",
            kind=UnitKind.OTHER,
            valid_from=UNITS_FOUNDED,
        )
        plan = plan_units(total - 1)
        made = _insert_units(root, plan)
        log(f"  {len(made) + 1} đơn vị ({vn.format_number(time.perf_counter() - started, 1)} giây)")
        slots = [UnitSlot(u.pk, u.kind, u.name) for u in made]
        weights = [LEVEL_WEIGHT[p.level] for p in plan]
        counts = [0] * len(plan)
        for index in rng.choices(range(len(plan)), weights, k=people):
            counts[index] += 1
        pending, written, step = [], 0, max(batch_size, people // 10)
        for slot, count in zip(slots, counts, strict=True):
            if count:
                pending.extend(generator.unit_people(slot, count, others=slots))
            if len(pending) >= batch_size:
                before = written
                written += write_people(pending, batch_size)
                pending = []
                if written // step != before // step:
                    log(
                        f"  {vn.format_number(written)}/{vn.format_number(people)} người "
                        f"({vn.format_number(time.perf_counter() - started, 1)} giây)"
                    )
        written += write_people(pending, batch_size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return SynthResult(root=root, units=len(made) + 1, people=written, seconds=time.perf_counter() - started)
