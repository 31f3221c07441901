"""State only: ``AwardRecord.award`` points at ``catalogue.Award`` (moved from ``awards``, same table renamed)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0002_rating_history_index"),
        ("catalogue", "0001_move_award_from_awards"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The column and its constraint stay as they are: the table they reference was renamed, not replaced.
            state_operations=[
                migrations.AlterField(
                    model_name="awardrecord",
                    name="award",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="records", to="catalogue.award"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
