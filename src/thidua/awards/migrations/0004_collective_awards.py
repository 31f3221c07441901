"""Data migration: the Giấy khen codes per subject (GK_CA_NHAN, GK_TAP_THE) and the new rule files — enterprise vs
military unit for ĐVQT/ĐVTT/TTLĐXS/TTLĐTT, Cờ thi đua BQP and CP, Giấy khen (idempotent; existing items are kept)."""

from django.db import migrations


def forwards(apps, schema_editor):
    """Create the missing catalogue items, then store every rule file whose content is not stored yet."""
    from thidua.catalogue.seed import seed_catalogue
    from thidua.awards.eligibility.rules.loader import load_rule_files

    Award = apps.get_model("awards", "Award")
    RuleVersion = apps.get_model("awards", "RuleVersion")
    seed_catalogue(Award, update=False)
    load_rule_files(award_model=Award, rule_model=RuleVersion)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_seed_catalogue_rules"),
        ("org", "0004_unit_enterprise_position_coefficient_time_factor"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
