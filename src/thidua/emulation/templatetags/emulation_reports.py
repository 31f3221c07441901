"""Template tags of review periods: the reminder banner on the home dashboard."""

from __future__ import annotations

from django import template

from ..reports.selectors import reminders_for

register = template.Library()


@register.inclusion_tag("emulation/reports/_reminders.html")
def report_reminders(user):
    """Reports due soon for the units the user may report for (nothing for users without change scope)."""
    if not user.is_authenticated:
        return {"reminders": []}
    return {"reminders": reminders_for(user)}
