"""Template tags of the second factor, for pages of other slices (the user page includes the reset panel)."""

from __future__ import annotations

from django import template

from thidua.accounts.twofactor.policies import can_reset_second_factor
from thidua.accounts.twofactor.selectors import SecondFactorStatus, second_factor_status

register = template.Library()


@register.simple_tag
def second_factor_of(user) -> SecondFactorStatus:
    """``{% second_factor_of target as status %}``: the target user's second factor (enrolled, required, …)."""
    return second_factor_status(user)


@register.simple_tag
def may_reset_second_factor(actor, target) -> bool:
    """``{% may_reset_second_factor request.user target as can_reset %}``."""
    return can_reset_second_factor(actor, target)
