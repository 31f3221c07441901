"""Move the award catalogue's ``Award`` from the ``awards`` app into this app, losing no row.

State: ``Award`` is created here (and deleted from ``awards`` by ``awards.0005_move_award_to_catalogue``, after every
foreign key to it points here). Database: the table is renamed ``awards_award`` → ``catalogue_award``; rows, ids,
the identity sequence and the foreign-key constraints of the other tables stay (PostgreSQL keeps constraints on a
renamed table; SQLite ≥ 3.26 rewrites the references in the other tables). The content type moves too, so the
permissions given on awards keep applying. On a fresh database ``awards.0001`` creates the table and this renames it.
"""

from django.db import migrations, models


def move_content_type(apps, schema_editor, old="awards", new="catalogue"):
    """Relabel the Award content type (permissions point at it), unless the new one exists already."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=new, model="award").exists():
        ContentType.objects.using(db).filter(app_label=old, model="award").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="catalogue", new="awards")


class Migration(migrations.Migration):
    initial = True

    # Every migration that creates a foreign key to awards.Award runs before the table is renamed (else, on a fresh
    # database, it would reference "awards_award" after the rename).
    dependencies = [
        ("awards", "0004_collective_awards"),
        ("records", "0002_rating_history_index"),
        ("emulation", "0002_reports_seed_templates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Award',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=40, unique=True, verbose_name='mã')),
                        ('name', models.CharField(max_length=255, verbose_name='tên')),
                        ('short_name', models.CharField(blank=True, max_length=40, verbose_name='tên viết tắt')),
                        ('kind', models.CharField(choices=[('danh_hieu', 'Danh hiệu thi đua'), ('hinh_thuc', 'Hình thức khen thưởng')], max_length=10, verbose_name='loại')),
                        ('subject', models.CharField(choices=[('ca_nhan', 'Cá nhân'), ('tap_the', 'Tập thể'), ('ca_hai', 'Cá nhân và tập thể')], max_length=10, verbose_name='đối tượng')),
                        ('period', models.CharField(choices=[('hang_nam', 'Hằng năm'), ('nien_han', 'Niên hạn'), ('qua_trinh', 'Quá trình cống hiến'), ('dot_xuat', 'Đột xuất'), ('chuyen_de', 'Chuyên đề'), ('khi_du_dieu_kien', 'Khi đủ điều kiện')], max_length=20, verbose_name='thời kỳ xét')),
                        ('level', models.CharField(choices=[('co_so', 'Cơ sở'), ('tong_cuc', 'Tổng cục, quân khu và tương đương'), ('bo', 'Bộ Quốc phòng'), ('chinh_phu', 'Chính phủ'), ('nha_nuoc', 'Nhà nước')], max_length=10, verbose_name='cấp')),
                        ('family', models.CharField(blank=True, max_length=40, verbose_name='nhóm (một lần mỗi năm)')),
                        ('rank', models.PositiveSmallIntegerField(default=0, verbose_name='thứ bậc trong nhóm')),
                        ('reward_person', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='mức thưởng cá nhân (× lương cơ sở)')),
                        ('reward_unit', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='mức thưởng tập thể (× lương cơ sở)')),
                        ('legal_basis', models.CharField(blank=True, max_length=500, verbose_name='căn cứ pháp lý')),
                        ('verification', models.CharField(choices=[('V', 'Đã xác minh'), ('V-old', 'Theo văn bản cũ'), ('S', 'Nguồn thứ cấp'), ('REPO', 'Theo phần mềm tham khảo'), ('UNVERIFIED', 'Chưa xác minh — giá trị mặc định cấu hình được')], default='UNVERIFIED', max_length=12, verbose_name='mức xác minh')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                        ('active', models.BooleanField(default=True, verbose_name='đang áp dụng')),
                    ],
                    options={
                        'verbose_name': 'danh hiệu, hình thức khen thưởng',
                        'verbose_name_plural': 'danh mục khen thưởng',
                        'ordering': ['order', 'code'],
                    },
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "awards_award" RENAME TO "catalogue_award"',
                    reverse_sql='ALTER TABLE "catalogue_award" RENAME TO "awards_award"',
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
