"""In-app notifications: :func:`notify` (called by the services of the apps above, inside their transaction), who
receives a unit's notifications (:func:`unit_recipients`), and marking them read.

Core sits below every app, so apps call these functions directly; core never imports them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from . import vn
from .choices import Role
from .models import Notification, RoleAssignment, User
from .scoping import unit_tree

TEXT_MAX = Notification._meta.get_field("text").max_length
MAIL_SUBJECT_MAX = 120

logger = logging.getLogger(__name__)


def unit_recipients(unit, roles: Iterable[str]) -> list[User]:
    """The active users holding one of ``roles`` nearest to ``unit``: on the unit itself, or else on its nearest
    ancestor whose assignment covers its sub-units (so an event of a battalion reaches its own officers, not every
    officer up the tree). One query."""
    if unit is None:
        return []
    step = unit_tree().steplen
    paths = [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]
    rows = list(
        RoleAssignment.objects.active()
        .filter(role__in=list(roles), user__is_active=True, unit__path__in=paths)
        .filter(Q(unit=unit) | Q(include_descendants=True))
        .select_related("user", "unit")
        .order_by("user_id")
    )
    if not rows:
        return []
    nearest = max(len(row.unit.path) for row in rows)
    users = {row.user_id: row.user for row in rows if len(row.unit.path) == nearest}
    return list(users.values())


def office_of(unit) -> list[User]:
    """The standing office (cơ quan thường trực) nearest to ``unit``."""
    return unit_recipients(unit, [Role.OFFICE])


def officers_of(unit) -> list[User]:
    """The unit's emulation officers (cán bộ TĐKT) — those nearest to it."""
    return unit_recipients(unit, [Role.UNIT_OFFICER])


def notify(
    *, recipients: Iterable, text: str, link: str = "", key: str = "", exclude=None, email: bool = False
) -> list[Notification]:
    """Send ``text`` (with a ``link`` to act on it) to each recipient once; ``exclude`` (usually the actor) is
    skipped. With a ``key``, a recipient who already has a notification of that key is not notified again. With
    ``email``, each new notification is also mailed to its recipient's address (when they have one). At most two
    queries (the keyed check, one insert), whatever the number of recipients."""
    text = vn.nfc(text)[:TEXT_MAX]
    skip = {getattr(exclude, "pk", None)}
    users = {}
    for user in recipients:
        if user is not None and user.pk not in skip:
            users.setdefault(user.pk, user)
    if key and users:
        done = Notification.objects.filter(key=key, recipient_id__in=list(users)).values_list("recipient_id", flat=True)
        for pk in set(done):
            users.pop(pk)
    if not users:
        return []
    now = timezone.now()
    created = [Notification(recipient=u, text=text, link=link, key=key, created_at=now) for u in users.values()]
    # a keyed notification written meanwhile by a concurrent run is skipped by the unique constraint
    Notification.objects.bulk_create(created, ignore_conflicts=bool(key))
    if email:
        mail_notifications(created)
    return created


def mail_notifications(items: Iterable[Notification]) -> int:
    """Mail each notification to its recipient (the configured backend: SMTP, or the console when no EMAIL_HOST);
    a failed delivery is logged and skipped. Returns how many were sent."""
    sent = 0
    for item in items:
        address = item.recipient.email
        if not address:
            continue
        link = f"{settings.THIDUA_SITE_URL}{item.link}" if item.link else ""
        body = f"{item.text}\n\n{link}\n\n— Thidua (thư tự động, xin đừng trả lời)".replace("\n\n\n\n", "\n\n")
        subject = f"[Thidua] {item.text}"[:MAIL_SUBJECT_MAX]
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # noqa: BLE001 — an unreachable mail server must not stop the reminders
            logger.exception("Không gửi được thư đến %s", address)
            continue
        sent += 1
    return sent


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
