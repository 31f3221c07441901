"""Moving ``Award`` from ``awards`` to ``catalogue`` loses no row: a database at the state before the move, with an
award, its rule version, a unit's award record and a permission on awards, keeps them all — same ids, same links.

(The same check was run by hand on SQLite and PostgreSQL databases made by the code before the move with the demo
data and an eligibility run: equal row counts and equal rows, by award code, in every table that points at awards.)
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("awards", "0004_collective_awards"),
    ("records", "0002_rating_history_index"),
    ("emulation", "0002_reports_seed_templates"),
    ("catalogue", None),
    ("org", "0004_unit_enterprise_position_coefficient_time_factor"),  # before the label and signer columns
]


def _migrate_back():
    """Unapply the move; return the historical models of the state before it."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in BEFORE if t[1]]).apps


def _migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _old_rows(apps) -> dict:
    """Write the rows of the test with the historical models of the state before the move."""
    award = apps.get_model("awards", "Award").objects.create(
        code="THU_NGHIEM", name="Danh hiệu thử nghiệm", kind="danh_hieu", subject="tap_the", period="hang_nam",
        level="co_so", family="tap_the_hang_nam", rank=1, reward_unit="0.8", legal_basis="Điều thử", verification="V",
    )  # fmt: skip
    rule = apps.get_model("awards", "RuleVersion").objects.create(
        award=award, version=1, valid_from=dt.date(2024, 1, 1), legal_basis="Điều thử", document={}, checksum="x"
    )
    unit = apps.get_model("org", "OrgUnit").objects.create(path="ZZZZ", depth=1, numchild=0, name="Đơn vị thử")
    record = apps.get_model("records", "AwardRecord").objects.create(award=award, unit=unit, year=2024, source="nhap")
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    content_type, _ = ContentType.objects.get_or_create(app_label="awards", model="award")
    permission = apps.get_model("auth", "Permission").objects.create(
        content_type=content_type, codename="xem_thu", name="Xem thử"
    )
    count = apps.get_model("awards", "Award").objects.count()
    return {"award": award.pk, "rule": rule.pk, "record": record.pk, "permission": permission.pk, "count": count}


@pytest.mark.django_db(transaction=True)
def test_award_rows_and_links_survive_the_move():
    try:
        old = _old_rows(_migrate_back())
    finally:
        _migrate_forward()

    from django.contrib.auth.models import Permission

    from thidua.awards.eligibility.models import RuleVersion
    from thidua.catalogue.models import Award
    from thidua.records.models import AwardRecord

    assert Award._meta.db_table == "catalogue_award"
    assert Award.objects.count() == old["count"]
    award = Award.objects.get(pk=old["award"])
    assert (award.code, award.family, str(award.reward_unit)) == ("THU_NGHIEM", "tap_the_hang_nam", "0.80")
    assert RuleVersion.objects.get(pk=old["rule"]).award == award
    assert AwardRecord.objects.get(pk=old["record"]).award == award
    assert Permission.objects.get(pk=old["permission"]).content_type.app_label == "catalogue"
    assert Award.objects.create(code="MOI", name="Mới", kind="hinh_thuc", subject="ca_nhan", period="dot_xuat",
                                level="co_so").pk > award.pk  # fmt: skip
