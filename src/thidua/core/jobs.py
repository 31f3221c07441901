"""Background jobs (DESIGN.md §4.7) on Django's tasks framework: a :class:`~thidua.core.models.Job` is what the user
watches (status, progress, log, result), a task of the framework runs it by id.

A *job kind* is a function ``fn(job) -> dict | None`` registered with :func:`job_kind`; apps register theirs in a
``tasks.py`` module, which :func:`registry` imports on first use (so the worker knows every kind without the web
views being loaded). The function reports progress with :func:`job_progress` and lines of log with :func:`job_log`;
what it returns becomes ``job.result`` (a ``"url"`` key there is where the status page links when the job is done).

Who runs a queued job — the task :func:`run_job` enqueued on a backend of ``settings.TASKS``:

* ``"default"``, django-tasks-db's database backend: ``thidua worker`` (an alias of ``db_worker`` that also reaps
  dead jobs) picks it up;
* ``"inline"``, the immediate backend, when ``settings.THIDUA_JOBS_INLINE`` is true — the default outside
  production, i.e. a single laptop where nobody starts a worker: the job runs in the same process right after the
  enqueuing transaction commits. ``job_enqueue(..., run_inline=True/False)`` overrides the setting for one call.

Claiming is a conditional ``UPDATE ... WHERE status = 'queued'``, so a job runs once even if its task were delivered
twice. A running job refreshes ``heartbeat_at`` (a thread every ``THIDUA_JOB_HEARTBEAT_SECONDS``, and every progress
report); :func:`reap_dead_jobs` — run by every worker at start and periodically, before each task, and by the pages
that show jobs — marks a job silent for ``THIDUA_JOB_LEASE_SECONDS`` as failed, with the reason in its log.
A cancel request is honoured at the job's next progress report (:class:`JobCancelled`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks import task

from . import audit
from .models import Job

logger = logging.getLogger(__name__)

JobFunction = Callable[[Job], "dict[str, Any] | None"]

_REGISTRY: dict[str, JobFunction] = {}
_ON_ABORT: dict[str, Callable[[Job], None]] = {}
_RERUN: dict[str, Callable[..., Job]] = {}
_discovered = False
LOG_LIMIT = 20_000  # characters of log kept on the row; the oldest lines go first
DEAD_REASON = (
    "Tiến trình xử lý đã dừng đột ngột (không còn tín hiệu từ {when}); công việc bị đánh dấu lỗi, "
    "kết quả dở dang không được dùng. Bấm «Chạy lại» để chạy lại."
)
CANCELLED_LINE = "Đã huỷ theo yêu cầu."


class JobCancelled(Exception):
    """Raised inside a running job at its next progress report after someone asked to cancel it."""


def job_kind(
    name: str, *, on_abort: Callable[[Job], None] | None = None, rerun: Callable[..., Job] | None = None
) -> Callable[[JobFunction], JobFunction]:
    """Register ``fn(job)`` as the function that runs jobs of kind ``name`` (a decorator).

    ``on_abort(job)`` tidies up after a job of this kind that failed, was cancelled or lost its worker (e.g. deletes
    results half written); it must be idempotent. ``rerun(*, actor, job) -> Job`` starts a new job with the same
    inputs through the kind's own service (default: a copy of the job, see ``core.services.job_rerun``).
    """

    def decorate(fn: JobFunction) -> JobFunction:
        _REGISTRY[name] = fn
        if on_abort is not None:
            _ON_ABORT[name] = on_abort
        if rerun is not None:
            _RERUN[name] = rerun
        return fn

    return decorate


def registry() -> dict[str, JobFunction]:
    """Every registered job kind, after importing each installed app's ``tasks`` module once."""
    global _discovered
    if not _discovered:
        autodiscover_modules("tasks")
        _discovered = True
    return _REGISTRY


@task()
def run_job(job_id: int) -> str:
    """The task of Django's tasks framework that runs one job by id (after reaping jobs whose worker died)."""
    reap_dead_jobs()
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    return job_run(job).status


def rerun_hook(kind: str) -> Callable[..., Job] | None:
    """The kind's own way to start a job with the same inputs, if it registered one."""
    return _RERUN.get(kind) if kind in registry() else None


def job_enqueue(
    *,
    actor,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    unit=None,
    run_inline: bool | None = None,
    rerun_of: Job | None = None,
) -> Job:
    """Queue a job of a registered ``kind`` for ``unit`` (its scope decides who else may watch it), audited.

    The task is enqueued when the current transaction commits: on the ``"inline"`` backend (``run_inline``, default
    ``settings.THIDUA_JOBS_INLINE``) it then runs in this process; otherwise a ``thidua worker`` picks it up.
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
            rerun_of=rerun_of,
        )
        audit.record(actor=actor, event_type="job.create", target=job, unit=unit, extra={"kind": kind})
    inline = settings.THIDUA_JOBS_INLINE if run_inline is None else run_inline
    transaction.on_commit(lambda: _dispatch(job.pk, inline))
    return job


def _dispatch(job_id: int, inline: bool) -> None:
    """Hand the job to the task backend and remember the task's id on the job (for the operators)."""
    if inline:
        Job.objects.filter(pk=job_id).update(task_id="inline")
        run_job.using(backend="inline").enqueue(job_id)
        return
    result = run_job.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def job_progress(job: Job, progress: int, total: int | None = None) -> None:
    """Record how far the job is (one UPDATE, which also refreshes the heartbeat); raises :class:`JobCancelled`
    when someone asked to cancel the job."""
    job.progress = progress
    fields: dict[str, Any] = {"progress": progress, "heartbeat_at": timezone.now()}
    if total is not None:
        job.total = total
        fields["total"] = total
    updated = Job.objects.filter(pk=job.pk, cancel_requested=False).update(**fields)
    if not updated and Job.objects.filter(pk=job.pk, cancel_requested=True).exists():
        raise JobCancelled(CANCELLED_LINE)
    if settings.THIDUA_JOB_TEST_DELAY:
        time.sleep(settings.THIDUA_JOB_TEST_DELAY)  # tests only: a run slow enough to kill its worker mid-way


def job_checkpoint(job: Job) -> None:
    """A progress check that writes nothing: raises :class:`JobCancelled` when someone asked to cancel the job. For
    work inside one long transaction, where writing the job row would hold its lock (or SQLite's write lock) until
    the commit; the heartbeat thread keeps the job alive meanwhile."""
    if Job.objects.filter(pk=job.pk, cancel_requested=True).exists():
        raise JobCancelled(CANCELLED_LINE)
    if settings.THIDUA_JOB_TEST_DELAY:
        time.sleep(settings.THIDUA_JOB_TEST_DELAY)  # tests only


def job_run_inline(job: Job) -> Job:
    """For a caller whose user waits for the answer (a web form): when jobs run inline, make sure this one ran —
    a no-op when the on-commit hook already ran it, the run itself when an enclosing transaction defers that hook.
    Returns the job as saved (still queued when a worker will run it)."""
    if settings.THIDUA_JOBS_INLINE:
        job_run(Job.objects.get(pk=job.pk))
    return Job.objects.get(pk=job.pk)


def _log_plus(log: str, line: str) -> str:
    """``log`` with ``line`` appended, kept to the last ``LOG_LIMIT`` characters."""
    return (log + line.rstrip() + "\n")[-LOG_LIMIT:]


def job_log(job: Job, line: str) -> None:
    """Append a line to the job's log (kept to the last ``LOG_LIMIT`` characters)."""
    job.log = _log_plus(job.log, line)
    Job.objects.filter(pk=job.pk).update(log=job.log)


def _claim(job: Job) -> bool:
    """Mark a queued job as running; False when another process got it first (or it is not queued any more)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now
    )
    if claimed:
        job.status, job.started_at, job.heartbeat_at = Job.Status.RUNNING, now, now
    return bool(claimed)


class _Heartbeat(threading.Thread):
    """Refreshes a running job's ``heartbeat_at`` every few seconds, even while the job is busy between progress
    reports (loading data, one long query). It dies with its process, which is the point."""

    def __init__(self, job_id: int):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id = job_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.THIDUA_JOB_HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())
                except DatabaseError:  # a locked database this time: the next beat will do
                    logger.warning("heartbeat of job %s not written", self.job_id, exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def job_run(job: Job) -> Job:
    """Run one queued job to the end: running → done (with its result), failed (with the error in the log) or
    cancelled. Exceptions of the job function are caught and recorded; the job function's own writes are its
    business. A job reaped as dead meanwhile keeps its failed status. Returns the job as saved."""
    if not _claim(job):
        return job
    fn = registry().get(job.kind)
    heartbeat = _Heartbeat(job.pk)
    heartbeat.start()
    try:
        if fn is None:
            raise LookupError(f"Loại công việc không được hỗ trợ: {job.kind}")
        result = fn(job) or {}
    except JobCancelled:
        job_log(job, CANCELLED_LINE)
        _finish(job, Job.Status.CANCELLED)
    except Exception as exc:  # noqa: BLE001 — a failed job must be recorded, whatever went wrong
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job_log(job, f"Lỗi: {exc}")
        job_log(job, traceback.format_exc(limit=3))
        _finish(job, Job.Status.FAILED)
    else:
        _finish(job, Job.Status.DONE, result=result, progress=F("total"))
    finally:
        heartbeat.stop()
    job.refresh_from_db()
    return job


def _finish(job: Job, status: str, **fields) -> None:
    """Set the final status of a job this process is running (not of one reaped meanwhile); tidy up if it failed."""
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(status=status, finished_at=timezone.now(), **fields)
    if status != Job.Status.DONE:
        _abort(job)


def _abort(job: Job) -> None:
    """Run the kind's clean-up for a job that did not finish (idempotent; a failure there is only logged)."""
    cleanup = _ON_ABORT.get(job.kind)
    if cleanup is None:
        return
    try:
        cleanup(job)
    except Exception:  # noqa: BLE001 — the job is already marked; leftovers are invisible anyway
        logger.exception("clean-up of job %s (%s) failed", job.pk, job.kind)


def reap_dead_jobs() -> int:
    """Mark running jobs whose heartbeat is older than the lease as failed (their worker died), with a Vietnamese
    reason in the log, and run their kind's clean-up. Cheap when nothing is stale (one indexed query); returns how
    many jobs were reaped."""
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.THIDUA_JOB_LEASE_SECONDS)
    stale = Job.objects.filter(status=Job.Status.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    reaped = 0
    for job in stale:
        last = timezone.localtime(job.heartbeat_at or job.started_at or now)
        reason = DEAD_REASON.format(when=f"{last:%H:%M:%S %d/%m/%Y}")
        log = _log_plus(job.log, reason)
        # Conditional on the heartbeat read: a job that beat in between is alive after all.
        if Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at).update(
            status=Job.Status.FAILED, finished_at=now, log=log
        ):
            logger.warning("job %s (%s) lost its worker; marked failed", job.pk, job.kind)
            _fail_task(job, now)
            registry()
            _abort(job)
            reaped += 1
    return reaped


def _fail_task(job: Job, now) -> None:
    """Mark the framework's own record of the dead job's task failed too (it would stay RUNNING forever)."""
    if not job.task_id or job.task_id == "inline":
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(status="FAILED", finished_at=now)
