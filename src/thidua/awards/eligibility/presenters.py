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

# What a verdict is shown as, besides the engine's three outcomes: the award is not for this subject (its category or
# kind of unit), or the subject already received it for that year.
NOT_APPLICABLE = "khong_thuoc"
CONFERRED = "da_dat"
DISPLAY_LABELS = {
    Outcome.ELIGIBLE.value: "Đủ điều kiện",
    Outcome.SOON.value: "Sắp đủ điều kiện",
    Outcome.NOT_ELIGIBLE.value: "Chưa đủ điều kiện",
    NOT_APPLICABLE: "Không thuộc đối tượng",
    CONFERRED: "Đã đạt",
}
SHORT_LABELS = {**DISPLAY_LABELS, Outcome.SOON.value: "Sắp đủ", Outcome.NOT_ELIGIBLE.value: "Chưa đủ"}


@dataclass
class ReasonRow:
    """One reason as shown: Vietnamese text, legal citation, whether the condition is met, and whether it is a
    condition saying whom the award is for (``scope``)."""

    text: str
    citation: str = ""
    met: bool | None = None
    scope: bool = False

    @property
    def depth(self) -> int:
        """How deep in a group of conditions the reason sits (the engine prefixes sub-conditions with "— ")."""
        return (len(self.text) - len(self.text.lstrip("— "))) // 2

    @property
    def plain(self) -> str:
        """The text without the group-depth prefix (for a reason shown on its own)."""
        return self.text.lstrip("— ")


def reason_rows(reasons: list[Any] | None) -> list[ReasonRow]:
    """Stored reasons (dicts) or engine ``Reason`` objects as :class:`ReasonRow`; a bare string is a text."""
    rows = []
    for reason in reasons or []:
        if isinstance(reason, str):
            rows.append(ReasonRow(reason))
        elif isinstance(reason, dict):
            rows.append(
                ReasonRow(
                    reason.get("text", ""), reason.get("citation", ""), reason.get("met"), bool(reason.get("scope"))
                )
            )
        else:
            rows.append(
                ReasonRow(
                    reason.text,
                    getattr(reason, "citation", ""),
                    getattr(reason, "met", None),
                    bool(getattr(reason, "scope", False)),
                )
            )
    return rows


@dataclass
class ReasonSummary:
    """Reasons collapsed for a page: the one shown (the first failed condition) and the rest, behind "xem thêm"."""

    first: ReasonRow | None
    rest: list[ReasonRow]

    @property
    def count(self) -> int:
        return len(self.rest) + (1 if self.first else 0)


def _decisive_failures(rows: list[ReasonRow]) -> list[int]:
    """Indexes of the failed reasons that decide the outcome: failed, and every group above them failed too (a
    failed alternative inside a group that is met decides nothing)."""
    out, stack = [], []  # stack: met of the open groups above the current row, by depth
    for i, row in enumerate(rows):
        del stack[row.depth :]
        if row.met is False and all(met is not True for met in stack):
            out.append(i)
        stack.append(row.met)
    return out


def summarize_reasons(rows: list[ReasonRow]) -> ReasonSummary:
    """The first failed condition (a failed scope condition before any other; the innermost one: a group's line only
    says that some condition inside failed) shown first, every other reason in order behind it; with no failed
    condition, nothing is singled out."""
    failed = _decisive_failures(rows)
    failed.sort(key=lambda i: not rows[i].scope)  # "không thuộc đối tượng": the reason saying whom it is for first
    for i in failed:
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if nxt is None or nxt.depth <= rows[i].depth:  # a leaf, not a group's heading
            return ReasonSummary(rows[i], rows[:i] + rows[i + 1 :])
    if failed:
        i = failed[0]
        return ReasonSummary(rows[i], rows[:i] + rows[i + 1 :])
    return ReasonSummary(None, list(rows))


def display_outcome(outcome: str, reasons: list[ReasonRow] | None = None, *, conferred: bool = False) -> str:
    """What a verdict is shown as: "da_dat" when the award was already conferred for the year, "khong_thuoc" when
    a condition saying whom the award is for fails, else the engine's outcome."""
    if conferred:
        return CONFERRED
    if outcome == Outcome.NOT_ELIGIBLE and any(r.scope and r.met is False for r in reasons or ()):
        return NOT_APPLICABLE
    return outcome


def outcome_label(outcome: str) -> str:
    """ "Đủ điều kiện" / "Sắp đủ điều kiện" / "Chưa đủ điều kiện" / "Không thuộc đối tượng" / "Đã đạt"."""
    return DISPLAY_LABELS.get(outcome, outcome)


def rule_version_text(version) -> str:
    """A rule version as users know it: its legal basis and validity ("Thông tư 118/2023/TT-BQP, hiệu lực từ
    01/01/2024"), never its file or internal code."""
    text = f"{version.legal_basis}, hiệu lực từ {version.valid_from:%d/%m/%Y}"
    if version.valid_to:
        text += f" đến {version.valid_to:%d/%m/%Y}"
    return text


def soon_text(soon_on) -> str:
    """The date a "sắp đủ" subject becomes eligible, dd/mm/yyyy (empty when none)."""
    return soon_on.strftime("%d/%m/%Y") if soon_on else ""


def rule_versions_used(versions) -> list[tuple[str, str]]:
    """(award name, legal basis and validity) of the rule versions a run used (see
    :func:`~thidua.awards.eligibility.selectors.run_rule_versions`), in catalogue order."""
    return [(version.award.name, rule_version_text(version)) for version in versions]


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
    conferred: bool = False

    @property
    def shown(self) -> str:
        """The outcome as shown (see :func:`display_outcome`)."""
        return display_outcome(self.outcome, self.reasons, conferred=self.conferred)

    @property
    def summary(self) -> ReasonSummary:
        return summarize_reasons(self.reasons)


def explain_subject(
    subject, awards, year: int, *, overrides: dict | None = None, conferred: frozenset | set = frozenset()
) -> list[VerdictRow]:
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
        rows.append(
            VerdictRow(
                award, verdict.outcome, verdict.soon_on, reason_rows(verdict.reasons), conferred=award.pk in conferred
            )
        )
    return rows


def _rule_subject(rule_version) -> str | None:
    """The subject ("ca_nhan"/"tap_the") a rule version judges, from its document."""
    document = getattr(rule_version, "document", None) or {}
    return document.get("subject")
