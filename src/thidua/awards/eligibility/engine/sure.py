"""Bulk-run shortcut: the people for whom a predicate is certainly met, from the run's index of simple facts.

For some predicates the people who certainly pass are cheap to name once per run: everyone rated HTNV or better in Y
passes "rated at least HTNV" (an *inside* set), everyone but those with a discipline record passes "no discipline"
(an *outside* set: the few who may fail). A rule then judges a candidate who is certainly passing some steps on its
other steps only, and a candidate certainly passing every step is eligible without a single predicate call. The sets
are subsets of what the predicate itself would say (the property test in tests/awards/test_engine_property.py checks
that bulk and one-person results agree), so the outcome never changes.
"""

from __future__ import annotations

from . import predicates as P
from .predicates import Index, _serving_months
from .predicates_service import required_years, service_groups, service_years

INSIDE, OUTSIDE = True, False


def _category_in(p, ix: Index, ctx):
    return INSIDE, P.CANDIDATES[P.category_in](p, ix, ctx)  # its candidates are exactly the people who pass


def _rating_at_least(p, ix: Index, ctx):
    return INSIDE, ix.rated(ctx.year + p.year_offset, P.F.RATING[p.level])


def _no_discipline(p, ix: Index, ctx):
    return OUTSIDE, ix.having("disciplines")


def _no_pending_review(p, ix: Index, ctx):
    return OUTSIDE, ix.having("reviews")


def _not_received(p, ix: Index, ctx):
    codes = frozenset(p.awards)
    holders = ix.holders()
    return OUTSIDE, ix._get(("held", codes), lambda: {i for c in codes for _, i in holders.get(c, ())})


def _min_months_in_unit(p, ix: Index, ctx):
    # Same shortcut as the predicate: serving on 31/12 since a whole extra month before the minimum.
    if p.basis != "service":
        return None

    def build():
        return ix.pick(_serving_months(ix, ctx.ref), lambda key: key[1] > p.months)

    return INSIDE, ix._get(("long", p.months, ctx.ref), build)


def _service_years(p, ix: Index, ctx):
    # A lower bound of the counted months at or above the need (and an upper one below a band's top) is certainly
    # met; ×2 time could only add months, so with a multiplier the people who have weighted periods are left to the
    # predicate.
    top = p.max_years * 12 if p.max_years is not None else None

    def certainly(key) -> bool:
        upper, lower, female = key
        years = required_years(p, female)
        return lower >= years * 12 and (top is None or upper < top)

    def build():
        out = ix.pick(service_groups(p, ix, ctx), certainly)
        return out.difference(ix.having("weighted_service")) if p.multiplier else out

    key = ("served", p.basis, p.years, p.years_female, p.max_years, p.multiplier, ctx.ref)
    return INSIDE, ix._get(key, build)


SURE = {
    P.category_in: _category_in,
    P.rating_at_least: _rating_at_least,
    P.no_discipline: _no_discipline,
    P.no_pending_review: _no_pending_review,
    P.not_received: _not_received,
    P.min_months_in_unit: _min_months_in_unit,
    service_years: _service_years,
}


def shortcut(steps: tuple, ix: Index | None, ctx, cand: set | None = None) -> tuple[set | None, tuple]:
    """For a rule's ordered steps: the people (of ``cand`` when given) certainly passing every covered step, and the
    steps still to judge for them (``(None, steps)`` when no step is covered).

    Starting from the candidates keeps every set operation as small as the rule's candidates, not the whole run."""
    if ix is None:
        return None, steps
    inside, outside, rest = [], [], []
    for step in steps:
        fn = SURE.get(step[0])
        got = fn(step[1], ix, ctx) if fn is not None else None
        if got is None:
            rest.append(step)
        else:
            (inside if got[0] else outside).append(got[1])
    if not inside and not outside:
        return None, steps
    inside.sort(key=len)
    if cand is not None:
        sure = cand.intersection(*inside)
    elif inside:
        sure = inside[0].intersection(*inside[1:])
    else:
        sure = set(ix.people)
    for out in outside:
        sure = sure.difference(out)
    return sure, tuple(rest)
