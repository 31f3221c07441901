"""What the home page counts for a user: a registry that the apps above core fill in their AppConfig.ready.

Core sits below every other app and never imports them; an app that wants a count on the home page registers a
function ``user → int`` under the template variable's name (``unit_count``, ``person_count`` …), and an app that
has work waiting on a user registers a to-do source (``user, today → list[Todo]``) for "Việc cần làm".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import Job

COUNTERS: dict[str, Callable] = {}


def register_counter(name: str, count: Callable) -> None:
    """Show ``count(user)`` on the home page as ``{{ name }}``."""
    COUNTERS[name] = count


def counts(user) -> dict[str, int]:
    """Every registered count for ``user`` (each one scoped by the function that computes it)."""
    return {name: count(user) for name, count in COUNTERS.items()}


# --- "Việc cần làm": what waits on the user ------------------------------------------------------------------------


@dataclass(frozen=True)
class Todo:
    """One thing the user should act on: a short text, a link to act, an optional detail (the units named) and a
    level (``danger`` for overdue or failed, ``warning`` for due soon, ``info`` otherwise)."""

    text: str
    link: str
    detail: str = ""
    level: str = "info"
    icon: str = "bi-check2-square"


TODO_SOURCES: dict[str, Callable] = {}


def register_todos(name: str, source: Callable) -> None:
    """Add ``source(user, today) → list[Todo]`` to the user's "Việc cần làm" (each source scopes itself)."""
    TODO_SOURCES[name] = source


def todos(user, today: dt.date | None = None) -> list[Todo]:
    """Everything waiting on ``user``, the urgent first (overdue and failed, then due soon, then the rest)."""
    today = today or timezone.localdate()
    items = [item for source in TODO_SOURCES.values() for item in source(user, today)]
    order = {"danger": 0, "warning": 1}
    return sorted(items, key=lambda t: order.get(t.level, 2))


JOB_FAILED_DAYS = 7


def job_todos(user, today: dt.date) -> list[Todo]:
    """The user's own background jobs still running, and those failed in the last week and not run again (one
    query)."""
    recent = timezone.now() - dt.timedelta(days=JOB_FAILED_DAYS)
    jobs = (
        Job.objects.filter(created_by_id=user.pk)
        .filter(Q(status__in=Job.ACTIVE) | Q(status=Job.Status.FAILED, finished_at__gte=recent))
        .exclude(pk__in=Job.objects.filter(rerun_of__isnull=False).values("rerun_of"))
        .order_by("-created_at")[:10]
    )
    items = []
    for job in jobs:
        link = reverse("job_detail", args=[job.pk])
        if job.status == Job.Status.FAILED:
            items.append(Todo(f"Công việc nền bị lỗi: {job.title}", link, "", "danger", "bi-exclamation-octagon"))
        else:
            items.append(
                Todo(
                    f"Công việc nền {job.get_status_display().lower()}: {job.title}",
                    link,
                    "",
                    "info",
                    "bi-hourglass-split",
                )
            )
    return items


register_todos("jobs", job_todos)
