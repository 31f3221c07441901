"""State only: the awards of conference outcomes, registration items and sheet proposals point at
``catalogue.Award`` (moved from ``awards``, same table renamed)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0002_reports_seed_templates"),
        ("catalogue", "0001_move_award_from_awards"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The column and its constraint stay as they are: the table they reference was renamed, not replaced.
            state_operations=[
                migrations.AlterField(
                    model_name="conferenceoutcome",
                    name="award",
                    field=models.ForeignKey(
                        blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="catalogue.award"
                    ),
                ),
                migrations.AlterField(
                    model_name="registrationitem",
                    name="award",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="catalogue.award"
                    ),
                ),
                migrations.AlterField(
                    model_name="sheetproposal",
                    name="award",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="catalogue.award"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
