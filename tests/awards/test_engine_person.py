"""Decision tables for the individual rules (DOMAIN.md §5.2–5.5, 5.11, 5.14, 5.15, 5.17; R02–R05, R07, R09–R12)."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards.eligibility.engine import evaluate, explain

from .engine_helpers import achievement, discipline, leave, person, rate, review, service, title

D = dt.date
pytestmark = pytest.mark.django_db


def outcome(p, code, year):
    return explain(p, code, year).outcome


# --- CSTT / LĐTT (R02, P11, P12, P4) -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rating,category,code,expected",
    [
        ("htxsnv", "si_quan", "CSTT", "du"),
        ("httnv", "hsq_bs", "CSTT", "du"),
        ("htnv", "si_quan", "CSTT", "chua_du"),
        ("khtnv", "si_quan", "CSTT", "chua_du"),
        (None, "si_quan", "CSTT", "sap_du"),  # the year's rating is not recorded yet: awaiting it
        ("httnv", "cnvqp", "CSTT", "chua_du"),
        ("httnv", "cnvqp", "LDTT", "du"),
        ("httnv", "si_quan", "LDTT", "chua_du"),
    ],
)
def test_cstt_ldtt(tree, rating, category, code, expected):
    p = person(tree.nm, category=category, ratings={2024: rating} if rating else None)
    assert outcome(p, code, 2024) == expected


@pytest.mark.parametrize(
    "enlisted,expected",
    [(D(2024, 4, 1), "du"), (D(2024, 5, 1), "chua_du"), (D(2024, 4, 2), "chua_du"), (D(2023, 12, 31), "du")],
    ids=["9-months", "8-months", "one-day-short-of-9", "long"],
)
def test_nine_months_in_service(tree, enlisted, expected):
    p = person(tree.nm, enlisted=enlisted, ratings={2024: "httnv"})
    verdict = explain(p, "CSTT", 2024)
    assert verdict.outcome == expected
    if expected == "chua_du":
        assert any("cần 9 tháng" in r.text and not r.met for r in verdict.reasons)


def test_maternity_leave_counts_as_working_time(tree):
    p = person(tree.nm, gender="nu", enlisted=D(2024, 3, 1), ratings={2024: "httnv"})
    leave(p, D(2024, 6, 1), D(2024, 11, 30))
    verdict = explain(p, "CSTT", 2024)
    assert verdict.outcome == "du"
    assert any("nghỉ thai sản" in r.text for r in verdict.reasons)


def test_old_rule_needed_ten_months(tree):
    p = person(tree.nm, enlisted=D(2023, 4, 1), ratings={2023: "httnv"})
    assert outcome(p, "CSTT", 2023) == "chua_du"  # ND 91/2017: under 10 months
    q = person(tree.nm, enlisted=D(2023, 3, 1), ratings={2023: "httnv"})
    assert outcome(q, "CSTT", 2023) == "du"


@pytest.mark.parametrize(
    "decided,effective_to,expected",
    [
        (D(2024, 3, 1), D(2024, 6, 30), "chua_du"),  # ends mid-year: the year is excluded
        (D(2023, 3, 1), D(2024, 2, 28), "chua_du"),  # in effect at the start of the year
        (D(2023, 3, 1), D(2023, 12, 31), "du"),  # ended before the year
        (D(2023, 6, 1), None, "chua_du"),  # no end date: 12 months → to 31/05/2024
        (D(2022, 6, 1), None, "du"),  # 12 months ended in 2023
        (D(2025, 1, 10), None, "du"),  # decided after the year
    ],
)
def test_discipline_in_effect_during_the_year(tree, decided, effective_to, expected):
    p = person(tree.nm, ratings={2024: "htxsnv"})
    discipline(p, "khien_trach", decided, effective_to)
    assert outcome(p, "CSTT", 2024) == expected
    assert outcome(p, "CSTDCS", 2024) == expected


@pytest.mark.parametrize(
    "start,end,expected",
    [(D(2024, 10, 1), None, "chua_du"), (D(2024, 10, 1), D(2024, 11, 30), "du"), (D(2025, 2, 1), None, "du")],
)
def test_pending_review_blocks(tree, start, end, expected):
    p = person(tree.nm, ratings={2024: "htxsnv"})
    review(p, start, end)
    verdict = explain(p, "CSTT", 2024)
    assert verdict.outcome == expected
    if expected == "chua_du":
        assert any(r.exclusion and not r.met and "điều tra" in r.text for r in verdict.reasons)


# --- CSTĐCS: 2024+ HTXSNV alone suffices, 2023 needs an initiative (R03) ----------------------------------------


@pytest.mark.parametrize(
    "year,rating,achievement_kind,expected",
    [
        (2024, "htxsnv", None, "du"),
        (2023, "htxsnv", None, "chua_du"),
        (2023, "htxsnv", "sang_kien", "du"),
        (2023, "httnv", "sang_kien", "chua_du"),
        (2024, "httnv", "sang_kien", "du"),
        (2024, "httnv", "de_tai", "du"),
        (2024, "httnv", "sang_tao_chien_dau", "du"),
        (2024, "httnv", None, "chua_du"),
        (2024, "htnv", "sang_kien", "chua_du"),
    ],
)
def test_cstdcs_law_change(tree, year, rating, achievement_kind, expected):
    p = person(tree.nm, ratings={year: rating})
    if achievement_kind:
        achievement(p, year, achievement_kind)
    verdict = explain(p, "CSTDCS", year)
    assert verdict.outcome == expected
    citations = " ".join(r.citation for r in verdict.reasons)
    assert ("Luật 06/2022 Điều 23" in citations) == (year >= 2024)
    assert ("151/2018" in citations) == (year < 2024)


def test_achievement_of_another_year_does_not_count(tree):
    p = person(tree.nm, ratings={2024: "httnv"})
    achievement(p, 2023)
    assert outcome(p, "CSTDCS", 2024) == "chua_du"


# --- BKBQP (Luật 06/2022 Điều 74.1.d, R07) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "titles,ratings,initiatives,expected",
    [
        ({2023: "CSTDCS", 2024: "CSTDCS"}, {}, [], "du"),  # streak spanning the 2023→2024 change of law
        ({2022: "CSTDCS", 2023: "CSTT", 2024: "CSTDCS"}, {}, [], "sap_du"),  # broken by one year; 1 in 2024
        ({2022: "CSTDCS", 2023: "CSTDCS", 2024: "CSTT"}, {2024: "httnv"}, [], "chua_du"),  # ended before the year
        ({2024: "CSTDCS"}, {}, [], "sap_du"),  # one more year needed
        ({2023: "CSTDCS"}, {}, [], "sap_du"),  # 2024 not yet recorded
        ({}, {2023: "htxsnv", 2024: "htxsnv"}, [2023, 2024], "du"),  # MOHA worked example
        ({}, {2023: "htxsnv", 2024: "htxsnv"}, [2024, 2024], "du"),
        ({}, {2023: "htxsnv", 2024: "htxsnv"}, [2024], "chua_du"),
        ({}, {2023: "httnv", 2024: "htxsnv"}, [2023, 2024], "sap_du"),  # HTXSNV streak broken: 2025 may complete it
        ({}, {2022: "htxsnv", 2023: "htnv", 2024: "httnv"}, [2023, 2024], "chua_du"),
    ],
)
def test_bkbqp(tree, titles, ratings, initiatives, expected):
    p = person(tree.nm, titles=titles, ratings={2024: "htxsnv", **ratings} if ratings else None)
    for year in initiatives:
        achievement(p, year)
    verdict = explain(p, "BKBQP", 2024)
    assert verdict.outcome == expected
    if expected == "du" and titles:
        assert any("2 năm liên tục CSTĐCS (2023, 2024)" in r.text for r in verdict.reasons)
        assert any(r.citation == "Luật 06/2022 Điều 74 khoản 1 điểm d" for r in verdict.reasons)
    if expected == "sap_du":
        assert verdict.soon_on in (D(2024, 12, 31), D(2025, 12, 31))


def test_bkbqp_not_twice_for_the_same_streak(tree):
    p = person(tree.nm, titles={2023: "CSTDCS", 2024: "CSTDCS"})
    title(p, "BKBQP", 2024)
    assert outcome(p, "BKBQP", 2024) == "chua_du"


# --- CSTĐ toàn quân, toàn quốc (R04, R05) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cstdcs_years,level,expected",
    [
        ((2022, 2023, 2024), "toan_quan", "du"),
        ((2022, 2023, 2024), "co_so", "chua_du"),
        ((2022, 2023, 2024), "toan_quoc", "du"),
        ((2021, 2023, 2024), "toan_quan", "sap_du"),
        ((2022, 2024), "toan_quan", "chua_du"),
    ],
)
def test_cstd_toan_quan(tree, cstdcs_years, level, expected):
    p = person(tree.nm, titles={y: "CSTDCS" for y in cstdcs_years})
    achievement(p, 2023, "de_tai", level)
    assert outcome(p, "CSTDTQ", 2024) == expected


@pytest.mark.parametrize(
    "cstdtq_years,level,expected",
    [((2021, 2024), "toan_quoc", "du"), ((2021, 2024), "toan_quan", "chua_du"), ((2024,), "toan_quoc", "chua_du")],
)
def test_cstd_toan_quoc(tree, cstdtq_years, level, expected):
    p = person(tree.nm)
    for y in cstdtq_years:
        title(p, "CSTDTQ", y)
    achievement(p, 2024, "sang_kien", level)
    assert outcome(p, "CSTD_TOAN_QUOC", 2024) == expected


# --- Service-length medals (R11, R12, KNC) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "enlisted,expected,soon",
    [
        (D(2000, 1, 1), "du", None),  # exactly 25 years on 31/12/2024
        (D(2000, 1, 2), "sap_du", D(2025, 1, 1)),  # one day short
        (D(2000, 12, 31), "sap_du", D(2025, 12, 30)),
        (D(2001, 1, 2), "chua_du", None),  # more than 12 months away
        (D(1990, 5, 1), "du", None),
    ],
)
def test_hc_qkqt_25_years(tree, enlisted, expected, soon):
    p = person(tree.nm, enlisted=enlisted, ratings={2024: "httnv"})
    verdict = explain(p, "HC_QKQT", 2024)
    assert (verdict.outcome, verdict.soon_on) == (expected, soon)
    if soon:
        assert any(f"đủ 25 năm vào {soon:%m/%Y}" in r.text for r in verdict.reasons)


def test_hc_qkqt_needs_continuous_service_and_good_rating_and_once(tree):
    broken = person(tree.nm, ratings={2024: "httnv"})
    service(broken, (D(1990, 1, 1), D(2005, 6, 30)), (D(2006, 1, 1), None))
    assert outcome(broken, "HC_QKQT", 2024) == "chua_du"
    adjoining = person(tree.nm, ratings={2024: "httnv"})
    service(adjoining, (D(1990, 1, 1), D(2005, 6, 30)), (D(2005, 7, 1), None))
    assert outcome(adjoining, "HC_QKQT", 2024) == "du"
    weak = person(tree.nm, enlisted=D(1990, 1, 1), ratings={2024: "htnv"})
    assert outcome(weak, "HC_QKQT", 2024) == "chua_du"
    got = person(tree.nm, enlisted=D(1990, 1, 1), ratings={2024: "httnv"})
    title(got, "HC_QKQT", 2020)
    assert outcome(got, "HC_QKQT", 2024) == "chua_du"


@pytest.mark.parametrize(
    "enlisted,ba,nhi,nhat",
    [
        (D(2015, 1, 1), "du", "chua_du", "chua_du"),  # 10 years
        (D(2015, 6, 1), "sap_du", "chua_du", "chua_du"),
        (D(2010, 1, 1), "chua_du", "du", "chua_du"),  # 15 years: band Nhì
        (D(2005, 1, 1), "chua_du", "chua_du", "du"),  # 20 years
        (D(2020, 1, 1), "chua_du", "chua_du", "chua_du"),
    ],
)
def test_hccsvv_bands(tree, enlisted, ba, nhi, nhat):
    p = person(tree.nm, enlisted=enlisted, ratings={2024: "htnv"})
    assert [outcome(p, f"HCCSVV_HANG_{c}", 2024) for c in ("BA", "NHI", "NHAT")] == [ba, nhi, nhat]


def test_hccsvv_discipline_on_the_day(tree):
    p = person(tree.nm, enlisted=D(2010, 1, 1), ratings={2024: "htnv"})
    discipline(p, "canh_cao", D(2024, 3, 1), D(2024, 6, 30))
    assert outcome(p, "HCCSVV_HANG_NHI", 2024) == "du"  # ended before 31/12
    discipline(p, "canh_cao", D(2024, 10, 1), D(2025, 9, 30))
    assert outcome(p, "HCCSVV_HANG_NHI", 2024) == "chua_du"


@pytest.mark.parametrize(
    "gender,periods,expected",
    [
        ("nam", [(D(2000, 1, 1), None)], "du"),
        ("nam", [(D(2005, 1, 1), None)], "chua_du"),
        ("nu", [(D(2005, 1, 1), None)], "du"),  # women: 20 years
        ("nam", [(D(1990, 1, 1), D(1999, 12, 31)), (D(2009, 1, 1), None)], "du"),  # total, with a break: 26 years
        ("nam", [(D(1995, 1, 1), D(1999, 12, 31)), (D(2005, 1, 2), None)], "sap_du"),
    ],
)
def test_knc_total_service_with_gender_thresholds(tree, gender, periods, expected):
    p = person(tree.nm, gender=gender)
    service(p, *periods)
    assert outcome(p, "KNC_VSNXD_QDNDVN", 2024) == expected


def test_rule_versions_follow_the_year(tree):
    p = person(tree.nm, ratings={2023: "htxsnv", 2024: "htxsnv"})
    v23, v24 = explain(p, "CSTDCS", 2023), explain(p, "CSTDCS", 2024)
    assert v23.rule_version_id != v24.rule_version_id
    assert explain(p, "BKBQP", 2019).outcome == "chua_du"  # no rule in force: explained, not an error


def test_bulk_matches_explain_for_the_decision_people(tree):
    people = [
        person(tree.nm, titles={2023: "CSTDCS", 2024: "CSTDCS"}, ratings={2024: "htxsnv"}),
        person(tree.cuc, enlisted=D(2000, 1, 2), ratings={2024: "httnv"}),
        person(tree.nm, category="cnvqp", ratings={2024: "httnv"}),
    ]
    rate(people[1], {2023: "htxsnv"})
    verdicts = {
        (v.subject_id, v.award_code): v for v in evaluate(2024, include_not_eligible=True) if v.subject_type == "person"
    }
    for p in people:
        for code in ("CSTT", "LDTT", "CSTDCS", "BKBQP", "HC_QKQT", "HCCSVV_HANG_NHAT"):
            single = explain(p, code, 2024)
            bulk = verdicts[(p.pk, code)]
            assert (bulk.outcome, bulk.soon_on) == (single.outcome, single.soon_on)
            assert [r.text for r in bulk.reasons] == [r.text for r in single.reasons]


def test_bulk_scope_and_default_filter(tree):
    inside = person(tree.nm, ratings={2024: "httnv"})
    outside = person(tree.other, ratings={2024: "httnv"})
    verdicts = evaluate(2024, unit=tree.tc)
    ids = {v.subject_id for v in verdicts if v.subject_type == "person"}
    assert inside.pk in ids and outside.pk not in ids
    assert all(v.outcome in ("du", "sap_du") for v in verdicts)
    only = evaluate(2024, awards=["CSTT"])
    assert {v.award_code for v in only} == {"CSTT"}
