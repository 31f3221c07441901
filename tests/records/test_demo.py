"""Demo records: idempotent, deterministic, and covering every main rule with eligible / not / soon subjects."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from thidua.org.models import Person
from thidua.records.demo import CASES, load_records
from thidua.records.models import Achievement, AwardRecord, Discipline, PendingReview, PersonRating, UnitRating

MODELS = (PersonRating, UnitRating, AwardRecord, Achievement, Discipline, PendingReview)


@pytest.fixture
def loaded(db):
    """``thidua demo`` (org data, then records). Function-scoped on purpose: a module-wide transaction would stay
    open while xdist interleaves other modules' tests inside it."""
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_prints_and_second_run_adds_nothing(loaded):
    assert "Thành tích mẫu 2015–2025" in loaded
    counts = [m.objects.count() for m in MODELS]
    assert counts[0] > 4000 and counts[1] > 400 and counts[2] > 3000
    assert all(m.objects.exclude(source="du_lieu_mau").count() == 0 for m in MODELS)
    result = load_records()
    assert (result.ratings, result.unit_ratings, result.awards, result.achievements, result.disciplines) == (0,) * 5
    assert [m.objects.count() for m in MODELS] == counts


def test_scenario_people_exist_once_with_their_records(loaded):
    for case in CASES:
        person = Person.objects.get(full_name=case.name, date_of_birth=case.born)
        assert PersonRating.objects.filter(person=person, year=2025).exists(), case.name
    assert Discipline.objects.filter(decided_on__year=2025).exists()
    assert PendingReview.objects.filter(end_on__isnull=True).count() == 1
    assert AwardRecord.objects.filter(award__code="CSTDTQ").count() >= 3  # CSTĐ toàn quân for a few


EXPECTED_SOON = {"BKBQP", "CSTDTQ", "HC_QKQT", "HCCSVV_HANG_BA", "HCCSVV_HANG_NHI", "HCCSVV_HANG_NHAT"}
MAIN_RULES = {"CSTT", "CSTDCS", "DVQT", "DVTT"} | EXPECTED_SOON


def test_every_main_rule_has_eligible_not_eligible_and_soon_subjects(loaded):
    engine = pytest.importorskip("thidua.awards.engine")
    verdicts = engine.evaluate(2025, include_not_eligible=True)
    seen = Counter((v.award_code, v.outcome) for v in verdicts)
    for code in MAIN_RULES:
        assert seen[(code, "du")] >= 1, code
        assert seen[(code, "chua_du")] >= 1, code
    for code in EXPECTED_SOON:
        assert seen[(code, "sap_du")] >= 1, code


SCENARIOS = [
    ("Phạm Minh Đức", "BKBQP", "du"),
    ("Lê Thị Thanh Hương", "BKBQP", "sap_du"),
    ("Vũ Quang Huy", "BKBQP", "chua_du"),
    ("Đỗ Văn Thắng", "CSTDTQ", "du"),
    ("Nguyễn Thị Lan Anh", "CSTDTQ", "chua_du"),
    ("Trần Quốc Bảo", "CSTDTQ", "sap_du"),
    ("Hoàng Văn Khải", "HC_QKQT", "sap_du"),
    ("Bùi Thị Ngọc", "HC_QKQT", "chua_du"),
    ("Đỗ Văn Thắng", "HC_QKQT", "du"),
    ("Đặng Minh Tuấn", "HCCSVV_HANG_BA", "sap_du"),
    ("Ngô Thanh Sơn", "CSTDCS", "chua_du"),
    ("Lý Văn Hải", "CSTDCS", "chua_du"),
    ("Trịnh Công Minh", "CSTT", "chua_du"),
]


def test_scenarios_judged_as_designed(loaded):
    engine = pytest.importorskip("thidua.awards.engine")
    born = {c.name: c.born for c in CASES}
    for name, award, outcome in SCENARIOS:
        person = Person.objects.get(full_name=name, date_of_birth=born[name])
        verdict = engine.explain(person, award, 2025)
        assert verdict.outcome == outcome, (name, award, [r.text for r in verdict.reasons])
        if name == "Hoàng Văn Khải":
            assert (verdict.soon_on.year, verdict.soon_on.month) == (2026, 3)
