"""Each eligibility run refers to the Job that ran it (step 1 of 2): add ``EligibilityRun.job`` and fill it for every
existing run — the job that created it (its ``result`` names the run) or, for runs started without one (the CLI), a
new job carrying the run's status, progress, error, author and times — so existing runs stay readable once
0006 drops the copies of that state from the run. Reversible: the reverse copies the job's state back."""

import django.db.models.deletion
from django.db import migrations, models

KIND = "awards.eligibility"
OLD_UNFINISHED = "Lượt xét chưa kết thúc khi nâng cấp hệ thống; hãy chạy lại."


def _title(run) -> str:
    return f"Xét điều kiện khen thưởng năm {run.year} — {run.unit.name if run.unit_id else 'toàn bộ'}"


def link_jobs(apps, schema_editor):
    """Give every run its job (found by ``result.run`` or created from the run's own state)."""
    Job = apps.get_model("core", "Job")
    EligibilityRun = apps.get_model("awards", "EligibilityRun")
    taken = set()
    for run in EligibilityRun.objects.select_related("unit").order_by("pk").iterator():
        job = (
            Job.objects.filter(kind=KIND, result__run=run.pk).exclude(pk__in=taken).order_by("pk").first()
            if run.status == "done"
            else None
        )
        if job is None:
            unfinished = run.status in ("queued", "running")
            job = Job.objects.create(
                kind=KIND,
                title=_title(run)[:255],
                params={"year": run.year, "unit": run.unit_id},
                status="failed" if unfinished else run.status,
                progress=run.progress,
                total=run.total,
                log=OLD_UNFINISHED if unfinished else run.error,
                result={"run": run.pk} if run.status == "done" else {},
                unit_id=run.unit_id,
                created_by_id=run.created_by_id,
                started_at=run.started_at,
                finished_at=run.finished_at or (run.created_at if unfinished else None),
            )
            Job.objects.filter(pk=job.pk).update(created_at=run.created_at)
        elif job.status != "done":
            Job.objects.filter(pk=job.pk).update(status="done", finished_at=run.finished_at)
        taken.add(job.pk)
        EligibilityRun.objects.filter(pk=run.pk).update(job_id=job.pk)


def unlink_jobs(apps, schema_editor):
    """Copy each job's state back onto its run (the fields are back: 0006 was reversed first)."""
    EligibilityRun = apps.get_model("awards", "EligibilityRun")
    for run in EligibilityRun.objects.select_related("job").exclude(job=None).iterator():
        job = run.job
        EligibilityRun.objects.filter(pk=run.pk).update(
            status=job.status if job.status != "cancelled" else "failed",
            progress=job.progress,
            total=job.total,
            error=job.log[:2000] if job.status != "done" else "",
            created_by_id=job.created_by_id,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_move_award_to_catalogue"),
        ("core", "0005_job_heartbeat_cancel_rerun"),
    ]

    operations = [
        migrations.AddField(
            model_name="eligibilityrun",
            name="job",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="eligibility_run",
                to="core.job",
                verbose_name="công việc",
            ),
        ),
        migrations.RunPython(link_jobs, unlink_jobs),
    ]
