"""The award catalogue moved to the ``catalogue`` app (see ``catalogue.0001_move_award_from_awards``): state only —
the rule versions and eligibility results point at ``catalogue.Award``, then ``Award`` leaves this app's state once
no foreign key of any app refers to ``awards.Award`` any more. No table or row changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_collective_awards"),
        ("catalogue", "0001_move_award_from_awards"),
        ("records", "0003_award_in_catalogue"),
        ("emulation", "0003_award_in_catalogue"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The column and its constraint stay as they are: the table they reference was renamed, not replaced.
            state_operations=[
                migrations.AlterField(
                    model_name="ruleversion",
                    name="award",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="rule_versions", to="catalogue.award"
                    ),
                ),
                migrations.AlterField(
                    model_name="eligibilityresult",
                    name="award",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="catalogue.award"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.SeparateDatabaseAndState(
            # The table is catalogue_award now: deleting the state model must not drop it.
            state_operations=[migrations.DeleteModel(name="Award")],
            database_operations=[],
        ),
    ]
