"""Unit scoping: which org units a user may act on, and the one queryset method every read goes through.

A user's scope for an action is the union of the units of their active role assignments whose role grants the
action — each unit alone, or with all its descendants (a path-prefix match on the materialised-path tree). The result
is computed once per request (cached on the user object) and applied as ``unit_id IN (...)``, which both databases
answer from an index; ``None`` means "every unit" and adds no filter at all.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

from .choices import ROLE_ACTIONS, Action

ALL = None  # sentinel: the whole organisation

# The unit tree model (org's OrgUnit). Core sits below org and never imports it: org registers it in its
# AppConfig.ready (a registry the higher layer fills).
_unit_tree = None


def register_unit_tree(model) -> None:
    """Name the materialised-path tree model whose subtrees scopes resolve to (called by the org app)."""
    global _unit_tree
    _unit_tree = model


def unit_tree():
    """The registered unit tree model (``org.OrgUnit``)."""
    if _unit_tree is None:
        raise ImproperlyConfigured("Chưa đăng ký cây đơn vị: ứng dụng thidua.org phải được cài đặt.")
    return _unit_tree


def _roles_granting(action: str) -> list[str]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]


def _assignments(user, cache: dict) -> list[tuple[str, str, bool, int]]:
    """The user's active assignments as (role, unit path, with descendants, unit id); one query per request."""
    if "assignments" not in cache:
        # Looked up by name: core.models builds its querysets on this module, so importing it here would be a cycle.
        role_assignments = apps.get_model("core", "RoleAssignment").objects
        cache["assignments"] = list(
            role_assignments.active()
            .filter(user=user)
            .values_list("role", "unit__path", "include_descendants", "unit_id")
        )
    return cache["assignments"]


def _resolve(grants: frozenset[tuple[str, bool, int]]) -> frozenset[int] | None:
    """Unit ids covered by (path, with descendants, unit id) grants; None when they cover every root."""
    OrgUnit = unit_tree()
    subtree_paths = sorted({path for path, desc, _ in grants if desc})
    if any(len(path) == OrgUnit.steplen for path in subtree_paths):
        root_paths = set(OrgUnit.objects.get_root_nodes().values_list("path", flat=True))
        if root_paths <= set(subtree_paths):
            return ALL
    ids = {unit_id for _, desc, unit_id in grants if not desc}
    if subtree_paths:
        prefix_q = Q()
        for path in subtree_paths:
            prefix_q |= Q(path__startswith=path)
        ids.update(OrgUnit.objects.filter(prefix_q).values_list("id", flat=True))
    return frozenset(ids)


def scope_unit_ids(user, action: str = Action.VIEW) -> frozenset[int] | None:
    """Ids of the org units ``user`` may perform ``action`` on; None for all units, empty set for none.

    Cached on the user object for the request; actions whose grants are the same (view and change for an officer)
    share one computation.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = scope_cache(user)
    if action in cache:
        return cache[action]
    if user.is_superuser:
        cache[action] = ALL
        return ALL
    roles = set(_roles_granting(action))
    rows = _assignments(user, cache)
    grants = frozenset((path, desc, unit_id) for role, path, desc, unit_id in rows if role in roles)
    if grants not in cache:
        cache[grants] = _resolve(grants) if grants else frozenset()
    cache[action] = cache[grants]
    return cache[action]


def in_scope(user, unit_id: int | None, action: str = Action.VIEW) -> bool:
    """Whether one unit (by id) is within the user's scope for ``action``."""
    ids = scope_unit_ids(user, action)
    if ids is ALL:
        return True
    return unit_id is not None and unit_id in ids


def require_change_scope(actor, unit, field: str, message: str | None = None) -> None:
    """Refuse a write that touches ``unit`` outside the actor's change scope, as a ValidationError on ``field``.

    ``actor`` None (system commands such as ``thidua demo``) and a missing unit pass: the caller validates presence.
    """
    if actor is None or unit is None or in_scope(actor, unit.pk, Action.CHANGE):
        return
    from django.core.exceptions import ValidationError

    raise ValidationError({field: [message or f"Đơn vị «{unit}» nằm ngoài phạm vi quản lý của bạn."]})


SCOPE_CACHE = "_thidua_scope"


def scope_cache(user) -> dict:
    """The per-request cache of scope results kept on the user object: the scopes themselves, and what other modules
    derive from them (forgotten with them by :func:`clear_scope_cache`)."""
    return user.__dict__.setdefault(SCOPE_CACHE, {})


def clear_scope_cache(user) -> None:
    """Forget the cached scope (after role changes within one request, and in tests)."""
    user.__dict__.pop(SCOPE_CACHE, None)


def scope_through(parent_field: str):
    """``scope_filter`` for a model that hangs on the tree through its parent ``parent_field``: a row is in scope
    when its parent is (the parent model has its own ``scope_filter``). In a model: ``scope_filter =
    scope_through("conference")``."""

    @classmethod
    def scope_filter(cls, ids):
        parent = cls._meta.get_field(parent_field).related_model
        return Q(**{f"{parent_field}__in": parent.objects.filter(parent.scope_filter(ids)).values("pk")})

    return scope_filter


class ScopedQuerySet(models.QuerySet):
    """A queryset with ``visible_to(user, action)``; models say how they hang on the tree via ``scope_filter``."""

    def visible_to(self, user, action: str = Action.VIEW):
        """Only the rows the user may ``action``; anonymous or role-less users see nothing."""
        ids = scope_unit_ids(user, action)
        if ids is ALL:
            return self
        if not ids:
            return self.none()
        return self.filter(self.model.scope_filter(ids))
