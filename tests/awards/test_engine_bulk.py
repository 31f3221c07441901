"""The bulk run's tasks: progress by estimated work, and the same verdicts whatever the order of the rules."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from thidua.awards.eligibility.engine import evaluate, evaluate_full, explain, rules_in_force

from .engine_helpers import person, service, title


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


@pytest.mark.django_db
def test_a_lower_title_of_the_year_means_the_year_was_reviewed(tree):
    """CSTĐCS in 2022, then only CSTT in 2023 and no rating recorded: the 2023 review has happened, so the CSTĐCS
    streak is broken (not "waiting for 2023"), and the bulk run and explain() agree whatever other titles they load."""
    p = person(tree.nm, enlisted=None)
    service(p, (dt.date(2000, 1, 1), None))
    title(p, "CSTDCS", 2022)
    title(p, "CSTT", 2023)
    single = explain(p, "BKBQP", 2023)
    full = {v.award_code: v for v in evaluate(2023, include_not_eligible=True) if v.subject_id == p.pk}
    fast = {v.award_code for v in evaluate(2023) if v.subject_type == "person" and v.subject_id == p.pk}
    assert single.outcome == full["BKBQP"].outcome == "chua_du", [r.text for r in single.reasons]
    assert "BKBQP" not in fast
    assert [r.text for r in full["BKBQP"].reasons] == [r.text for r in single.reasons]


def test_rating_pre_filters_stay_right_after_older_years_are_read_for_some_people():
    """A deep rule reads older years for its candidates between two pre-filters, giving them new ratings dicts; the
    people who shared a dict before are still found by the later pre-filters (the run failed with a KeyError)."""
    from thidua.awards.eligibility.engine.facts import PersonFacts
    from thidua.awards.eligibility.engine.predicates import Index

    shared = {2024: 4, 2025: 3}
    people = {i: PersonFacts(i, 1, "nam", "si_quan") for i in (1, 2, 3)}
    for f in people.values():
        f.ratings = shared
    people[3].ratings = {2025: 4}
    ix = Index(people)
    assert ix.rated(2025, 3) == {1, 2, 3}
    people[1].ratings = {2019: 4, **shared}  # what deepen_ratings does for a candidate of a deep rule
    assert ix.rated(2024, 4) == {1, 2}
    assert ix.rated(2025, 4) == {3}
    assert ix.unrated(2024) == {3}
