"""Policies shared by every app: pure functions of (user, object) -> bool."""

from __future__ import annotations

from .choices import Action, Role
from .scoping import in_scope


def can_view_unit(user, unit) -> bool:
    """The unit is in the user's view scope."""
    return unit is not None and in_scope(user, unit.pk, Action.VIEW)


def can_change_unit(user, unit) -> bool:
    """The user may edit records belonging to the unit."""
    return unit is not None and in_scope(user, unit.pk, Action.CHANGE)


def can_manage(user) -> bool:
    """Administrators (superusers or the admin role somewhere) may manage users, roles and catalogues."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role_assignments.active().filter(role=Role.ADMIN).exists()
