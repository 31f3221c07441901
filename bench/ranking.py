"""Benchmark: the ranking of a block of 500 units × 30 criteria (scores at three stages).

Run (once per database; the block is generated on the first run and reused afterwards):

    THIDUA_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/ranking.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/ranking.py

Every unit self-scores every criterion; the block leader revises about 10 % of the scores and the standing office
about 5 %, so the ranking must pick the latest stage of each (criterion, unit). Measured in one process: the
set-based ``sheet_ranking`` (one aggregate query with a correlated NOT EXISTS, plus the member list) against the naive
per-unit, per-criterion loop ``sheet_ranking_naive``; both must give the same table. Target: ≤ 200 ms. Prints one
JSON line and writes ``bench/results/ranking_<db>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.config.settings")

BLOCK = "Khối đo hiệu năng xếp hạng"
CENT = Decimal("0.01")


def sheet_ranking_naive(sheet):
    """The ranking of :func:`thidua.emulation.scoring.selectors.sheet_ranking` by a per-unit, per-criterion loop: the
    benchmark's baseline and the tests' oracle (never used by the application)."""
    from thidua.core import vn
    from thidua.emulation.models import Criterion
    from thidua.emulation.scoring.choices import CriterionKind, ScoreStage
    from thidua.emulation.scoring.selectors import RankRow, latest_score

    criteria = list(Criterion.objects.filter(group__sheet=sheet))
    rows = []
    for unit in sheet.group.members.all():
        total = Decimal("0")
        for criterion in criteria:
            score = latest_score(criterion, unit, ScoreStage.OFFICE)
            if score is not None:
                total += -score.points if criterion.kind == CriterionKind.PENALTY else score.points
        rows.append((total.quantize(CENT), unit.name, unit.pk))
    rows.sort(key=lambda r: (-r[0], vn.collation_key(r[1])))
    result, rank, previous = [], 0, None
    for i, (total, name, uid) in enumerate(rows, 1):
        if total != previous:
            rank, previous = i, total
        result.append(RankRow(rank=rank, unit_id=uid, unit_name=name, total=total))
    return result


def build(units: int, criteria: int, seed: int):
    """Create the block, its sheet, ``criteria`` criteria and the scores unless they exist; return the sheet."""
    from django.db import transaction

    from thidua.emulation.models import CriteriaSheet, Criterion, CriterionGroup, Score
    from thidua.org import services as org_services
    from thidua.org.models import EmulationGroup, GroupMembership, OrgUnit

    existing = CriteriaSheet.objects.filter(group__name=BLOCK).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)
    with transaction.atomic():
        root = OrgUnit.objects.filter(depth=1).first() or org_services.unit_create(
            actor=None, parent=None, name="Bộ Quốc phòng", short_name="BQP", kind="bo"
        )
        authority = org_services.unit_create(
            actor=None, parent=root, name="Quân khu (đo hiệu năng xếp hạng)", short_name="QK-bench", kind="khac"
        )
        authority.refresh_from_db()
        members = []
        for i in range(units):
            members.append(
                org_services.unit_create(actor=None, parent=authority, name=f"Đơn vị số {i + 1:03d}", kind="khac")
            )
            authority.refresh_from_db()
        group = EmulationGroup.objects.create(authority=authority, name=BLOCK, year=2025)
        GroupMembership.objects.bulk_create(GroupMembership(group=group, unit=u) for u in members)
        sheet = CriteriaSheet.objects.create(group=group, year=2025, title="Bảng điểm đo hiệu năng", status="cong_bo")
        cgroups = [CriterionGroup.objects.create(sheet=sheet, name=f"Nhóm {g + 1}", order=g) for g in range(3)]
        kinds = ["tieu_chi"] * (criteria - 2) + ["diem_thuong", "diem_tru"]
        Criterion.objects.bulk_create(
            Criterion(
                group=cgroups[i % 3],
                code=str(i + 1),
                label=f"Tiêu chí {i + 1}",
                kind=kinds[i],
                max_points=Decimal(10),
                order=i,
            )
            for i in range(criteria)
        )
        crits = list(Criterion.objects.filter(group__sheet=sheet))
        scores = []
        for unit in members:
            for c in crits:
                base = Decimal(rng.randint(0, 1000)) / 100
                scores.append(Score(sheet=sheet, criterion=c, unit=unit, stage="tu_cham", points=base))
                if rng.random() < 0.10:
                    scores.append(
                        Score(
                            sheet=sheet, criterion=c, unit=unit, stage="khoi_truong", points=(base / 2).quantize(CENT)
                        )
                    )
                if rng.random() < 0.05:
                    scores.append(
                        Score(
                            sheet=sheet, criterion=c, unit=unit, stage="thuong_truc", points=(base / 4).quantize(CENT)
                        )
                    )
        Score.objects.bulk_create(scores, batch_size=2000)
    return sheet


def timed(fn, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    """Build (or reuse) the block, then time the set-based and the naive ranking."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--criteria", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.emulation.models import Score
    from thidua.emulation.scoring.selectors import sheet_ranking

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    sheet = build(args.units, args.criteria, args.seed)
    build_s = time.perf_counter() - start

    with CaptureQueriesContext(connection) as fast_q:
        fast = sheet_ranking(sheet)
    naive_count = [0]

    def count(execute, sql, params, many, context):
        naive_count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        naive = sheet_ranking_naive(sheet)
    assert fast == naive, "the naive baseline and the set-based ranking disagree"

    fast_times, _ = timed(lambda: sheet_ranking(sheet), args.repeat)
    naive_times, _ = timed(lambda: sheet_ranking_naive(sheet), 1)
    db = connection.vendor
    result = {
        "benchmark": "ranking",
        "database": db,
        "units": len(fast),
        "criteria": args.criteria,
        "scores": Score.objects.filter(sheet=sheet).count(),
        "build_s": round(build_s, 3),
        "queries": len(fast_q.captured_queries),
        "naive_queries": naive_count[0],
        "best_s": round(min(fast_times), 4),
        "median_s": round(statistics.median(fast_times), 4),
        "naive_s": round(min(naive_times), 4),
        "speedup": round(min(naive_times) / min(fast_times), 1),
        "ties": len(fast) - len({r.rank for r in fast}),
        "target_s": 0.2,
        "meets_target": statistics.median(fast_times) <= 0.2,
    }
    print(json.dumps(result, ensure_ascii=False))
    out = ROOT / "bench" / "results" / f"ranking_{db}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
