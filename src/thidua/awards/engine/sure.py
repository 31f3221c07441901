"""Bulk-run shortcut: the people for whom a predicate is certainly met, from the run's index of simple facts.

For some predicates the set of people who certainly pass is cheap to get once per run (everyone without a
discipline record passes "no discipline"; everyone rated HTNV or better in Y passes "rated at least HTNV" …). A rule
then judges a person in that set only on its other steps, and a person certainly passing every step is eligible
without a single predicate call. The sets are subsets of what the predicate itself would say (the property test in
tests/awards/test_engine_property.py checks that bulk and one-person results agree), so the outcome never changes.
"""

from __future__ import annotations

from . import predicates as P
from .predicates import Index, _serving_months


def _rating_at_least(p, ix: Index, ctx) -> set:
    return ix.rated(ctx.year + p.year_offset, P.F.RATING[p.level])


def _everyone_without(ix: Index, attribute: str) -> set:
    """People whose ``attribute`` list is empty (memoised per run)."""

    def build():
        return {i for i, f in ix.people.items() if not getattr(f, attribute)}

    return ix._get(("without", attribute), build)


def _no_discipline(p, ix: Index, ctx) -> set:
    return _everyone_without(ix, "disciplines")


def _no_pending_review(p, ix: Index, ctx) -> set:
    return _everyone_without(ix, "reviews")


def _not_received(p, ix: Index, ctx) -> set:
    holders = ix.holders()
    return set(ix.people).difference(i for code in p.awards for _, i in holders.get(code, ()))


def _min_months_in_unit(p, ix: Index, ctx) -> set | None:
    # Same shortcut as the predicate: serving on 31/12 since a whole extra month before the minimum.
    if p.basis != "service":
        return None

    def build():
        return {i for i, (months, _) in _serving_months(ix, ctx.ref).items() if months - 1 > p.months}

    return ix._get(("long", p.months, ctx.ref), build)


SURE = {
    P.category_in: P.CANDIDATES[P.category_in],  # its candidates are exactly the people who pass
    P.rating_at_least: _rating_at_least,
    P.no_discipline: _no_discipline,
    P.no_pending_review: _no_pending_review,
    P.not_received: _not_received,
    P.min_months_in_unit: _min_months_in_unit,
}


def shortcut(steps: tuple, ix: Index | None, ctx) -> tuple[set | None, tuple]:
    """For a rule's ordered steps: the people certainly passing every covered step, and the steps still to judge
    for them (``(None, steps)`` when no step is covered)."""
    if ix is None:
        return None, steps
    sets, rest = [], []
    for step in steps:
        fn = SURE.get(step[0])
        got = fn(step[1], ix, ctx) if fn is not None else None
        if got is None:
            rest.append(step)
        else:
            sets.append(got)
    if not sets:
        return None, steps
    sets.sort(key=len)
    return set.intersection(*sets) if len(sets) > 1 else sets[0], tuple(rest)
