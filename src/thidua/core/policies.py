"""Policies shared by every app: pure functions of (user, object) -> bool."""

from __future__ import annotations

from .choices import ROLE_ACTIONS, Action, Role
from .scoping import ALL, in_scope, scope_unit_ids


def can_change_unit(user, unit) -> bool:
    """The user may edit records belonging to the unit."""
    return unit is not None and in_scope(user, unit.pk, Action.CHANGE)


def can_manage(user) -> bool:
    """Administrators (superusers or the admin role somewhere) may manage users, roles and catalogues."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role_assignments.active().filter(role=Role.ADMIN).exists()


def can_use_admin(user) -> bool:
    """The Django admin (``/quan-tri/``) is for administrators: a staff account that may also manage (the
    administrator role somewhere, or a superuser). ``is_staff`` alone, left on a demoted account, is not enough."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return can_manage(user)


def can_manage_job(user, job) -> bool:
    """Cancel or re-run a job: the user who started it, or whoever may change its unit (a job without a unit: the
    whole organisation's change scope, i.e. administrators)."""
    if not user.is_authenticated:
        return False
    if job.created_by_id is not None and job.created_by_id == user.pk:
        return True
    ids = scope_unit_ids(user, Action.CHANGE)
    return ids is ALL or (job.unit_id is not None and job.unit_id in ids)


def has_change_scope(user) -> bool:
    """Whether the user may change anything at all: one query, used to offer "create" buttons and pages."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = [role for role, actions in ROLE_ACTIONS.items() if Action.CHANGE in actions]
    return user.role_assignments.active().filter(role__in=roles).exists()
