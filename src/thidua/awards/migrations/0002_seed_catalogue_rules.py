"""Data migration: seed the award catalogue (DOMAIN.md §5) and load the shipped rule files (idempotent)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from thidua.catalogue.seed import seed_catalogue
    from thidua.awards.eligibility.rules.loader import load_rule_files

    Award = apps.get_model("awards", "Award")
    RuleVersion = apps.get_model("awards", "RuleVersion")
    seed_catalogue(Award)
    load_rule_files(award_model=Award, rule_model=RuleVersion)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
