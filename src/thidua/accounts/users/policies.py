"""Who may manage which account, and which roles an administrator may grant.

The rule (documented in docs/huong-dan-su-dung.md, "Tài khoản và phân quyền"):

* an administrator's *management scope* is the set of units where they hold the administrator role
  (``Action.MANAGE``), each with or without its descendants as the assignment says; a superuser's is everything;
* an administrator manages a user when **every** role assignment the user has ever held (current, future or ended)
  lies on a unit of that scope. A user with no role assignment at all belongs to nobody's subtree: only
  administrators of the whole organisation (and superusers) manage them; an account created in the app always gets
  an initial role, so this only concerns accounts made from the shell;
* superuser accounts are managed by superusers only; nobody deactivates themselves or ends their own administrator
  role;
* a role may be granted only on a unit of the grantor's scope, and "with descendants" only when the whole subtree is
  in the scope too, and never for longer than the grantor's own administrator role there lasts — an administrator
  never hands out more than they hold.

Pure functions of (user, object); views, templates and services use the same ones.
"""

from __future__ import annotations

import datetime as dt

from thidua.core.choices import Action, Role
from thidua.core.models import RoleAssignment, User
from thidua.core.scoping import ALL, scope_unit_ids, unit_tree


def manage_scope(user):
    """The unit ids the user manages accounts on (``ALL`` for the whole organisation, empty set for none)."""
    return scope_unit_ids(user, Action.MANAGE)


def can_manage_users(user) -> bool:
    """The user is an administrator somewhere (or a superuser): the users pages exist for them."""
    return bool(user.is_authenticated) and (manage_scope(user) is ALL or bool(manage_scope(user)))


def can_manage_user(actor, target: User) -> bool:
    """``actor`` may see and change ``target``'s account and roles (see the module's rule)."""
    if not can_manage_users(actor):
        return False
    if target.is_superuser and not actor.is_superuser:
        return False
    ids = manage_scope(actor)
    if ids is ALL:
        return True
    units = set(RoleAssignment.objects.filter(user=target).values_list("unit_id", flat=True))
    return bool(units) and units <= ids


def can_deactivate_user(actor, target: User) -> bool:
    """Deactivate (or reactivate) an account: a manageable one that is not the actor's own."""
    return target.pk != actor.pk and can_manage_user(actor, target)


def can_grant_on(actor, unit, include_descendants: bool) -> bool:
    """``actor`` may grant a role on ``unit`` (and, when asked, on its whole subtree) without exceeding their scope."""
    ids = manage_scope(actor)
    if ids is ALL:
        return True
    if unit is None or unit.pk not in ids:
        return False
    if not include_descendants:
        return True
    subtree = unit_tree().objects.filter(path__startswith=unit.path).values_list("id", flat=True)
    return set(subtree) <= ids


def grant_deadline(actor, unit) -> dt.date | None:
    """The last day a role that ``actor`` grants on ``unit`` may be valid: the end of the actor's own administrator
    role covering ``unit`` (the latest, if several cover it); None when one of them has no end, or for a superuser."""
    if actor.is_superuser:
        return None
    ends = []
    for held in RoleAssignment.objects.active().filter(user=actor, role=Role.ADMIN).select_related("unit"):
        if held.unit_id == unit.pk or (held.include_descendants and unit.path.startswith(held.unit.path)):
            if held.valid_to is None:
                return None
            ends.append(held.valid_to)
    return max(ends, default=None)


def can_end_role(actor, assignment: RoleAssignment) -> bool:
    """End a role assignment: its user is manageable and its unit is in the actor's scope; nobody ends their own
    administrator role (they would lock themselves out — another administrator does it)."""
    if assignment.user_id == actor.pk and assignment.role == Role.ADMIN:
        return False
    ids = manage_scope(actor)
    in_scope = ids is ALL or assignment.unit_id in (ids or ())
    return in_scope and can_manage_user(actor, assignment.user)
