"""Benchmark: unambiguous unit labels ("Phòng Kế hoạch — Nhà máy Z111") in a people export, and keeping them right
when a unit is renamed (issue 9 part 5).

Run (once per database; the synthetic organisation is generated on the first run and reused afterwards):

    THIDUA_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/unit_labels.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/unit_labels.py

Measured in one process, on a synthetic organisation of 3,000 units (many "Phòng Kế hoạch", "Phòng Kỹ thuật" …):

- **export**: the unit column of ``ROWS`` people rows — the stored label read with the person's row (what the lists
  and exports do) against the naive baseline that works the label out per row (the units sharing the row's unit name
  and their ancestors' names: two queries a row);
- **rename**: ``unit_rename`` of a unit with a subtree (it recomputes only the names it touches, in its transaction)
  against the naive baseline of recomputing every unit's label.

Both ways must give the same labels. Prints one JSON line and writes ``bench/results/unit_labels_<db>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.config.settings")

SEED = 91


def naive_label(unit) -> str:
    """The label of ``unit`` worked out on the spot (the baseline, never used by the application): the units sharing
    its name, then the names of all their ancestors, then :func:`compute_labels` — two queries."""
    from thidua.org.labels import UnitRow, compute_labels
    from thidua.org.models import OrgUnit

    steplen = OrgUnit.steplen
    same = list(OrgUnit.objects.filter(name=unit.name).values_list("pk", "path", "name"))
    prefixes = {path[:end] for _, path, _ in same for end in range(steplen, len(path), steplen)}
    names = dict(OrgUnit.objects.filter(path__in=prefixes).values_list("path", "name"))
    return compute_labels([UnitRow(*row) for row in same], names, steplen)[unit.pk]


def build(people: int, units: int) -> None:
    """Create the synthetic organisation unless it exists."""
    from thidua.demo.synth.org import synthesize
    from thidua.org.models import OrgUnit

    if not OrgUnit.objects.filter(depth=1, name=f"Tổ chức mô phỏng (seed {SEED})").exists():
        synthesize(people=people, seed=SEED, units=units, log=lambda _: None)


def timed(fn, repeat: int) -> tuple[float, object]:
    """Best wall time of ``repeat`` runs of ``fn`` and its last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def bench_export(rows: int) -> dict:
    """The unit column of ``rows`` people: stored labels against per-row computation."""
    from thidua.org.labels import unit_label
    from thidua.org.models import Person

    def stored():
        qs = Person.objects.select_related("unit").only("pk", "unit__name", "unit__label")
        return [unit_label(p.unit) for p in qs.order_by("pk")[:rows]]

    def naive():
        qs = Person.objects.select_related("unit").only("pk", "unit__path", "unit__name")
        return [naive_label(p.unit) for p in qs.order_by("pk")[:rows]]

    t_stored, a = timed(stored, 3)
    t_naive, b = timed(naive, 1)
    assert a == b, "stored labels differ from the computed ones"
    return {"rows": rows, "stored_s": round(t_stored, 4), "naive_s": round(t_naive, 3)}


def bench_rename() -> dict:
    """Rename a unit with a subtree (and back): the service's targeted refresh against a full recomputation."""
    from django.db import transaction

    from thidua.org import services
    from thidua.org.labels import refresh_labels
    from thidua.org.models import OrgUnit

    unit = OrgUnit.objects.filter(depth=2).order_by("-numchild", "path").first()
    subtree = OrgUnit.objects.filter(path__startswith=unit.path).count()
    original = unit.name
    times = []
    for new in (f"{original} (đổi tên)", original, f"{original} (đổi tên)", original):
        unit.refresh_from_db()
        started = time.perf_counter()
        services.unit_rename(actor=None, unit=unit, new_name=new, occurred_on=dt.date(2026, 1, 1))
        times.append(time.perf_counter() - started)
    with transaction.atomic():
        t_full, changed = timed(lambda: refresh_labels(None), 3)
    assert changed == 0, "the targeted refresh left labels that a full recomputation changes"
    return {
        "units": OrgUnit.objects.count(),
        "subtree": subtree,
        "rename_s": round(statistics.median(times), 4),
        "full_refresh_s": round(t_full, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--units", type=int, default=3_000)
    parser.add_argument("--rows", type=int, default=2_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    build(args.people, args.units)
    result = {"db": connection.vendor, "export": bench_export(args.rows), "rename": bench_rename()}
    print(json.dumps(result, ensure_ascii=False))
    out = ROOT / "bench" / "results" / f"unit_labels_{connection.vendor}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
