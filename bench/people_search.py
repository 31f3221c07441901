"""Benchmark: people search (API) and the people list page on a synthetic organisation, with a naive baseline.

Run (once per database; the synthetic data is generated if the database has fewer people than asked):

    THIDUA_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/people_search.py --people 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/people_search.py --people 200000

Everything runs in-process through Django's test client (no network), so the figures are server time: URL routing,
auth, scoping, SQL and rendering. The naive baseline is what one would write without search keys or indexes: load
every person in scope and fold each name in Python. Results go to ``bench/results/<db>.json`` and are summarised in
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.config.settings")


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of values, in the same unit."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(fn, repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls of fn (each call must assert its own success)."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(samples: list[float]) -> dict[str, float]:
    """p50/p95/mean of a list of milliseconds."""
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "mean_ms": round(statistics.fmean(samples), 1),
    }


def search_terms(rng: random.Random, names: list[str]) -> list[str]:
    """A realistic query mix: full names, family+given, given names alone, prefixes typed so far, without accents."""
    from thidua.core import vn

    terms = []
    for name in rng.sample(names, 40):
        words = vn.search_key(name).split()
        terms += [" ".join(words), f"{words[0]} {words[-1]}", words[-1], words[-1][:3], " ".join(words[-2:])]
    return terms


def naive_search(user, q: str, page_size: int) -> list:
    """The baseline: every visible person loaded, names folded and sorted in Python."""
    from thidua.core import vn
    from thidua.org.models import Person

    words = vn.search_key(q).split()
    rows = [
        p
        for p in Person.objects.visible_to(user).select_related("unit")
        if all(w in vn.search_key(p.full_name) for w in words)
    ]
    rows.sort(key=lambda p: vn.name_sort_key(p.full_name))
    return rows[:page_size]


def main() -> None:
    """Generate data if needed, then measure the API, the list page and the naive baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the query mix")
    parser.add_argument("--naive", type=int, default=3, help="naive-baseline queries (slow)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from thidua.core.choices import Role
    from thidua.core.models import RoleAssignment, User
    from thidua.org.models import OrgUnit, Person

    call_command("migrate", verbosity=0)
    if Person.objects.count() < args.people:
        start = time.perf_counter()
        call_command("synth", people=args.people, seed=args.seed)
        print(f"synth {args.people}: {time.perf_counter() - start:.0f} s")
    vendor = connection.vendor
    root = OrgUnit.objects.get_root_nodes().first()
    office, _ = User.objects.get_or_create(username="bench_office")
    RoleAssignment.objects.get_or_create(user=office, role=Role.OFFICE, unit=root, include_descendants=True)
    # A unit-scoped officer: the largest second-level unit.
    children = OrgUnit.objects.get_children(root)
    big = max(children, key=lambda u: Person.objects.filter(unit__path__startswith=u.path).count())
    officer, _ = User.objects.get_or_create(username="bench_officer")
    RoleAssignment.objects.get_or_create(user=officer, role=Role.UNIT_OFFICER, unit=big, include_descendants=True)

    rng = random.Random(args.seed)
    names = list(Person.objects.order_by("?").values_list("full_name", flat=True)[:2000])
    terms = search_terms(rng, names) * args.repeat
    results: dict[str, object] = {
        "database": vendor,
        "people": Person.objects.count(),
        "units": OrgUnit.objects.count(),
        "queries": len(terms),
        "officer_scope_people": Person.objects.filter(unit__path__startswith=big.path).count(),
    }
    for label, user in (("whole_tree", office), ("one_unit", officer)):
        client = Client()
        client.force_login(user)

        def api_call(q, client=client):
            response = client.get("/api/v1/people", {"q": q})
            assert response.status_code == 200, response.content[:200]

        def page_call(q, client=client):
            response = client.get("/can-bo/", {"q": q})
            assert response.status_code == 200

        def browse_call(page, client=client):
            response = client.get("/can-bo/", {"trang": page})
            assert response.status_code == 200

        api_call("warm up")
        iterator = iter(terms)
        results[f"api_search_{label}"] = summary(timed(lambda it=iterator: api_call(next(it)), len(terms)))
        iterator = iter(terms)
        results[f"page_search_{label}"] = summary(timed(lambda it=iterator: page_call(next(it)), len(terms)))
        pages = iter([1 + i % 20 for i in range(100)])
        results[f"page_browse_{label}"] = summary(timed(lambda it=pages: browse_call(next(it)), 100))
        naive_terms = iter(terms[: args.naive])
        results[f"naive_search_{label}"] = summary(
            timed(lambda it=naive_terms, u=user: naive_search(u, next(it), settings.PEOPLE_PAGE_SIZE), args.naive)
        )
        print(label, json.dumps({k: v for k, v in results.items() if label in k}, ensure_ascii=False))
    out = ROOT / "bench" / "results" / f"people_search_{vendor}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"→ {out}")


if __name__ == "__main__":
    main()
