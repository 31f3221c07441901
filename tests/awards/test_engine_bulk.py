"""The bulk run's tasks: progress by estimated work, and the same verdicts whatever the order of the rules."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from thidua.awards.engine import evaluate_full, rules_in_force


@pytest.fixture
def demo(db):
    """The demo organisation with 2015–2025 records (thousands of people and units judged for every rule)."""
    call_command("demo", stdout=StringIO())


def test_progress_rises_to_the_total(demo):
    calls = []
    result = evaluate_full(2025, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (result.subjects, result.subjects)
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(calls) > 3


def test_one_award_at_a_time_gives_the_same_verdicts(demo):
    """Each rule is judged on its own task: running the awards one by one changes nothing a user sees."""
    whole = evaluate_full(2025)
    rows = {(v.subject_type, v.subject_id, v.award_code, v.outcome, v.soon_on) for v in whole.verdicts}
    alone = set()
    for code in rules_in_force(2025):
        part = evaluate_full(2025, awards=[code])
        assert part.summary.get(code, {}) == whole.summary.get(code, {})
        alone |= {(v.subject_type, v.subject_id, v.award_code, v.outcome, v.soon_on) for v in part.verdicts}
    assert alone == rows and any(r[3] == "sap_du" for r in rows)
