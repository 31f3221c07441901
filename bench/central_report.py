"""Benchmark: drafting the báo cáo trung tâm (.docx) of a block of 30 units × 40 indicators × 10 periods.

Run (once per database; the block is generated on the first run and reused afterwards):

    THIDUA_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/central_report.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/central_report.py

Measured in one process, on the last period (compared with the one before it): the set-based
``central_report_data`` (a fixed number of queries) and the whole drafting (data + python-docx rendering), against
a naive baseline that fetches every value with its own ORM query (units × indicators × 2 periods) and renders the
same document. Both must give the same totals. Target: drafting ≤ 2 s. Prints one JSON line and writes
``bench/results/central_report_<db>.json``.
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

BLOCK = "Khối đo hiệu năng báo cáo trung tâm"
KINDS = ("so_luong",) * 24 + ("ty_le",) * 8 + ("co_khong",) * 4 + ("van_ban",) * 4


def build(units: int, indicators: int, periods: int, seed: int):
    """Create the block (units, one template of ``indicators`` typed indicators, ``periods`` chained periods, every
    unit's submitted report with every value) unless it exists; return the last period."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from thidua.emulation.models import Indicator, IndicatorTemplate, ReportValue, ReviewPeriod, UnitReport
    from thidua.emulation.reports import services
    from thidua.org import services as org_services
    from thidua.org.models import EmulationGroup, OrgUnit

    existing = ReviewPeriod.objects.filter(group__name=BLOCK).order_by("-year").first()
    if existing is not None:
        return existing
    rng = random.Random(seed)
    with transaction.atomic():
        root = OrgUnit.objects.filter(depth=1).first() or org_services.unit_create(
            actor=None, parent=None, name="Bộ Quốc phòng", short_name="BQP", kind="bo"
        )
        authority = org_services.unit_create(
            actor=None, parent=root, name="Tổng cục (đo hiệu năng)", short_name="TC-bench", kind="tong_cuc"
        )
        authority.refresh_from_db()
        members = []
        for i in range(units):
            unit = org_services.unit_create(
                actor=None, parent=authority, name=f"Cơ quan số {i + 1:02d}", short_name=f"CQ{i + 1:02d}", kind="cuc"
            )
            authority.refresh_from_db()
            members.append(unit)
        template = IndicatorTemplate.objects.create(name="Mẫu đo hiệu năng (40 chỉ tiêu)", work_area="khac")
        inds = Indicator.objects.bulk_create(
            Indicator(
                template=template,
                code=f"ct{i:02d}",
                label=f"Chỉ tiêu số {i + 1}",
                kind=KINDS[i % len(KINDS)],
                unit_label="%" if KINDS[i % len(KINDS)] == "ty_le" else "",
                order=i,
            )
            for i in range(indicators)
        )
        inds = list(Indicator.objects.filter(template=template).order_by("order"))
        previous = None
        first_year = 2026 - periods
        for p in range(periods):
            year = first_year + p + 1
            group = EmulationGroup.objects.create(authority=authority, name=BLOCK, year=year)
            group.members.set(members)
            period = services.period_create(
                actor=None,
                name=f"Tổng kết thi đua năm {year} (đo hiệu năng)",
                kind="tong_ket_nam",
                year=year,
                authority=authority,
                group=group,
                units=members,
                templates=[template],
                opens_on=dt.date(year, 11, 1),
                due_on=dt.date(year, 12, 15),
                previous=previous,
            )
            now = timezone.now()
            reports = UnitReport.objects.bulk_create(
                UnitReport(period=period, unit=u, status="da_nop", submitted_at=now, narrative=f"Kết quả của {u.name}.")
                for u in members
            )
            reports = list(UnitReport.objects.filter(period=period))
            values = []
            for report in reports:
                for ind in inds:
                    value = ReportValue(report=report, indicator=ind)
                    if ind.kind == "so_luong":
                        value.number = Decimal(rng.randint(0, 5000))
                    elif ind.kind == "ty_le":
                        value.number = Decimal(rng.randint(8000, 10000)) / 100
                    elif ind.kind == "co_khong":
                        value.flag = rng.random() < 0.7
                    else:
                        value.text = "Hoàn thành tốt nhiệm vụ được giao."
                    values.append(value)
            ReportValue.objects.bulk_create(values, batch_size=2000)
            previous = period
    return previous


def naive_data(period):
    """The same :class:`CentralReport`, fetching each value with its own query (what a first version would do)."""
    from thidua.emulation.models import ReportValue, UnitReport
    from thidua.emulation.reports import selectors as sel

    period.refresh_from_db()
    indicators = sel.period_indicators(period)
    sections, missing, per_indicator, prev_per_indicator = [], [], {}, {}
    for unit in period.units.order_by("path"):
        report = UnitReport.objects.filter(period=period, unit=unit, status="da_nop").first()
        if report is None:
            missing.append(unit)
            continue
        figures, previous = {}, {}
        for ind in indicators:
            row = ReportValue.objects.filter(report=report, indicator=ind).values("number", "text", "flag").first()
            if row is not None:
                figures[ind.pk] = sel.Figure(value=sel._raw(ind.kind, row), report_id=report.pk)
                per_indicator.setdefault(ind.pk, []).append(figures[ind.pk])
            if period.previous_id:
                prev = (
                    ReportValue.objects.filter(
                        report__period_id=period.previous_id, report__unit=unit, report__status="da_nop", indicator=ind
                    )
                    .values("number", "text", "flag")
                    .first()
                )
                if prev is not None:
                    previous[ind.pk] = sel._raw(ind.kind, prev)
                    prev_per_indicator.setdefault(ind.pk, []).append(previous[ind.pk])
        sections.append(sel.UnitSection(unit=unit, report=report, figures=figures, previous=previous))
    totals = []
    for ind in indicators:
        if ind.kind == "van_ban":
            continue
        current = [f for f in per_indicator.get(ind.pk, []) if f.value is not None]
        totals.append(
            sel.Total(
                indicator=ind,
                value=sel._aggregate(ind.kind, [f.value for f in current]),
                previous=sel._aggregate(ind.kind, prev_per_indicator.get(ind.pk, [])) if period.previous_id else None,
                units=len(current),
                sources=[f.report_id for f in current],
            )
        )
    return sel.CentralReport(
        period=period, indicators=indicators, sections=sections, totals=totals, missing=missing, leaders=[]
    )


def timed(fn, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    """Build (or reuse) the block, then time the set-based and the naive drafting on its last period."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from thidua.emulation.reports.documents import render_central_report
    from thidua.emulation.reports.selectors import central_report_data

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    period = build(args.units, args.indicators, args.periods, args.seed)
    build_s = time.perf_counter() - start

    reset_queries()
    with CaptureQueriesContext(connection) as fast_q:
        data = central_report_data(period)
    with CaptureQueriesContext(connection) as naive_q:
        naive = naive_data(period)
    assert [(t.indicator.pk, t.value, t.previous) for t in data.totals] == [
        (t.indicator.pk, t.value, t.previous) for t in naive.totals
    ], "the naive baseline and the set-based data disagree"

    data_times, _ = timed(lambda: central_report_data(period), args.repeat)
    naive_data_times, _ = timed(lambda: naive_data(period), max(1, args.repeat // 2))
    draft_times, content = timed(lambda: render_central_report(central_report_data(period)), args.repeat)
    naive_draft_times, _ = timed(lambda: render_central_report(naive_data(period)), max(1, args.repeat // 2))

    db = connection.vendor
    result = {
        "benchmark": "central_report",
        "database": db,
        "units": args.units,
        "indicators": args.indicators,
        "periods": args.periods,
        "values_in_period": sum(len(s.figures) for s in data.sections),
        "build_s": round(build_s, 3),
        "queries": len(fast_q.captured_queries),
        "naive_queries": len(naive_q.captured_queries),
        "data_best_s": round(min(data_times), 4),
        "data_median_s": round(statistics.median(data_times), 4),
        "naive_data_best_s": round(min(naive_data_times), 4),
        "draft_best_s": round(min(draft_times), 4),
        "draft_median_s": round(statistics.median(draft_times), 4),
        "naive_draft_best_s": round(min(naive_draft_times), 4),
        "data_speedup": round(min(naive_data_times) / min(data_times), 1),
        "draft_speedup": round(min(naive_draft_times) / min(draft_times), 2),
        "docx_bytes": len(content),
        "target_s": 2.0,
        "meets_target": statistics.median(draft_times) <= 2.0,
    }
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    out = ROOT / "bench" / "results" / f"central_report_{db}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
