"""``thidua eligibility``: runs the real engine on the test tree, stores a run, prints a table or JSON."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from thidua.awards.eligibility.models import EligibilityRun
from thidua.records.models import PersonRating


@pytest.fixture
def rated(people):
    """Nguyễn Việt Hùng (officer) rated HTTNV in 2024: a CSTT candidate; Trần Thị Hoà is a worker (LĐTT, not CSTT)."""
    PersonRating.objects.create(person=people.hung, year=2024, rating="httnv")
    PersonRating.objects.create(person=people.worker, year=2024, rating="httnv")
    return people


def run(*args) -> str:
    out = StringIO()
    call_command("eligibility", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_table_summary_for_a_unit(tree, rated):
    tree.tc.code = "TCCNQP"
    tree.tc.save(update_fields=["code"])
    text = run("--year", "2024", "--unit", "TCCNQP")
    assert "Xét điều kiện khen thưởng năm 2024 — Tổng cục Công nghiệp quốc phòng" in text
    assert "Danh hiệu/Hình thức" in text and "Sắp đủ" in text and "Chưa đủ" in text
    assert "Chiến sĩ tiên tiến" in text
    stored = EligibilityRun.objects.get()
    assert stored.status == "done" and stored.unit == tree.tc and stored.year == 2024
    assert stored.inputs_hash in text


@pytest.mark.django_db
def test_json_output_by_id_and_award(tree, rated):
    data = json.loads(run("--year", "2024", "--unit", str(tree.tc.pk), "--award", "CSTT", "--json"))
    assert data["year"] == 2024 and data["unit"] == tree.tc.pk and set(data["counts"]) == {"CSTT"}
    assert data["counts"]["CSTT"].get("du") == 1 and sum(data["counts"]["CSTT"].values()) == 2
    (item,) = data["items"]
    assert item["person_name"] == "Nguyễn Việt Hùng" and item["outcome"] == "du" and item["award"] == "CSTT"
    assert item["reasons"] and all(r["citation"] for r in item["reasons"] if r["met"])
    assert "CSTT" in data["rule_versions"]


@pytest.mark.django_db
def test_whole_organisation_without_unit(tree, rated):
    data = json.loads(run("--year", "2024", "--json"))
    assert data["unit"] is None and data["counts"]


@pytest.mark.django_db
def test_bad_unit_and_award_are_refused(tree):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        run("--year", "2024", "--unit", "KHONG-CO")
    with pytest.raises(CommandError, match="Không có mã"):
        run("--year", "2024", "--award", "XYZ")
    assert not EligibilityRun.objects.exists()
