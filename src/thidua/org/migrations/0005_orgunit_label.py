"""The unambiguous unit label ("Phòng Kế hoạch — Nhà máy Z111"), stored on the unit and filled for existing units."""

from django.db import migrations, models


def fill_labels(apps, schema_editor):
    from thidua.org.labels import UnitRow, compute_labels

    OrgUnit = apps.get_model("org", "OrgUnit")
    units = list(OrgUnit.objects.only("pk", "path", "name", "label"))
    names_by_path = {u.path: u.name for u in units}
    rows = [UnitRow(u.pk, u.path, u.name) for u in units]
    labels = compute_labels(rows, names_by_path, 4)
    for unit in units:
        unit.label = labels[unit.pk]
    OrgUnit.objects.bulk_update(units, ["label"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0004_unit_enterprise_position_coefficient_time_factor"),
    ]

    operations = [
        migrations.AddField(
            model_name="orgunit",
            name="label",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                help_text="Tên đơn vị kèm đơn vị cấp trên, không trùng với đơn vị khác (xem org/labels.py).",
                max_length=600,
                verbose_name="tên đầy đủ",
            ),
        ),
        migrations.RunPython(fill_labels, migrations.RunPython.noop),
    ]
