"""The "what if" check: a person's verdicts recomputed with hypothetical facts for the evaluated year.

The engine's own pieces do the work — the same fact loader (:func:`engine.facts.load_people`) and the same compiled
rules (:func:`engine.evaluate.compiled`) as :func:`engine.explain` — and only the loaded facts are changed, in memory,
before judging. No predicate is re-implemented here and nothing is saved.

Overrides (all optional): ``rating`` (``htxsnv``/``httnv``/``htnv``/``khtnv``: the year's rating), ``title`` (an
award code received that year, e.g. ``CSTDCS``), ``initiative_level`` (an initiative recognised that year at
``co_so``/``toan_quan``/``toan_quoc``), ``clear_discipline`` (no discipline or pending review).
"""

from __future__ import annotations

from typing import Any

from thidua.org.models import Person

from .engine import facts as F
from .engine.evaluate import OUTCOME, Verdict, compiled, rules_in_force, short_names
from .engine.predicates import Ctx

OVERRIDE_KEYS = frozenset({"rating", "title", "initiative_level", "clear_discipline"})


def apply_overrides(f: F.PersonFacts, year: int, overrides: dict[str, Any]) -> F.PersonFacts:
    """Change the loaded facts of one person for ``year`` (copies every container it touches: the loader shares
    empty sentinels between people)."""
    unknown = set(overrides) - OVERRIDE_KEYS
    if unknown:
        raise ValueError(f"Giả định không được hỗ trợ: {', '.join(sorted(unknown))}")
    if overrides.get("rating"):
        f.ratings = {**f.ratings, year: F.RATING[overrides["rating"]]}
    if overrides.get("title"):
        code = overrides["title"]
        f.titles = {y: set(codes) for y, codes in f.titles.items()}
        f.titles.setdefault(year, set()).add(code)
        f.received = {c: list(years) for c, years in f.received.items()}
        if year not in f.received.setdefault(code, []):
            f.received[code].append(year)
    if overrides.get("initiative_level"):
        f.achievements = [*f.achievements, (year, "sang_kien", F.LEVEL[overrides["initiative_level"]])]
    if overrides.get("clear_discipline"):
        f.disciplines, f.reviews = [], []
    f.cache = {}
    return f


def what_if(person: Person, award_codes: list[str], year: int, overrides: dict[str, Any]) -> list[Verdict]:
    """Verdicts of ``person`` for ``award_codes`` in ``year`` as if ``overrides`` were true (one verdict per award
    with a rule version in force; awards without one are left out)."""
    ctx = Ctx.of(year, short_names())
    verdicts = []
    for code, rv in rules_in_force(year, award_codes).items():
        rule = compiled(rv)
        if rule.subject != "ca_nhan":
            continue
        f = F.load_people(year, rule.needs, person_id=person.pk).get(person.pk)
        if f is None:
            continue
        status, soon, reasons = rule.judge(apply_overrides(f, year, overrides), ctx, True)
        verdicts.append(Verdict("person", person.pk, person.unit_id, code, OUTCOME[status], soon, reasons, rv.pk))
    return verdicts
