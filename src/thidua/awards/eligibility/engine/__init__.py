"""The eligibility engine: judge people and units against the versioned rule sets, with reasons in Vietnamese.

``explain(subject, award_code, year)`` checks one subject; ``evaluate(year, unit=None, awards=None, progress=None)``
checks a whole scope in a few set-based queries; ``caps(verdicts, year)`` reports proposals against configured caps.
"""

from .caps import CapReport, caps
from .evaluate import Evaluation, Reason, Verdict, evaluate, evaluate_full, explain, rules_in_force

__all__ = [
    "CapReport",
    "Evaluation",
    "Reason",
    "Verdict",
    "caps",
    "evaluate",
    "evaluate_full",
    "explain",
    "rules_in_force",
]
