"""Reads of the users pages: the accounts an administrator manages, a user's roles, the units they may grant on."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from thidua.core.models import RoleAssignment, User
from thidua.core.scoping import ALL, unit_tree

from .policies import can_manage_user, manage_scope


def users_managed_by(actor) -> QuerySet:
    """Accounts ``actor`` manages (see :mod:`.policies`): all of them for a whole-organisation scope, else those whose
    role assignments all lie in the scope; superusers only for superusers. Ordered by username."""
    ids = manage_scope(actor)
    qs = User.objects.all()
    if not actor.is_superuser:
        qs = qs.filter(is_superuser=False)
    if ids is ALL:
        return qs.order_by("username")
    if not ids:
        return qs.none()
    outside = RoleAssignment.objects.filter(user=OuterRef("pk")).exclude(unit_id__in=ids)
    inside = RoleAssignment.objects.filter(user=OuterRef("pk"))
    return qs.filter(Exists(inside)).exclude(Exists(outside)).order_by("username")


def user_for_admin(actor, pk: int) -> User:
    """One account ``actor`` manages, or 404 (an account outside the scope is not confirmed to exist)."""
    user = User.objects.filter(pk=pk).first()
    if user is None or not can_manage_user(actor, user):
        raise Http404
    return user


def role_history(user: User) -> list[RoleAssignment]:
    """Every role assignment of ``user`` — current first, then future, then ended — each marked with ``state``
    ("current", "future" or "ended") for the page."""
    today = timezone.localdate()
    rows = list(RoleAssignment.objects.filter(user=user).select_related("unit").order_by("-valid_from", "-id"))
    for row in rows:
        if row.valid_to is not None and row.valid_to < today:
            row.state = "ended"
        elif row.valid_from is not None and row.valid_from > today:
            row.state = "future"
        else:
            row.state = "current"
    order = {"current": 0, "future": 1, "ended": 2}
    return sorted(rows, key=lambda r: order[r.state])


def assignment_of(user: User, pk: int) -> RoleAssignment:
    """One role assignment of ``user`` (already checked as manageable by the caller), or 404."""
    assignment = RoleAssignment.objects.select_related("unit", "user").filter(pk=pk, user=user).first()
    if assignment is None:
        raise Http404
    return assignment


def grantable_units(actor) -> QuerySet:
    """The units ``actor`` may grant roles on, in tree order (for the role form and the import)."""
    OrgUnit = unit_tree()
    ids = manage_scope(actor)
    qs = OrgUnit.objects.all() if ids is ALL else OrgUnit.objects.filter(pk__in=ids or ())
    return qs.order_by("path")


def primary_unit(user: User):
    """The unit of the user's first current role (for audit events of the account), or None."""
    assignment = RoleAssignment.objects.filter(user=user).active().order_by("id").select_related("unit").first()
    if assignment is None:
        assignment = RoleAssignment.objects.filter(user=user).order_by("-id").select_related("unit").first()
    return assignment.unit if assignment else None


def users_with_username(usernames) -> set[str]:
    """Which of ``usernames`` are taken already (case-insensitive, as Django's login compares them exactly: we refuse
    near-duplicates too)."""
    wanted = {name.lower() for name in usernames}
    taken = User.objects.annotate(lowered=Lower("username")).filter(lowered__in=wanted)
    return {name.lower() for name in taken.values_list("username", flat=True)}
