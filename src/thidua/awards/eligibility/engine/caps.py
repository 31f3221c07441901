"""Caps (tỷ lệ) per unit: how many subjects are proposed against the ceiling a rule version configures.

``cap = floor(percent × base / 100)`` (DOMAIN.md §8.3) where the base is the unit's strength, the number of its
people holding the lower title (or eligible for it), or the number of its sub-units. No current text sets a cap, so
caps are off unless an administrator turns one on in a rule version.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Q

from thidua.org.models import OrgUnit, UnitMembership
from thidua.records.models import UnitRating

from ..models import RuleVersion
from ..rules.schema import RuleDocument
from .evaluate import short_names

BASE_TEXT = {
    "strength": "quân số",
    "lower_title_count": "số đạt danh hiệu thấp hơn",
    "sub_units": "số đơn vị trực thuộc",
}


@dataclass
class CapReport:
    """One unit's proposals for one award against its cap ("CSTĐCS: 14 đề xuất / trần 12")."""

    unit_id: int
    award_code: str
    proposed: int
    cap: int
    base: int
    text: str
    base_kind: str = "strength"
    percent: float = 0.0
    over: bool = False
    unverified: bool = True
    citation: str = ""


def caps(verdicts, year: int) -> list[CapReport]:
    """Cap reports for every (unit, award) whose rule version has a cap turned on, from the eligible verdicts."""
    by_rule: dict[int, list] = defaultdict(list)
    for v in verdicts:
        if v.rule_version_id is not None:
            by_rule[v.rule_version_id].append(v)
    docs = {rv.pk: RuleDocument.model_validate(rv.document) for rv in RuleVersion.objects.filter(pk__in=list(by_rule))}
    names = short_names()
    ref = dt.date(year, 12, 31)
    reports: list[CapReport] = []
    for rv_id, rule_verdicts in by_rule.items():
        doc = docs.get(rv_id)
        cap = doc.cap if doc else None
        if cap is None or not cap.enabled:
            continue
        eligible = [v for v in rule_verdicts if v.outcome == "du"]
        if cap.base == "sub_units":
            parents = dict(_parents([v.unit_id for v in eligible]))
            proposed = Counter(parents[v.unit_id] for v in eligible if parents.get(v.unit_id))
            bases = _child_counts(list(proposed))
        else:
            proposed = Counter(v.unit_id for v in eligible)
            if cap.base == "strength":
                bases = _strengths(list(proposed), year, ref)
            else:
                holders = defaultdict(set)
                for v in verdicts:
                    if v.outcome == "du" and v.award_code in (cap.lower_title, doc.award):
                        holders[v.unit_id].add((v.subject_type, v.subject_id))
                bases = {u: len(s) for u, s in holders.items()}
        for unit_id, count in sorted(proposed.items()):
            base = bases.get(unit_id, 0)
            ceiling = math.floor(cap.percent * base / 100 + 1e-9)
            over = count > ceiling
            name = names.get(doc.award, doc.award)
            text = f"{name}: {count} đề xuất / trần {ceiling}"
            text += f" ({_pct(cap.percent)} {BASE_TEXT[cap.base]} {base})"
            if over:
                text += f" — vượt {count - ceiling}"
            reports.append(
                CapReport(
                    unit_id,
                    doc.award,
                    count,
                    ceiling,
                    base,
                    text,
                    cap.base,
                    cap.percent,
                    over,
                    cap.unverified,
                    cap.citation,
                )
            )
    return reports


def _pct(value: float) -> str:
    return (f"{value:g}").replace(".", ",") + "%"


def _strengths(unit_ids: list[int], year: int, ref: dt.date) -> dict[int, int]:
    """The strength recorded on the unit's yearly rating, else its members on 31/12 (subtree)."""
    found = dict(
        UnitRating.objects.filter(unit_id__in=unit_ids, year=year, strength__isnull=False).values_list(
            "unit_id", "strength"
        )
    )
    for uid, path in OrgUnit.objects.filter(pk__in=[u for u in unit_ids if u not in found]).values_list("id", "path"):
        found[uid] = (
            UnitMembership.objects.filter(unit__path__startswith=path, start_on__lte=ref)
            .filter(Q(end_on__isnull=True) | Q(end_on__gte=ref))
            .values("person_id")
            .distinct()
            .count()
        )
    return found


def _parents(unit_ids: list[int]):
    rows = list(OrgUnit.objects.filter(pk__in=unit_ids).values_list("id", "path", "depth"))
    parent_paths = {uid: path[: -OrgUnit.steplen] for uid, path, depth in rows if depth > 1}
    ids = dict(OrgUnit.objects.filter(path__in=set(parent_paths.values())).values_list("path", "id"))
    for uid, ppath in parent_paths.items():
        yield uid, ids.get(ppath)


def _child_counts(parent_ids: list[int]) -> dict[int, int]:
    return dict(OrgUnit.objects.filter(pk__in=parent_ids).values_list("id", "numchild"))
