"""Each eligibility run refers to the Job that ran it (step 2 of 2): drop the run's copies of the job's state
(status, progress, total, error, author, start and end times) — read through ``run.job`` now — and make the link
required (0005 gave every existing run its job). A separate migration so PostgreSQL alters the table in a transaction
without the pending foreign-key checks of 0005's updates."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0006_eligibilityrun_job"),
    ]

    operations = [
        migrations.RemoveField(model_name="eligibilityrun", name="created_by"),
        migrations.RemoveField(model_name="eligibilityrun", name="error"),
        migrations.RemoveField(model_name="eligibilityrun", name="finished_at"),
        migrations.RemoveField(model_name="eligibilityrun", name="progress"),
        migrations.RemoveField(model_name="eligibilityrun", name="started_at"),
        migrations.RemoveField(model_name="eligibilityrun", name="status"),
        migrations.RemoveField(model_name="eligibilityrun", name="total"),
        migrations.AlterField(
            model_name="eligibilityrun",
            name="job",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="eligibility_run",
                to="core.job",
                verbose_name="công việc",
            ),
        ),
    ]
