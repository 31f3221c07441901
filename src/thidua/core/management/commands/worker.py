"""``thidua worker``: run queued background jobs (eligibility runs, imports, bulk documents).

An alias of django-tasks-db's ``db_worker`` (same options) that also reaps jobs whose worker died: once at start, then
every ``2 × THIDUA_JOB_HEARTBEAT_SECONDS`` from a thread, so a killed worker's job is marked failed within
``THIDUA_JOB_LEASE_SECONDS`` + that period of any worker being up. ``--once`` is kept as a synonym of ``--batch``
(run what is queued, then exit).
"""

from __future__ import annotations

import os
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from thidua.core.jobs import reap_dead_jobs


def _reap_forever(stopped: threading.Event, period: float) -> None:
    """The reaper thread: look for dead jobs every ``period`` seconds until the process ends."""
    while not stopped.wait(period):
        try:
            reap_dead_jobs()
        except DatabaseError:  # locked or gone for a moment: try again next period
            connection.close()


class Command(DbWorkerCommand):
    """``db_worker`` plus the dead-job reaper; several workers may run side by side."""

    help = "Chạy các công việc nền đang chờ (xét điều kiện khen thưởng, nhập dữ liệu…)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--once", action="store_true", help="Chạy hết các việc đang chờ rồi thoát (= --batch).")

    def handle(self, *args, once: bool = False, **options):
        if once:
            options["batch"] = True
        reloading_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if not reloading_parent:
            reap_dead_jobs()
            period = max(1.0, 2 * settings.THIDUA_JOB_HEARTBEAT_SECONDS)
            threading.Thread(target=_reap_forever, args=(threading.Event(), period), daemon=True).start()
        return super().handle(*args, **options)
