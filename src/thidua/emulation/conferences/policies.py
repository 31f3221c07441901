"""Who may change a review conference: pure functions of the user and the conference (``user=None`` is the system)."""

from __future__ import annotations

from thidua.core.choices import Action
from thidua.core.scoping import in_scope

from .choices import ConferenceStatus
from .models import Conference


def can_change_conference(user, conference: Conference) -> bool:
    """Users who may change the host unit, or the block's authority, may edit the conference (until frozen)."""
    if user is None:
        return True
    if in_scope(user, conference.host_unit_id, Action.CHANGE):
        return True
    group = conference.group
    return group is not None and in_scope(user, group.authority_id, Action.CHANGE)


def can_freeze_conference(user, conference: Conference) -> bool:
    """Freezing follows the change policy; a frozen conference cannot be frozen again."""
    return conference.status != ConferenceStatus.FROZEN and can_change_conference(user, conference)
