"""Turning rule documents, stored reasons and live verdicts into rows the eligibility pages, API and export show.

Nothing here decides eligibility: verdicts come from :mod:`thidua.awards.eligibility.engine`; this module only
formats them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thidua.core import vn

from .choices import Outcome

UNVERIFIED_LABEL = "[chưa xác minh — giá trị mặc định]"


@dataclass
class ReasonRow:
    """One reason as shown: Vietnamese text, legal citation, whether the condition is met."""

    text: str
    citation: str = ""
    met: bool | None = None


def reason_rows(reasons: list[Any] | None) -> list[ReasonRow]:
    """Stored reasons (dicts) or engine ``Reason`` objects as :class:`ReasonRow`; a bare string is a text."""
    rows = []
    for reason in reasons or []:
        if isinstance(reason, str):
            rows.append(ReasonRow(reason))
        elif isinstance(reason, dict):
            rows.append(ReasonRow(reason.get("text", ""), reason.get("citation", ""), reason.get("met")))
        else:
            rows.append(ReasonRow(reason.text, getattr(reason, "citation", ""), getattr(reason, "met", None)))
    return rows


def outcome_label(outcome: str) -> str:
    """ "Đủ điều kiện" / "Sắp đủ điều kiện" / "Chưa đủ điều kiện"."""
    return Outcome(outcome).label if outcome in Outcome.values else outcome


def soon_text(soon_on) -> str:
    """The date a "sắp đủ" subject becomes eligible, dd/mm/yyyy (empty when none)."""
    return soon_on.strftime("%d/%m/%Y") if soon_on else ""


def rule_versions_used(run) -> list[tuple[str, str]]:
    """(award code, version label) pairs of a run's ``rule_versions`` (a mapping code → version id, number or dict)."""
    rows = []
    for code, value in sorted((run.rule_versions or {}).items()):
        if isinstance(value, dict):
            label = f"v{value.get('version', '?')}"
            if value.get("valid_from"):
                label += f" (từ {value['valid_from']})"
        else:
            label = f"#{value}"
        rows.append((code, label))
    return rows


# --- rule documents ------------------------------------------------------------------------------------------------


@dataclass
class ConditionRow:
    """A condition as shown on the rule-set page: its Vietnamese label, citation, and sub-conditions of a group."""

    label: str
    citation: str = ""
    unverified: bool = False
    joiner: str = ""  # "tất cả" / "một trong" for groups
    children: list[ConditionRow] = field(default_factory=list)


def _condition_rows(conditions: list[dict]) -> list[ConditionRow]:
    rows = []
    for cond in conditions or []:
        row = ConditionRow(
            label=cond.get("label", cond.get("predicate", "")),
            citation=cond.get("citation", ""),
            unverified=bool(cond.get("unverified")),
        )
        if "all_of" in cond:
            row.joiner, row.children = "Đáp ứng tất cả:", _condition_rows(cond["all_of"])
        elif "any_of" in cond:
            row.joiner, row.children = "Đáp ứng một trong:", _condition_rows(cond["any_of"])
        rows.append(row)
    return rows


def _cap_text(cap: dict | None) -> str:
    if not cap or not cap.get("enabled"):
        return ""
    pct = cap.get("percent", 0)
    base = {
        "strength": "quân số của đơn vị",
        "lower_title_count": f"số đạt {cap.get('lower_title', '')}",
        "sub_units": "số đơn vị trực thuộc",
    }.get(cap.get("base", ""), cap.get("base", ""))
    return f"Không quá {vn.format_percent(pct, 0 if float(pct).is_integer() else 1)} {base}"


def describe_rule(version) -> dict[str, Any]:
    """A rule version (its stored document) for display: metadata, conditions, exclusions and cap in Vietnamese."""
    doc = version.document or {}
    cap = doc.get("cap") or {}
    return {
        "obj": version,
        "title": doc.get("title", ""),
        "note": doc.get("note", ""),
        "conditions": _condition_rows(doc.get("conditions", [])),
        "exclusions": _condition_rows(doc.get("exclusions", [])),
        "cap": _cap_text(cap),
        "cap_citation": cap.get("citation", ""),
        "cap_unverified": bool(cap.get("enabled") and cap.get("unverified")),
    }


# --- live verdicts -------------------------------------------------------------------------------------------------


@dataclass
class VerdictRow:
    """A live verdict for one award, ready for a template or the API."""

    award: Any
    outcome: str = ""
    soon_on: Any = None
    reasons: list[ReasonRow] = field(default_factory=list)
    error: str = ""


def explain_subject(subject, awards, year: int, *, overrides: dict | None = None) -> list[VerdictRow]:
    """The engine's verdict for ``subject`` (a person or unit) on each award in ``awards`` that has a rule version in
    force in ``year``; ``overrides`` are hypothetical facts of that year for a person (the "what if" check, see
    :mod:`thidua.awards.eligibility.whatif`). Awards without a rule in force are listed with an explanation, not
    judged."""
    from thidua.org.models import Person

    from . import engine

    wanted = "ca_nhan" if isinstance(subject, Person) else "tap_the"
    rules = engine.rules_in_force(year, [a.code for a in awards])
    # An award for both individuals and collectives has a rule for one of them: judge only the matching ones.
    awards = [a for a in awards if a.code not in rules or _rule_subject(rules[a.code]) in (None, wanted)]
    in_force = set(rules)
    by_code = {}
    if overrides:
        from .whatif import what_if

        by_code = {
            v.award_code: v for v in what_if(subject, [a.code for a in awards if a.code in in_force], year, overrides)
        }
    rows = []
    for award in awards:
        if award.code not in in_force:
            rows.append(VerdictRow(award, error=f"Chưa có quy tắc xét có hiệu lực trong năm {year}."))
            continue
        verdict = by_code.get(award.code) if overrides else engine.explain(subject, award.code, year)
        if verdict is None:
            continue
        rows.append(VerdictRow(award, verdict.outcome, verdict.soon_on, reason_rows(verdict.reasons)))
    return rows


def _rule_subject(rule_version) -> str | None:
    """The subject ("ca_nhan"/"tap_the") a rule version judges, from its document."""
    document = getattr(rule_version, "document", None) or {}
    return document.get("subject")
