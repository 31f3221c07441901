"""Background jobs (DESIGN.md §4.7): enqueue long work as a :class:`~thidua.core.models.Job`, run it, report progress.

A *job kind* is a function ``fn(job) -> dict | None`` registered with :func:`job_kind`; apps register theirs in a
``tasks.py`` module, which :func:`registry` imports on first use (so the worker knows every kind without the web
views being loaded). The function reports progress with :func:`job_progress` and lines of log with :func:`job_log`;
what it returns becomes ``job.result`` (a ``"url"`` key there is where the status page links when the job is done).

Who runs a queued job:

* ``thidua worker`` polls the table and runs jobs one at a time (``--once`` runs what is queued and exits);
* when ``settings.THIDUA_JOBS_INLINE`` is true — the default outside production, i.e. a single laptop where nobody
  starts a worker — :func:`job_enqueue` runs the job in the same process right after the enqueuing transaction
  commits. ``job_enqueue(..., run_inline=True/False)`` overrides the setting for one call.

Claiming is a conditional ``UPDATE ... WHERE status = 'queued'``, so two workers never run the same job on either
database.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from . import audit
from .models import Job
from .scoping import in_scope

logger = logging.getLogger(__name__)

JobFunction = Callable[[Job], "dict[str, Any] | None"]

_REGISTRY: dict[str, JobFunction] = {}
_discovered = False
LOG_LIMIT = 20_000  # characters of log kept on the row; the oldest lines go first


def job_kind(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register ``fn(job)`` as the function that runs jobs of kind ``name`` (a decorator)."""

    def decorate(fn: JobFunction) -> JobFunction:
        _REGISTRY[name] = fn
        return fn

    return decorate


def registry() -> dict[str, JobFunction]:
    """Every registered job kind, after importing each installed app's ``tasks`` module once."""
    global _discovered
    if not _discovered:
        autodiscover_modules("tasks")
        _discovered = True
    return _REGISTRY


def job_enqueue(
    *,
    actor,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    unit=None,
    run_inline: bool | None = None,
) -> Job:
    """Queue a job of a registered ``kind`` for ``unit`` (its scope decides who else may watch it).

    With ``run_inline`` (default ``settings.THIDUA_JOBS_INLINE``) the job runs in this process as soon as the
    current transaction commits; otherwise a ``thidua worker`` picks it up.
    """
    if kind not in registry():
        raise ValueError(f"Loại công việc không được hỗ trợ: {kind}")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title[:255],
            params=params or {},
            unit=unit,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit.record(actor=actor, event_type="job.create", target=job, unit=unit, extra={"kind": kind})
    inline = settings.THIDUA_JOBS_INLINE if run_inline is None else run_inline
    if inline:
        transaction.on_commit(lambda: job_run(Job.objects.get(pk=job.pk)))
    return job


def job_progress(job: Job, progress: int, total: int | None = None) -> None:
    """Record how far the job is (one UPDATE; the status page reads it while the job runs)."""
    job.progress = progress
    fields = {"progress": progress}
    if total is not None:
        job.total = total
        fields["total"] = total
    Job.objects.filter(pk=job.pk).update(**fields)


def job_log(job: Job, line: str) -> None:
    """Append a line to the job's log (kept to the last ``LOG_LIMIT`` characters)."""
    job.log = (job.log + line.rstrip() + "\n")[-LOG_LIMIT:]
    Job.objects.filter(pk=job.pk).update(log=job.log)


def _claim(job: Job) -> bool:
    """Mark a queued job as running; False when another process got it first (or it is not queued)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(status=Job.Status.RUNNING, started_at=now)
    if claimed:
        job.status, job.started_at = Job.Status.RUNNING, now
    return bool(claimed)


def job_run(job: Job) -> Job:
    """Run one queued job to the end: running → done (with its result) or failed (with the error in the log).

    Exceptions of the job function are caught and recorded; the job function's own writes are its business (a
    service it calls is atomic). Returns the job as saved.
    """
    if not _claim(job):
        return job
    fn = registry().get(job.kind)
    try:
        if fn is None:
            raise LookupError(f"Loại công việc không được hỗ trợ: {job.kind}")
        result = fn(job) or {}
    except Exception as exc:  # noqa: BLE001 — a failed job must be recorded, whatever went wrong
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job_log(job, f"Lỗi: {exc}")
        job_log(job, traceback.format_exc(limit=3))
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, finished_at=timezone.now())
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE, result=result, finished_at=timezone.now(), progress=F("total")
        )
    job.refresh_from_db()
    return job


def run_queued(limit: int | None = None) -> int:
    """Run queued jobs, oldest first, until none is left (or ``limit`` were run); returns how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job = Job.objects.filter(status=Job.Status.QUEUED).order_by("created_at", "pk").first()
        if job is None:
            break
        job_run(job)  # a job another worker claimed in between is skipped by job_run
        ran += 1
    return ran


def can_view_job(user, job: Job) -> bool:
    """The job's creator, or anyone whose view scope covers the job's unit, may watch it."""
    if not user.is_authenticated:
        return False
    if job.created_by_id is not None and job.created_by_id == user.pk:
        return True
    return job.unit_id is not None and in_scope(user, job.unit_id)


def visible_jobs(user):
    """Jobs the user may watch (a queryset; the per-object rule is :func:`can_view_job`)."""
    from django.db.models import Q

    from .scoping import ALL, scope_unit_ids

    if not user.is_authenticated:
        return Job.objects.none()
    ids = scope_unit_ids(user)
    if ids is ALL:
        return Job.objects.all()
    return Job.objects.filter(Q(created_by=user) | Q(unit_id__in=ids or []))
