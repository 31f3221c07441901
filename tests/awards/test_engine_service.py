"""Decision tables for service length with ×2 time (DOMAIN.md §5.14, §8.2) and HCBVTQ process merit by position
coefficient (§5.16, D6): the day a threshold is reached, breaks, ×2 periods, gender thresholds, overlapping posts,
class order, and a rule file with a faulty coefficient."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest

from thidua.awards.eligibility.engine import evaluate, explain
from thidua.awards.eligibility.rules import RuleDocumentError, parse_file, rule_files, validate
from thidua.org.models import Position, ServicePeriod

from .engine_helpers import discipline, person, title

D = dt.date
pytestmark = pytest.mark.django_db
HCCSVV = ("HCCSVV_HANG_BA", "HCCSVV_HANG_NHI", "HCCSVV_HANG_NHAT")
HCBVTQ = ("HCBVTQ_HANG_BA", "HCBVTQ_HANG_NHI", "HCBVTQ_HANG_NHAT")


def periods(p, *rows) -> None:
    """Replace the person's service with ``(start, end, time factor)`` rows."""
    ServicePeriod.objects.filter(person=p).delete()
    ServicePeriod.objects.bulk_create(
        [ServicePeriod(person=p, start_on=s, end_on=e, time_factor=k) for s, e, k in rows]
    )


def post(p, coefficient: str, start, end=None, title_text="Chỉ huy") -> Position:
    """A post held by ``p`` with a coefficient (hệ số chức vụ)."""
    return Position.objects.create(
        person=p, title=title_text, unit=p.unit, start_on=start, end_on=end, coefficient=Decimal(coefficient)
    )


def texts(verdict) -> str:
    return " | ".join(r.text for r in verdict.reasons)


# --- HCCSVV: the day, breaks, ×2 time -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows,outcome,soon_on",
    [
        ([(D(2015, 1, 1), None, 1)], "du", None),  # exactly 10 years on 31/12/2024
        ([(D(2015, 1, 2), None, 1)], "sap_du", D(2025, 1, 1)),  # one day short: reached on 01/01/2025
        ([(D(2008, 1, 1), D(2016, 12, 31), 1), (D(2018, 1, 1), None, 1)], "chua_du", None),  # a break: 7 years
        ([(D(2008, 1, 1), D(2016, 12, 31), 2), (D(2018, 1, 1), None, 1)], "chua_du", None),  # ×2 before the break
        ([(D(2018, 1, 1), D(2021, 12, 31), 2), (D(2022, 1, 1), None, 1)], "du", None),  # 7 years + 4 counted twice
        ([(D(2019, 1, 1), D(2021, 12, 31), 2), (D(2022, 1, 1), None, 1)], "sap_du", D(2025, 12, 31)),  # 6 + 3 years
        ([(D(2020, 7, 1), None, 2)], "sap_du", D(2025, 6, 30)),  # still at sea: 6 months of service make a year
        ([(D(2020, 1, 1), None, 2)], "du", None),  # 5 years on an island = 10
    ],
)
def test_hccsvv_hang_ba_service_with_breaks_and_double_time(tree, rows, outcome, soon_on):
    p = person(tree.nm, ratings={2024: "htnv"})
    periods(p, *rows)
    verdict = explain(p, "HCCSVV_HANG_BA", 2024)
    assert (verdict.outcome, verdict.soon_on) == (outcome, soon_on), texts(verdict)


def test_double_time_is_named_in_the_reason_and_keeps_continuity(tree):
    p = person(tree.nm, ratings={2024: "htnv"})
    periods(p, (D(2018, 1, 1), D(2021, 2, 28), 2), (D(2021, 3, 1), None, 1))
    verdict = explain(p, "HCCSVV_HANG_BA", 2024)
    assert verdict.outcome == "du"
    text = texts(verdict)
    assert "thời gian công tác liên tục 10 năm 2 tháng (từ 01/01/2018" in text  # one run: 7 years + 3 years 2 months
    assert "trong đó 3 năm 2 tháng ở vùng biển, đảo, ĐBKK tính hệ số 2" in text
    assert "vùng biển, đảo, ĐBKK [S]" in " ".join(r.citation for r in verdict.reasons)


def test_double_time_moves_someone_to_a_higher_band(tree):
    p = person(tree.nm, ratings={2024: "htnv"})
    periods(p, (D(2012, 1, 1), D(2016, 12, 31), 2), (D(2017, 1, 1), None, 1))  # 13 years served, 18 counted
    assert [explain(p, code, 2024).outcome for code in HCCSVV] == ["chua_du", "du", "chua_du"]


def test_double_time_counts_in_the_old_law_version_too(tree):
    p = person(tree.nm, ratings={2023: "htnv"})
    periods(p, (D(2017, 1, 1), D(2020, 12, 31), 2), (D(2021, 1, 1), None, 1))  # 7 years + 4
    assert explain(p, "HCCSVV_HANG_BA", 2023).outcome == "du"


# --- HCBVTQ: months in coefficient posts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gender,start,end,outcome,soon_on",
    [
        ("nam", D(2015, 1, 1), D(2024, 12, 31), "du", None),  # 120 months
        ("nam", D(2015, 2, 1), D(2024, 12, 31), "chua_du", None),  # 119 months, post ended
        ("nam", D(2016, 2, 1), None, "sap_du", D(2026, 1, 31)),  # 119 months, still holding it
        ("nam", D(2015, 1, 15), D(2025, 1, 14), "du", None),  # a month counts when held on its last day
        ("nu", D(2019, 5, 1), None, "du", None),  # women: 80 months
        ("nu", D(2019, 6, 1), None, "sap_du", D(2026, 1, 31)),  # 79 months
        ("nam", D(2019, 5, 1), None, "chua_du", None),  # 80 months are not enough for a man
    ],
)
def test_hcbvtq_hang_ba_months_by_gender(tree, gender, start, end, outcome, soon_on):
    p = person(tree.nm, gender=gender, enlisted=D(2005, 1, 1), ratings={2025: "httnv"})
    post(p, "0.7", start, end)
    verdict = explain(p, "HCBVTQ_HANG_BA", 2025)
    assert (verdict.outcome, verdict.soon_on) == (outcome, soon_on), texts(verdict)


def test_hcbvtq_overlapping_posts_count_once_with_the_highest_coefficient(tree):
    p = person(tree.nm, enlisted=D(2005, 1, 1), ratings={2025: "httnv"})
    post(p, "0.7", D(2015, 1, 1), D(2020, 12, 31), "Phó Chính ủy")
    post(p, "0.9", D(2018, 1, 1), D(2024, 12, 31), "Chính ủy")
    post(p, "0.9", D(2018, 1, 1), D(2024, 12, 31), "Bí thư Đảng ủy")  # a concurrent party post adds nothing
    ba = explain(p, "HCBVTQ_HANG_BA", 2025)
    assert ba.outcome == "du"  # 2015–2024 = 120 months, not 72 + 84 + 84
    assert "120 tháng (10 năm) giữ chức vụ có hệ số từ 0,7 trở lên (hệ số 0,7: 36 tháng; hệ số 0,9: 84 tháng)" in texts(
        ba
    )
    title(p, "HCBVTQ_HANG_BA", 2025)
    nhi = explain(p, "HCBVTQ_HANG_NHI", 2025)
    assert nhi.outcome == "chua_du"
    assert "84 tháng (7 năm) giữ chức vụ có hệ số từ 0,8 trở lên; cần 120 tháng (nam)" in texts(nhi)


def test_post_without_coefficient_does_not_count(tree):
    p = person(tree.nm, enlisted=D(2005, 1, 1), ratings={2025: "httnv"})
    Position.objects.create(person=p, title="Trợ lý", unit=p.unit, start_on=D(2005, 1, 1))
    verdict = explain(p, "HCBVTQ_HANG_BA", 2025)
    assert verdict.outcome == "chua_du"
    assert "chưa có thời gian giữ chức vụ có hệ số từ 0,7 trở lên" in texts(verdict)


@pytest.mark.parametrize(
    "received,expected",
    [
        ((), ["du", "chua_du", "chua_du"]),  # a higher class before the lower one is refused
        (("HCBVTQ_HANG_BA",), ["chua_du", "du", "chua_du"]),
        (("HCBVTQ_HANG_BA", "HCBVTQ_HANG_NHI"), ["chua_du", "chua_du", "du"]),
        (("HCBVTQ_HANG_BA", "HCBVTQ_HANG_NHI", "HCBVTQ_HANG_NHAT"), ["chua_du", "chua_du", "chua_du"]),
    ],
)
def test_hcbvtq_classes_in_order(tree, received, expected):
    p = person(tree.nm, enlisted=D(2000, 1, 1), ratings={2025: "httnv"})
    post(p, "1.0", D(2012, 1, 1))
    for year, code in enumerate(received, start=2016):
        title(p, code, year)
    assert [explain(p, code, 2025).outcome for code in HCBVTQ] == expected


def test_hcbvtq_lower_group_does_not_count_for_a_higher_class(tree):
    p = person(tree.nm, enlisted=D(2000, 1, 1), ratings={2025: "httnv"})
    post(p, "0.8", D(2010, 1, 1))
    title(p, "HCBVTQ_HANG_BA", 2018)
    title(p, "HCBVTQ_HANG_NHI", 2022)
    verdict = explain(p, "HCBVTQ_HANG_NHAT", 2025)
    assert verdict.outcome == "chua_du"
    assert "chưa có thời gian giữ chức vụ có hệ số từ 0,9 trở lên" in texts(verdict)
    assert all(r.unverified for r in verdict.reasons if "hệ số" in r.text)


def test_hcbvtq_excludes_discipline_and_needs_the_rating(tree):
    p = person(tree.nm, enlisted=D(2000, 1, 1), ratings={2025: "httnv"})
    post(p, "0.7", D(2010, 1, 1))
    assert explain(p, "HCBVTQ_HANG_BA", 2025).outcome == "du"
    discipline(p, "khien_trach", D(2025, 11, 1), D(2026, 10, 31))
    assert explain(p, "HCBVTQ_HANG_BA", 2025).outcome == "chua_du"
    assert explain(p, "HCBVTQ_HANG_BA", 2023).outcome == "chua_du"  # no rule before 2024: explained, not judged


def test_bulk_run_agrees_with_the_single_check(tree):
    people = [person(tree.nm, enlisted=D(2000, 1, 1), ratings={2025: "httnv"}) for _ in range(5)]
    periods(people[0], (D(2020, 7, 1), D(2021, 12, 31), 1), (D(2022, 1, 1), None, 2))  # 66 + 48 months
    post(people[1], "0.9", D(2016, 2, 1))
    post(people[2], "0.8", D(2014, 1, 1), D(2019, 12, 31))
    post(people[2], "1.0", D(2019, 6, 1))
    title(people[2], "HCBVTQ_HANG_BA", 2020)
    post(people[3], "0.7", D(2016, 1, 1), D(2024, 12, 31))
    verdicts = {
        (v.subject_id, v.award_code): v for v in evaluate(2025, include_not_eligible=True) if v.subject_type == "person"
    }
    for p in people:
        for code in HCCSVV + HCBVTQ:
            single, bulk = explain(p, code, 2025), verdicts[(p.pk, code)]
            assert (bulk.outcome, bulk.soon_on) == (single.outcome, single.soon_on), (p.pk, code)
            assert [r.text for r in bulk.reasons] == [r.text for r in single.reasons]
    fast = {(v.subject_id, v.award_code): (v.outcome, v.soon_on) for v in evaluate(2025) if v.subject_type == "person"}
    assert fast[(people[0].pk, "HCCSVV_HANG_BA")] == ("sap_du", D(2026, 3, 31))  # kept by the pre-filter: ×2 time
    assert fast[(people[1].pk, "HCBVTQ_HANG_BA")] == ("sap_du", D(2026, 1, 31))
    assert fast[(people[2].pk, "HCBVTQ_HANG_NHI")] == ("du", None)


# --- rule documents ----------------------------------------------------------------------------------------------


def _hcbvtq_document() -> dict:
    path = next(p for p in rule_files() if p.name == "HCBVTQ_HANG_NHI_v1.toml")
    return parse_file(path).model_dump(mode="json")


def test_shipped_hcbvtq_rules_are_marked_unverified_with_their_source():
    doc = _hcbvtq_document()
    assert doc["conditions"][0]["predicate"] == "position_months"
    assert doc["conditions"][0]["unverified"] is True
    assert "[REPO]" in doc["conditions"][0]["citation"] and "[REPO]" in doc["legal_basis"]
    assert doc["conditions"][0]["params"] == {
        "min_coefficient": "0.8",
        "months_male": 120,
        "months_female": 80,
        "soon_months": 12,
    }


@pytest.mark.parametrize(
    "change,message",
    [
        ({"min_coefficient": 0}, "greater than 0"),
        ({"min_coefficient": 2.5}, "less than or equal to 2"),
        ({"min_coefficient": 0.925}, "decimal places"),
        ({"min_coefficient": "không phẩy tám"}, "decimal"),
        ({"coefficient": 0.8}, "Extra inputs"),
    ],
)
def test_rule_with_a_bad_coefficient_is_refused_with_the_field_path(change, message):
    data = copy.deepcopy(_hcbvtq_document())
    data["conditions"][0]["params"].update(change)
    with pytest.raises(RuleDocumentError) as exc:
        validate(data)
    field = next(iter(change))
    assert exc.value.path == f"conditions[0].params.{field}"
    assert message in exc.value.message


def test_rule_without_the_female_threshold_is_refused():
    data = copy.deepcopy(_hcbvtq_document())
    del data["conditions"][0]["params"]["months_female"]
    with pytest.raises(RuleDocumentError) as exc:
        validate(data)
    assert exc.value.path == "conditions[0].params.months_female"
