"""In-app notifications: :func:`notify` (called by the services of the apps above, inside their transaction), who
receives a unit's notifications (:func:`unit_recipients`), and marking them read.

Core sits below every app, so apps call these functions directly; core never imports them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import vn
from .choices import Role
from .models import Notification, RoleAssignment, User
from .scoping import unit_tree

TEXT_MAX = Notification._meta.get_field("text").max_length


def unit_recipients(unit, roles: Iterable[str]) -> list[User]:
    """The active users holding one of ``roles`` nearest to ``unit``: on the unit itself, or else on its nearest
    ancestor whose assignment covers its sub-units (so an event of a battalion reaches its own officers, not every
    officer up the tree)."""
    if unit is None:
        return []
    step = unit_tree().steplen
    paths = [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]
    rows = (
        RoleAssignment.objects.active()
        .filter(role__in=list(roles), user__is_active=True, unit__path__in=paths)
        .filter(Q(unit=unit) | Q(include_descendants=True))
        .values_list("user_id", "unit__path")
    )
    rows = list(rows)
    if not rows:
        return []
    nearest = max(len(path) for _, path in rows)
    ids = {user_id for user_id, path in rows if len(path) == nearest}
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def office_of(unit) -> list[User]:
    """The standing office (cơ quan thường trực) nearest to ``unit``."""
    return unit_recipients(unit, [Role.OFFICE])


def officers_of(unit) -> list[User]:
    """The unit's emulation officers (cán bộ TĐKT) — those nearest to it."""
    return unit_recipients(unit, [Role.UNIT_OFFICER])


def notify(*, recipients: Iterable, text: str, link: str = "", key: str = "", exclude=None) -> list[Notification]:
    """Send ``text`` (with a ``link`` to act on it) to each recipient once; ``exclude`` (usually the actor) is
    skipped. With a ``key``, a recipient who already has a notification of that key is not notified again."""
    text = vn.nfc(text)[:TEXT_MAX]
    seen: set[int] = set()
    created = []
    for user in recipients:
        if user is None or user.pk in seen or (exclude is not None and user.pk == getattr(exclude, "pk", None)):
            continue
        seen.add(user.pk)
        if key and Notification.objects.filter(recipient=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                created.append(Notification.objects.create(recipient=user, text=text, link=link, key=key))
        except IntegrityError:  # the same key written concurrently: already notified
            continue
    return created


def unread_count(user) -> int:
    """How many of the user's notifications are unread (one COUNT query)."""
    return Notification.objects.visible_to(user).unread().count()


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """Mark one of ``actor``'s notifications read (no change when already read)."""
    if notification.read_at is None and notification.recipient_id == actor.pk:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor) -> int:
    """Mark every unread notification of ``actor`` read; returns how many."""
    return Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())
