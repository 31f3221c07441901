"""The import as a background job: the upload kept until it is saved, the job kind, the report for the page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from thidua.core.jobs import job_checkpoint, job_enqueue, job_progress
from thidua.core.models import Job

from .apply import ImportReport, import_records
from .upload import ImportRefused, check_upload

IMPORT_JOB = "records.import"


def upload_path(job_id: int) -> Path:
    """Where an import job's uploaded file is kept until the import succeeds (a re-run reads it again)."""
    return Path(settings.MEDIA_ROOT) / "imports" / f"{job_id}.xlsx"


def import_start(*, actor, name: str, data: bytes, unit_id: int | None = None) -> Job:
    """Check an upload and queue its import as a job (audited as ``job.create``); raises :class:`ImportRefused`
    for an unusable file, before anything is queued. The job's result holds the report (see :func:`run_import`);
    ``unit_id`` is the unit whose records page the import was opened from (its result page leads back there)."""
    check_upload(name, data)
    params = {"name": name, **({"unit": unit_id} if unit_id else {})}
    with transaction.atomic():
        job = job_enqueue(actor=actor, kind=IMPORT_JOB, title=f"Nhập thành tích từ tệp «{name[:200]}»", params=params)
        path = upload_path(job.pk)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return job


def run_import(job: Job) -> dict:
    """The import job: apply the kept upload as its creator (all or nothing, in one transaction); the report (or why
    the file was refused) goes to ``job.result``. The file is deleted once the rows are saved."""
    path = upload_path(job.pk if not job.rerun_of_id else _first_of(job))
    if not path.exists():
        raise LookupError("Tệp đã tải lên không còn; hãy tải tệp lên lại.")
    url = f"{reverse('records_import')}?cong_viec={job.pk}"
    if job.params.get("unit"):
        url += f"&don_vi={job.params['unit']}"
    try:
        report = import_records(
            actor=job.created_by, name=job.params["name"], data=path.read_bytes(), progress=_reporter(job)
        )
    except ImportRefused as exc:
        return {"refused": str(exc), "url": url}
    if report.ok:
        path.unlink(missing_ok=True)
    job_progress(job, report.rows, report.rows)
    return {"report": asdict(report), "url": url}


def _first_of(job: Job) -> int:
    """The job whose upload a re-run reads (re-runs of re-runs lead back to the first upload)."""
    while job.rerun_of_id:
        job = Job.objects.get(pk=job.rerun_of_id)
    return job.pk


def _reporter(job: Job) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if transaction.get_connection().in_atomic_block:
            job_checkpoint(job)  # inside the import's transaction: no write to the job row until the commit
        else:
            job_progress(job, done, total)

    return report


def report_of(job: Job) -> tuple[ImportReport | None, str | None]:
    """(report, refusal) of a finished import job, for the import page; a failed job's last log line is the refusal."""
    if job.status == Job.Status.DONE:
        data = job.result.get("report")
        return (ImportReport(**data) if data else None), job.result.get("refused")
    if job.status in (Job.Status.FAILED, Job.Status.CANCELLED):
        lines = [line for line in job.log.splitlines() if line.strip() and not line.startswith((" ", "Traceback"))]
        return None, f"Nhập dữ liệu không thành công: {lines[-1] if lines else job.get_status_display()}"
    return None, None
