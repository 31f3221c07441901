"""Rule evaluation: compile a rule version once, then judge subjects with the shared predicates.

:func:`explain` judges one person or unit for one award with every reason; :func:`evaluate` judges a whole scope for
every rule. Both load facts with the same loaders (:mod:`.facts`) and run the same compiled rule; the bulk path only
skips building reason texts until someone reads ``verdict.reasons``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import itertools
from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from thidua.catalogue.models import Award
from thidua.org.models import OrgUnit, Person

from ..models import RuleVersion
from ..rules.schema import AllOf, AnyOf, RuleDocument
from . import bulk as B
from . import facts as F
from . import predicates as P
from . import vocabulary as V
from .predicates import FAIL, MET, SOON, Ctx

OUTCOME = {MET: "du", SOON: "sap_du", FAIL: "chua_du"}
# Predicates that say whom a rule is for (the person's category, a military unit vs an enterprise). A subject failing
# one of them at the top level is "không thuộc đối tượng" of the award, not "chưa đủ": it is counted apart in a run's
# summary, and its reason carries ``scope`` so pages can tell it apart.
SCOPE_PREDICATES = frozenset({"category_in", "unit_is_enterprise"})
NOT_APPLICABLE = "khong_thuoc"  # the summary key of the subjects outside a rule's scope
TUNE_SAMPLE = 500  # subjects judged step by step to order each rule's steps for a bulk run


@dataclass
class Reason:
    """One line of an explanation: Vietnamese text, the legal citation, and whether the condition is met."""

    text: str
    citation: str
    met: bool
    label: str = ""
    unverified: bool = False
    exclusion: bool = False
    scope: bool = False  # a top-level condition saying whom the award is for (see SCOPE_PREDICATES)

    def as_dict(self) -> dict:
        """JSON form stored on EligibilityResult."""
        return {
            "text": self.text,
            "citation": self.citation,
            "met": self.met,
            "label": self.label,
            "unverified": self.unverified,
            "exclusion": self.exclusion,
            "scope": self.scope,
        }


class Verdict(
    namedtuple(
        "VerdictFields",
        "subject_type subject_id unit_id award_code outcome soon_on given_reasons rule_version_id lazy facts",
        defaults=(None, None, None, None, None),
    )
):
    """A subject's outcome for one award: ``du`` / ``sap_du`` (with ``soon_on``) / ``chua_du`` and the reasons.

    A tuple, so that a bulk run builds its hundreds of thousands of verdicts cheaply: ``reasons`` are the reasons
    given, or (bulk run) built on first access from ``lazy`` = (rule, context), shared by a rule's verdicts, and the
    subject's ``facts``, and kept.
    """

    @property
    def reasons(self) -> list[Reason]:
        """The reasons given, or built from the facts once and kept."""
        if self.given_reasons is not None:
            return self.given_reasons
        kept = self.__dict__.get("reasons")
        if kept is None:
            lazy = self.lazy
            kept = self.__dict__["reasons"] = lazy[0].reasons(self.facts, lazy[1]) if lazy is not None else []
        return kept

    @property
    def soon_text(self) -> str:
        """ "đủ điều kiện vào 03/2027" for a soon-eligible verdict."""
        return f"đủ điều kiện vào {self.soon_on:%m/%Y}" if self.soon_on else ""


class Node:
    """A compiled condition: a predicate with its parameters, or an all_of / any_of group."""

    __slots__ = ("fn", "params", "label", "citation", "unverified", "children", "mode", "scope")

    def __init__(self, cond):
        self.label, self.citation, self.unverified = cond.label, cond.citation, cond.unverified
        if isinstance(cond, AllOf | AnyOf):
            self.mode = "all" if isinstance(cond, AllOf) else "any"
            self.children = [Node(c) for c in (cond.all_of if self.mode == "all" else cond.any_of)]
            self.fn = self.params = None
            self.scope = False
        else:
            self.mode, self.children = None, ()
            self.fn, self.params = V.REGISTRY[cond.predicate], cond.params
            self.scope = cond.predicate in SCOPE_PREDICATES

    def check(self, f, ctx, want: bool, out: list | None, exclusion: bool = False, depth: int = 0):
        """(status, soon_on); appends Reasons to ``out`` when ``want``."""
        if self.mode is None:
            status, soon, detail = self.fn(self.params, f, ctx, want)
            if want:
                out.append(self._reason(f"{self.label}: {detail}", status, soon, exclusion, depth))
            return status, soon
        children_out: list | None = [] if want else None
        if self.mode == "all":
            status, soon = MET, None
            for child in self.children:
                s, so = child.check(f, ctx, want, children_out, exclusion, depth + 1)
                if s == FAIL:
                    status = FAIL
                    if not want:
                        break
                elif s == SOON and status != FAIL:
                    status, soon = SOON, max(soon or so, so)
        else:
            status, soon = FAIL, None
            for child in self.children:
                s, so = child.check(f, ctx, want, children_out, exclusion, depth + 1)
                if s == MET:
                    status, soon = MET, None
                    if not want:
                        break
                elif s == SOON and status != MET:
                    status, soon = SOON, min(soon or so, so)
        if want:
            word = {MET: "đạt", SOON: "sắp đạt", FAIL: "chưa đạt"}[status]
            how = "tất cả các điều kiện" if self.mode == "all" else "một trong các điều kiện"
            out.append(self._reason(f"{self.label}: {word} ({how} sau)", status, soon, exclusion, depth))
            out.extend(children_out)
        return status, soon

    def status(self, f, ctx, cands: dict | None = None) -> tuple[int, dt.date | None]:
        """(status, soon_on) without reasons: :meth:`check`'s outcome on the bulk run's fast path. ``cands`` maps
        a child node to its candidates (see :func:`_node_candidates`): a subject outside them fails that child
        without a predicate call."""
        if self.mode is None:
            return self.fn(self.params, f, ctx, False)[:2]
        all_of = self.mode == "all"
        status, soon = (MET, None) if all_of else (FAIL, None)
        for child in self.children:
            pool = cands.get(child) if cands else None
            s, so = (FAIL, None) if pool is not None and f.id not in pool else child.status(f, ctx, cands)
            if s == (FAIL if all_of else MET):
                return s, None
            if s == SOON:
                status, soon = SOON, (max(soon or so, so) if all_of else min(soon or so, so))
        return status, soon

    def _reason(self, text, status, soon, exclusion, depth) -> Reason:
        prefix = "— " * depth
        scope = self.scope and depth == 0 and not exclusion
        return Reason(prefix + text, self.citation, status == MET, self.label, self.unverified, exclusion, scope)


class CompiledRule:
    """A rule version ready to judge subjects."""

    def __init__(self, rv: RuleVersion, doc: RuleDocument):
        self.rule_version_id = rv.pk
        self.code = doc.award
        self.subject = doc.subject
        self.doc = doc
        self.exclusions = [Node(c) for c in doc.exclusions]
        self.conditions = [Node(c) for c in doc.conditions]
        self.needs = _needs(doc)
        self.scope_steps = tuple((n.fn, n.params) for n in self.conditions if n.scope)
        # The bulk path (bulk.judge) checks exclusions and conditions in one list, cheapest first: an exclusion not met
        # or a condition that fails decides FAIL whatever the order, so the outcome does not depend on it.
        ordered = sorted([(n, True) for n in self.exclusions] + [(n, False) for n in self.conditions], key=_step_cost)
        # (predicate, params, is_exclusion); a group is judged through its node with the same signature.
        self.steps = tuple((n.fn, n.params, e) if n.mode is None else (_group_step, n, e) for n, e in ordered)
        self.step_costs = tuple(_step_cost(item) for item in ordered)

    def candidates(self, ix: P.Index, ctx: Ctx) -> set | None:
        """A superset of the people who can be anything but FAIL (None: no pre-filter): the intersection of the
        candidate sets of the top-level conditions that have one (see ``vocabulary.CANDIDATES``)."""
        sets = [c for c in (_node_candidates(n, ix, ctx) for n in self.conditions) if c is not None]
        if not sets:
            return None
        sets.sort(key=len)
        return set.intersection(*sets) if len(sets) > 1 else sets[0]

    def tuned_steps(self, sample, ctx: Ctx, ix: P.Index | None = None) -> tuple:
        """The fast path's steps reordered for this run's data: the steps that most often decide FAIL on a sample of
        subjects (per unit of cost) come first. Any order gives the same outcome (see :func:`.bulk.judge`). With the
        run's index, a group step skips the children a subject is no candidate for (see :func:`pruned`)."""
        steps = self._ordered(sample, ctx)
        return pruned(steps, ix, ctx) if ix is not None else steps

    def _ordered(self, sample, ctx: Ctx) -> tuple:
        if len(self.steps) < 2 or not sample:
            return self.steps
        fails = [0] * len(self.steps)
        for f in sample:
            for i, (fn, params, exclusion) in enumerate(self.steps):
                s = fn(params, f, ctx, False)[0]
                if s == FAIL or (exclusion and s != MET):
                    fails[i] += 1
        costs = self.step_costs
        order = sorted(range(len(self.steps)), key=lambda i: (-fails[i] / (costs[i] + 1), i))
        return tuple(self.steps[i] for i in order)

    def judge(self, f, ctx: Ctx, want: bool) -> tuple[int, dt.date | None, list[Reason] | None]:
        """Exclusions first (their failure always disqualifies), then the conditions."""
        out: list[Reason] | None = [] if want else None
        status, soon = MET, None
        for node in self.exclusions:
            s, _ = node.check(f, ctx, want, out, exclusion=True)
            if s != MET:
                status = FAIL
                if not want:
                    return FAIL, None, None
        for node in self.conditions:
            s, so = node.check(f, ctx, want, out)
            if s == FAIL:
                status = FAIL
                if not want:
                    return FAIL, None, None
            elif s == SOON and status != FAIL:
                status, soon = SOON, max(soon or so, so)
        return status, (soon if status == SOON else None), out

    def count_outside(self, subjects: dict, ctx: Ctx) -> int:
        """How many of ``subjects`` the rule is not for (a top-level scope condition fails): all of them are among
        the rule's FAIL verdicts, since every top-level condition must hold."""
        if not self.scope_steps:
            return 0
        steps = self.scope_steps
        return sum(1 for f in subjects.values() if any(fn(params, f, ctx, False)[0] == FAIL for fn, params in steps))

    def reasons(self, f, ctx: Ctx) -> list[Reason]:
        """The full explanation (used lazily by bulk verdicts)."""
        return self.judge(f, ctx, True)[2]


COST = {
    "category_in": 0,
    "rating_at_least": 1,
    "unit_rating_at_least": 1,
    "party_rating_at_least": 1,
    "comprehensive_strong": 1,
    "not_received": 1,
    "no_pending_review": 1,
    "no_discipline": 2,
    "members_no_discipline": 2,
    "service_years": 2,  # memoised per run start (continuous)
    "min_months_in_unit": 4,
}


def _node_candidates(node: Node, ix: P.Index, ctx: Ctx) -> set | None:
    """Candidates of a condition: the predicate's pre-filter, the union over an any_of (when every branch has one),
    the intersection over an all_of (of the branches that have one)."""
    if node.mode is None:
        fn = V.CANDIDATES.get(node.fn)
        return fn(node.params, ix, ctx) if fn is not None else None
    sets = [_node_candidates(c, ix, ctx) for c in node.children]
    if node.mode == "any":
        return None if any(c is None for c in sets) else set().union(*sets)
    sets = [c for c in sets if c is not None]
    return set.intersection(*sets) if sets else None


def _group_step(node: Node, f, ctx: Ctx, want: bool):
    """An all_of / any_of group called like a predicate (the fast path's uniform step)."""
    s, so = node.status(f, ctx)
    return s, so, None


def _pruned_group_step(params: tuple, f, ctx: Ctx, want: bool):
    """A group step of a bulk run whose children's candidates are known: ``params`` = (node, candidates by node)."""
    s, so = params[0].status(f, ctx, params[1])
    return s, so, None


def pruned(steps: tuple, ix: P.Index, ctx: Ctx) -> tuple:
    """The bulk run's steps with each group's descendants' candidates attached (see :meth:`Node.status`)."""

    def descendants(node: Node):
        for child in node.children:
            yield child
            yield from descendants(child)

    out = []
    for fn, params, exclusion in steps:
        if fn is _group_step:
            cands = {n: _node_candidates(n, ix, ctx) for n in descendants(params)}
            fn, params = _pruned_group_step, (params, {n: c for n, c in cands.items() if c is not None})
        out.append((fn, params, exclusion))
    return tuple(out)


def _step_cost(item) -> int:
    node, exclusion = item
    return _cost(node)


def _cost(node: Node) -> int:
    if node.mode is not None:
        return 4
    return COST.get(node.fn.__name__, 3)


def _walk(conditions):
    for cond in conditions:
        if isinstance(cond, AllOf):
            yield from _walk(cond.all_of)
        elif isinstance(cond, AnyOf):
            yield from _walk(cond.any_of)
        else:
            yield cond


def _needs(doc: RuleDocument) -> F.Needs:
    back, ach_back, unit_since, weighted, positions = 1, 1, False, False, False
    codes: dict[str, int | None] = {}

    def want(code: str, years: int | None) -> None:
        _want_code(codes, code, years)

    for cond in _walk(doc.conditions + doc.exclusions):
        name, p = cond.predicate, cond.params
        if name in ("rating_streak", "rating_at_least", "unit_rating_at_least"):
            back = max(back, P.lookback(name, p))
        elif name == "achievement_count":
            ach_back = max(ach_back, p.window)
        elif name in ("title_streak", "title_count"):
            for code in p.titles:
                want(code, P.lookback(name, p))
            if name == "title_streak" and p.soon and p.ending == 0:
                # The family's other titles of Y tell whether Y was reviewed (only Y is asked, see _streak_result).
                for code in P.family_codes(tuple(p.titles)) - set(p.titles):
                    want(code, 0)
        elif name == "not_received":
            for code in p.awards:
                want(code, None)  # within_years is applied by the predicate; history is small
        elif name == "min_months_in_unit" and p.basis == "unit":
            unit_since = True
        elif name == "service_years" and p.multiplier:
            weighted = True
        elif name == "position_months":
            positions = True
    codes_read = tuple(sorted(codes.items(), key=lambda kv: kv[0]))
    return F.Needs(back, ach_back, codes_read, unit_since, weighted_service=weighted, positions=positions)


def _want_code(codes: dict[str, int | None], code: str, years: int | None) -> None:
    """Record that ``code`` is read ``years`` back (None: the whole history, which wins over any window)."""
    if code in codes and (codes[code] is None or years is None):
        codes[code] = None
    else:
        codes[code] = max(codes.get(code) or 0, years) if years is not None else None


DEEP_LOOKBACK = 3  # years of ratings loaded for everyone in a bulk run; older years only for the rules' candidates


def _reads_recent_ratings(doc: RuleDocument, base: int) -> bool:
    """Whether the rule's pre-filters and shortcuts read no rating older than ``base`` years before Y (its
    predicates may read further back: those years are added for its candidates before judging)."""
    for cond in _walk(doc.conditions + doc.exclusions):
        name, p = cond.predicate, cond.params
        if (name == "rating_at_least" and -p.year_offset > base) or (name == "rating_streak" and -p.ending > base):
            return False
    return True


def _member_title_codes(rules) -> set[str]:
    """The titles the collective rules count among members (members_share by title, members_count_with_title)."""
    codes: set[str] = set()
    for r in rules:
        for cond in _walk(r.doc.conditions + r.doc.exclusions):
            if cond.predicate == "members_count_with_title" or (
                cond.predicate == "members_share" and cond.params.what == "title"
            ):
                codes.update(cond.params.titles)
    return codes


def _rating_depths(rules) -> tuple[int, set[str]]:
    """The look-back of ratings to load for everyone, and the codes of the rules that read older years (deepened
    for their candidates only, see :func:`F.deepen_ratings`)."""
    deep = {r.code for r in rules if r.needs.lookback > DEEP_LOOKBACK and _reads_recent_ratings(r.doc, DEEP_LOOKBACK)}
    base = max((r.needs.lookback for r in rules if r.code not in deep), default=1)
    if base > DEEP_LOOKBACK:  # some rule reads old years for everyone anyway: load them once for all
        return max(r.needs.lookback for r in rules), set()
    return base, deep


def merge_needs(rules) -> F.Needs:
    """What a set of rules needs loaded together."""
    needs = [r.needs for r in rules]
    if not needs:
        return F.Needs()
    codes: dict[str, int | None] = {}
    for n in needs:
        for code, back in n.codes:
            _want_code(codes, code, back)
    return F.Needs(
        max(n.lookback for n in needs),
        max(n.achievement_lookback for n in needs),
        tuple(sorted(codes.items())),
        any(n.unit_since for n in needs),
        weighted_service=any(n.weighted_service for n in needs),
        positions=any(n.positions for n in needs),
    )


_COMPILED: dict[tuple[int, str], CompiledRule] = {}


def compiled(rv: RuleVersion) -> CompiledRule:
    """The compiled form of a rule version (cached by id and checksum)."""
    key = (rv.pk, rv.checksum)
    rule = _COMPILED.get(key)
    if rule is None:
        rule = _COMPILED[key] = CompiledRule(rv, RuleDocument.model_validate(rv.document))
    return rule


def rules_in_force(year: int, awards: list[str] | None = None) -> dict[str, RuleVersion]:
    """For each award, the newest rule version in force on 31/12 of ``year``."""
    ref = dt.date(year, 12, 31)
    qs = RuleVersion.objects.filter(valid_from__lte=ref).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=ref))
    qs = qs.filter(award__active=True).select_related("award").order_by("award__order", "valid_from", "version")
    if awards is not None:
        qs = qs.filter(award__code__in=awards)
    chosen: dict[str, RuleVersion] = {}
    for rv in qs:
        chosen[rv.award.code] = rv  # later valid_from / higher version wins
    return chosen


def short_names() -> dict[str, str]:
    """Award code → short name for reason texts."""
    return {code: short or code for code, short in Award.objects.values_list("code", "short_name")}


def explain(subject, award_code: str, year: int) -> Verdict:
    """Judge one person or unit for one award in ``year``, with every reason and its legal citation."""
    is_person = isinstance(subject, Person)
    ctx = Ctx.of(year, short_names())
    rv = rules_in_force(year, [award_code]).get(award_code)
    subject_type = "person" if is_person else "unit"
    unit_id = subject.unit_id if is_person else subject.pk
    if rv is None:
        text = f"Chưa có quy tắc xét {award_code} có hiệu lực trong năm {year}"
        return Verdict(subject_type, subject.pk, unit_id, award_code, "chua_du", None, [Reason(text, "", False)])
    rule = compiled(rv)
    if (rule.subject == "ca_nhan") != is_person:
        raise ValueError(f"{award_code} không xét cho đối tượng này")
    if is_person:
        f = F.load_people(year, rule.needs, person_id=subject.pk).get(subject.pk)
    else:
        f = F.load_units(year, rule.needs, unit=subject, only=subject.pk).get(subject.pk)
    if f is None:  # a unit dissolved before or established after the year
        reason = Reason(f"Đơn vị không tồn tại trong năm {year}", "", False)
        return Verdict(subject_type, subject.pk, unit_id, award_code, "chua_du", None, [reason], rv.pk)
    status, soon, reasons = rule.judge(f, ctx, True)
    return Verdict(subject_type, subject.pk, unit_id, award_code, OUTCOME[status], soon, reasons, rv.pk)


@dataclass
class Evaluation:
    """A bulk run's outcome: the verdicts kept, the rule versions used, counts per award and outcome, inputs hash."""

    verdicts: list[Verdict]
    rule_versions: dict[str, int]
    summary: dict[str, dict[str, int]]
    inputs_hash: str
    subjects: int


def evaluate_full(
    year: int,
    unit: OrgUnit | None = None,
    awards: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    include_not_eligible: bool = False,
    hash_inputs: bool = False,
) -> Evaluation:
    """Judge every person and unit of the scope for every rule in force (see :func:`evaluate`)."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small, long-lived objects: generational collection would rescan them over and over
    try:
        return _evaluate(year, unit, awards, progress, include_not_eligible, hash_inputs)
    finally:
        if enabled:
            gc.enable()


def _evaluate(year, unit, awards, progress, keep_all: bool, hash_inputs: bool) -> Evaluation:
    ctx = Ctx.of(year, short_names())
    rules = [compiled(rv) for rv in rules_in_force(year, awards).values()]
    person_rules = [r for r in rules if r.subject == "ca_nhan"]
    unit_rules = [r for r in rules if r.subject == "tap_the"]
    hasher = F._Hasher(hash_inputs)
    base, deep = _rating_depths(person_rules)
    person_needs = merge_needs(person_rules)
    # The members' titles of the year that the collective rules count come with the people facts (see load_units).
    codes = dict(person_needs.codes)
    for code in _member_title_codes(unit_rules) if person_rules else ():
        _want_code(codes, code, 0)
    person_needs = dataclasses.replace(person_needs, lookback=base, codes=tuple(sorted(codes.items())))
    people = F.load_people(year, person_needs, unit=unit, hasher=hasher) if person_rules else {}
    units = (
        F.load_units(year, merge_needs(unit_rules), unit=unit, hasher=hasher, people=people or None)
        if unit_rules
        else {}
    )
    total = len(people) + len(units)
    plan: list[tuple[str, CompiledRule]] = []
    tasks: list[B.Task] = []
    for subject_type, subjects, subject_rules in (("person", people, person_rules), ("unit", units, unit_rules)):
        sample = list(itertools.islice(subjects.values(), TUNE_SAMPLE))
        ix = P.Index(subjects) if subject_type == "person" and not keep_all else None
        for r in subject_rules:
            plan.append((subject_type, r))
            deepen = None
            if subject_type == "person" and r.code in deep:
                first, last = year - r.needs.lookback, year - base - 1
                deepen = functools.partial(F.deepen_ratings, people, first, last, hasher=hasher)
            tasks.append(B.Task(r, subjects, sample, ix, deepen))
    report = (lambda fraction: progress(int(fraction * total), total)) if progress is not None else None
    judged = B.judge_all(tasks, ctx, keep_all, progress=report)
    counts: dict[str, list[int]] = {r.code: [0, 0, 0] for r in rules}  # indexed by status: FAIL, SOON, MET
    verdicts: list[Verdict] = []
    make = tuple.__new__  # Verdict's fields in order, without the keyword handling of its constructor
    outcomes = tuple(OUTCOME[status] for status in range(3))  # by status: FAIL, SOON, MET
    outside: dict[str, int] = dict.fromkeys(counts, 0)
    for (subject_type, rule), task, (counted, kept) in zip(plan, tasks, judged, strict=True):
        c = counts[rule.code]
        for i in (FAIL, SOON, MET):
            c[i] += counted[i]
        outside[rule.code] += rule.count_outside(task.subjects, ctx)
        code, rv_id, lazy = rule.code, rule.rule_version_id, (rule, ctx)
        verdicts.extend(
            [
                make(Verdict, (subject_type, f.id, f.unit_id, code, outcomes[status], soon, None, rv_id, lazy, f))
                for f, status, soon in kept
            ]
        )
    if progress is not None:
        progress(total, total)
    summary = {
        code: {
            key: n
            for key, n in (
                (OUTCOME[MET], c[MET]),
                (OUTCOME[SOON], c[SOON]),
                (OUTCOME[FAIL], c[FAIL] - outside[code]),
                (NOT_APPLICABLE, outside[code]),
            )
            if n
        }
        for code, c in counts.items()
    }
    return Evaluation(verdicts, {r.code: r.rule_version_id for r in rules}, summary, hasher.hexdigest(), total)


def evaluate(
    year: int,
    unit: OrgUnit | None = None,
    awards: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    include_not_eligible: bool = False,
) -> list[Verdict]:
    """Judge every person and unit in ``unit``'s subtree (everyone when None) for every award (or ``awards``) with
    the rule versions in force on 31/12 of ``year``.

    Returns the ``du`` and ``sap_du`` verdicts (all verdicts with ``include_not_eligible``); ``progress(done,
    total)`` is called every few thousand subjects. Reasons are built when first read.
    """
    return evaluate_full(year, unit, awards, progress, include_not_eligible=include_not_eligible).verdicts
