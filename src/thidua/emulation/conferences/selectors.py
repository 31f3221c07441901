"""Reads of review conferences: what an attendee's record shows as it was on the day."""

from __future__ import annotations

import datetime as dt

from thidua.org.choices import Rank
from thidua.org.models import Person


def rank_on(person: Person, day: dt.date) -> str:
    """The rank label the person held on ``day`` from the rank history (their current rank when there is none)."""
    changes = [c for c in person.rank_changes.all() if c.effective_on <= day]
    if changes:
        code = max(changes, key=lambda c: (c.effective_on, c.pk)).rank
    elif person.rank_changes.exists():
        return ""
    else:
        code = person.rank
    return Rank(code).label if code in Rank.values else ""
