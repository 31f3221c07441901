"""Benchmark: a full eligibility evaluation of every rule for one year on ``thidua synth`` data, with a naive baseline.

Run (once per database; people and 10 years of records are generated if the database has fewer people than asked):

    THIDUA_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/eligibility.py --people 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/eligibility.py --people 200000

Measured in one process: the bulk ``evaluate(year)`` (set-based fact loading + shared predicates; reasons are built
lazily, so the time also includes building the reasons of the eligible verdicts when ``--with-reasons``), its peak
Python memory (tracemalloc) and the process's peak RSS, the one-person ``explain`` p50/p95, and the naive baseline:
the one-subject path (per-person ORM queries and Python checks) for every award on a random sample of people,
extrapolated to everyone. Prints one JSON line and writes ``bench/results/eligibility_<db>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.config.settings")


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))]


def main() -> None:
    """Prepare data if needed, then time the bulk run, explain and the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=200, help="people in the naive baseline sample")
    parser.add_argument("--explain", type=int, default=200, help="explain() calls to time")
    parser.add_argument("--repeat", type=int, default=3, help="bulk runs (best and median reported)")
    parser.add_argument("--with-reasons", action="store_true", help="also build every eligible verdict's reasons")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from thidua.awards.eligibility.engine import evaluate, explain, rules_in_force
    from thidua.org.models import Person
    from thidua.records.models import PersonRating

    call_command("migrate", verbosity=0)
    if Person.objects.count() < args.people:
        start = time.perf_counter()
        call_command("synth", people=args.people, seed=args.seed)
        print(f"synth {args.people}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if not PersonRating.objects.filter(year=args.year).exists():
        from thidua.demo.synth.records import generate

        start = time.perf_counter()
        generate(first=args.year - 9, last=args.year, seed=args.seed, replace=True)
        print(f"records {args.year - 9}–{args.year}: {time.perf_counter() - start:.0f} s", file=sys.stderr)

    people = Person.objects.count()
    rules = rules_in_force(args.year)
    counts = {
        "ratings": PersonRating.objects.count(),
        "award_records": __import__("thidua.records.models", fromlist=["AwardRecord"]).AwardRecord.objects.count(),
    }

    # Bulk run: wall time (best of N) and memory on a separate traced run.
    times, verdict_count = [], 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        verdicts = evaluate(args.year)
        if args.with_reasons:
            for v in verdicts:
                v.reasons  # noqa: B018 - force the lazy reasons
        times.append(time.perf_counter() - start)
        verdict_count = len(verdicts)
        del verdicts
    # Peak RSS of the untraced runs (tracemalloc's own bookkeeping would inflate it), then the Python heap traced.
    rss_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    verdicts = evaluate(args.year)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    by_outcome: dict[str, int] = {}
    for v in verdicts:
        by_outcome[v.outcome] = by_outcome.get(v.outcome, 0) + 1
    del verdicts

    # One-person explain (a random award of the person's subject type each time).
    rng = random.Random(args.seed)
    ids = list(Person.objects.values_list("id", flat=True))
    person_codes = [c for c, rv in rules.items() if rv.document["subject"] == "ca_nhan"]
    explain_ms = []
    for pid in rng.sample(ids, min(args.explain, len(ids))):
        p = Person.objects.get(pk=pid)
        code = rng.choice(person_codes)
        start = time.perf_counter()
        explain(p, code, args.year)
        explain_ms.append((time.perf_counter() - start) * 1000)

    # Naive baseline: the per-person path for every person award, on a sample, extrapolated.
    sample = [Person.objects.get(pk=pid) for pid in rng.sample(ids, min(args.sample, len(ids)))]
    start = time.perf_counter()
    for p in sample:
        for code in person_codes:
            explain(p, code, args.year)
    naive_sample_s = time.perf_counter() - start
    naive_total_s = naive_sample_s * people / len(sample)

    best = min(times)
    result = {
        "bench": "eligibility",
        "db": connection.vendor,
        "people": people,
        "year": args.year,
        "rules": len(rules),
        **counts,
        "verdicts_kept": verdict_count,
        "outcomes": by_outcome,
        "full_run_s": round(best, 2),
        "full_run_median_s": round(statistics.median(times), 2),
        "with_reasons": args.with_reasons,
        "traced_peak_mb": round(traced_peak / 2**20, 1),
        "rss_peak_mb": round(rss_peak_mb, 1),
        "explain_p50_ms": round(statistics.median(explain_ms), 1),
        "explain_p95_ms": round(percentile(explain_ms, 95), 1),
        "naive_sample": len(sample),
        "naive_sample_s": round(naive_sample_s, 2),
        "naive_extrapolated_s": round(naive_total_s, 1),
        "speedup": round(naive_total_s / best, 1),
    }
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    out = ROOT / "bench" / "results" / f"eligibility_{connection.vendor}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
