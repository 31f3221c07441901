"""Who may see and do what with eligibility results and rule sets: pure functions of (user, object) -> bool."""

from __future__ import annotations

from thidua.core.choices import Action
from thidua.core.policies import can_manage
from thidua.core.scoping import in_scope


def can_view_eligibility(user, unit) -> bool:
    """Results of a unit (and its people) are visible to whoever may view the unit."""
    return unit is not None and in_scope(user, unit.pk, Action.VIEW)


def can_run_eligibility(user, unit) -> bool:
    """Starting a run stores results for the unit, so it needs the change scope on it (unit officer, office)."""
    return unit is not None and in_scope(user, unit.pk, Action.CHANGE)


def can_manage_rules(user) -> bool:
    """Only administrators add rule versions (they change how every unit is judged)."""
    return can_manage(user)
