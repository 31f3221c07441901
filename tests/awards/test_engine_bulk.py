"""The bulk run split over two processes gives exactly the verdicts and counts of the one-process run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from thidua.awards.engine import bulk, evaluate_full


@pytest.fixture
def demo(db):
    """The demo organisation with 2015–2025 records (thousands of people and units judged for every rule)."""
    call_command("demo", stdout=StringIO())


def _outcome(result):
    """What a user sees of a run: every kept verdict (in order), the counts per award and the subjects judged."""
    rows = [(v.subject_type, v.subject_id, v.unit_id, v.award_code, v.outcome, v.soon_on) for v in result.verdicts]
    return rows, result.summary, result.subjects


def test_two_processes_agree_with_one(demo, monkeypatch):
    one = evaluate_full(2025, workers=1)
    monkeypatch.setattr(bulk, "PARALLEL_MIN_WORK", 0)
    forks = []
    real_fork = bulk.os.fork
    monkeypatch.setattr(bulk.os, "fork", lambda: forks.append(1) or real_fork())
    two = evaluate_full(2025, workers=2)
    assert forks == [1]
    assert _outcome(two) == _outcome(one)
    assert any(v.outcome == "sap_du" for v in two.verdicts) and any(v.outcome == "du" for v in two.verdicts)
    # Reasons are still built lazily from the parent's facts for verdicts judged in the child.
    eligible = next(v for v in two.verdicts if v.outcome == "du")
    assert eligible.reasons and all(r.text for r in eligible.reasons)


def test_a_failing_child_falls_back_to_the_parent(demo, monkeypatch):
    one = evaluate_full(2025, workers=1)
    monkeypatch.setattr(bulk, "PARALLEL_MIN_WORK", 0)
    monkeypatch.setattr(bulk, "_child", lambda *args: bulk.os._exit(3))
    two = evaluate_full(2025, workers=2)
    assert _outcome(two) == _outcome(one)


def test_split_balances_the_work():
    tasks = [bulk.Task((), dict.fromkeys(range(n)), None) for n in (100, 10, 60, 50)]
    mine, theirs = bulk._split(tasks)
    assert sorted(mine + theirs) == [0, 1, 2, 3]
    loads = [sum(tasks[i].work for i in side) for side in (mine, theirs)]
    assert abs(loads[0] - loads[1]) <= max(t.work for t in tasks) // 2


def test_small_runs_stay_in_one_process(demo, monkeypatch):
    monkeypatch.setattr(bulk.os, "fork", lambda: pytest.fail("a small run must not fork"))
    monkeypatch.setattr(bulk, "PARALLEL_MIN_WORK", 10**12)
    assert evaluate_full(2025, workers=2).verdicts
