"""Decision tables for the added rules: TTLĐXS / TTLĐTT (Luật 06/2022 Điều 27/28), BKTTCP (NĐ 91/2017 Điều 38 khoản 1
điểm c, unverified for 2024+), and the pre-2024 versions of BKBQP (NĐ 91/2017 Điều 39), HC QKQT and HCCSVV (Luật TĐKT
2003 sửa đổi 2013)."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards.eligibility.engine import evaluate, explain

from .engine_helpers import achievement, enterprise, person, title, unit_rate
from .test_engine_unit import company, staff

D = dt.date
pytestmark = pytest.mark.django_db


def workers(unit, n, *, ldtt=0, cstdcs=0, rating="httnv", year=2024):
    """``n`` defence workers; the first ``cstdcs`` hold CSTĐCS, the next ``ldtt`` hold LĐTT."""
    people = [person(unit, category="cnvqp", ratings={year: rating}) for _ in range(n)]
    for i, p in enumerate(people):
        if i < cstdcs:
            title(p, "CSTDCS", year)
        elif i < cstdcs + ldtt:
            title(p, "LDTT", year)
    return people


@pytest.mark.parametrize(
    "unit_rating,ldtt,cstdcs,expected",
    [
        ("htxsnv", 6, 1, "du"),  # 70 % LĐTT or better, one CSTĐCS
        ("htxsnv", 5, 1, "chua_du"),  # 60 %
        ("htxsnv", 7, 0, "chua_du"),  # no CSTĐCS
        ("httnv", 6, 1, "chua_du"),  # collective only HTTNV
    ],
)
def test_ttldxs(tree, unit_rating, ldtt, cstdcs, expected):
    unit = enterprise(company(tree.nm))
    unit_rate(unit, 2024, rating=unit_rating)
    workers(unit, 10, ldtt=ldtt, cstdcs=cstdcs)
    verdict = explain(unit, "TTLDXS", 2024)
    assert verdict.outcome == expected
    assert any(r.citation.startswith("Luật 06/2022 Điều 27") for r in verdict.reasons)


def test_ttldxs_needs_ldtt_not_cstt(tree):
    unit = company(tree.nm)
    unit_rate(unit, 2024)
    staff(unit, 10, cstt=6, cstdcs=1)  # soldiers with CSTT: Đơn vị Quyết thắng, not Tập thể lao động xuất sắc
    assert explain(unit, "DVQT", 2024).outcome == "du"
    assert explain(unit, "TTLDXS", 2024).outcome == "chua_du"


@pytest.mark.parametrize("ldtt,expected", [(5, "chua_du"), (6, "du")])
def test_ttldtt_more_than_half(tree, ldtt, expected):
    unit = enterprise(company(tree.nm))
    unit_rate(unit, 2024, rating="httnv")
    workers(unit, 10, ldtt=ldtt)
    assert explain(unit, "TTLDTT", 2024).outcome == expected


@pytest.mark.parametrize(
    "bk_year,htxsnv_years,initiatives,expected",
    [
        (2019, range(2020, 2025), 5, "du"),  # ministry certificate, then 5 years HTXSNV with 5 initiatives
        (2019, range(2020, 2025), 4, "chua_du"),  # one initiative short
        (None, range(2020, 2025), 5, "chua_du"),  # no ministry certificate
        (2019, range(2021, 2025), 5, "sap_du"),  # 4 years of the streak: 2025 may complete it
    ],
)
def test_bkttcp(tree, bk_year, htxsnv_years, initiatives, expected):
    p = person(tree.nm, ratings={y: "htxsnv" for y in htxsnv_years})
    if bk_year:
        title(p, "BKBQP", bk_year)
    for i in range(initiatives):
        achievement(p, 2020 + i % 5)
    verdict = explain(p, "BKTTCP", 2024)
    assert verdict.outcome == expected
    assert any(r.unverified for r in verdict.reasons)


@pytest.mark.parametrize(
    "titles,ratings,initiatives,expected",
    [
        ({2022: "CSTDCS", 2023: "CSTDCS"}, {}, [], "du"),
        ({2021: "CSTDCS", 2022: "CSTT", 2023: "CSTDCS"}, {}, [], "sap_du"),
        ({}, {2022: "htxsnv", 2023: "htxsnv"}, [2022, 2023], "du"),
        ({}, {2022: "htxsnv", 2023: "htxsnv"}, [2023], "chua_du"),
    ],
)
def test_bkbqp_before_2024(tree, titles, ratings, initiatives, expected):
    p = person(tree.nm, titles=titles, ratings={2023: "htxsnv", **ratings})
    for year in initiatives:
        achievement(p, year)
    verdict = explain(p, "BKBQP", 2023)
    assert verdict.outcome == expected
    assert verdict.rule_version_id is not None
    assert any("Nghị định 91/2017/NĐ-CP Điều 39" in r.citation for r in verdict.reasons)


@pytest.mark.parametrize(
    "enlisted,expected",
    [(D(1999, 1, 1), "du"), (D(1999, 1, 2), "sap_du"), (D(2000, 6, 1), "chua_du")],
)
def test_hc_qkqt_before_2024(tree, enlisted, expected):
    p = person(tree.nm, enlisted=enlisted, ratings={2023: "httnv"})
    verdict = explain(p, "HC_QKQT", 2023)
    assert verdict.outcome == expected
    assert any(r.citation.startswith("Luật TĐKT 2003 (sửa đổi 2013)") for r in verdict.reasons)


@pytest.mark.parametrize(
    "enlisted,ba,nhi,nhat",
    [
        (D(2014, 1, 1), "du", "chua_du", "chua_du"),  # 10 years on 31/12/2023
        (D(2009, 1, 1), "chua_du", "du", "chua_du"),
        (D(2004, 1, 1), "chua_du", "chua_du", "du"),
        (D(2019, 1, 1), "chua_du", "chua_du", "chua_du"),
    ],
)
def test_hccsvv_bands_before_2024(tree, enlisted, ba, nhi, nhat):
    p = person(tree.nm, enlisted=enlisted, ratings={2023: "htnv"})
    got = [explain(p, f"HCCSVV_HANG_{c}", 2023) for c in ("BA", "NHI", "NHAT")]
    assert [v.outcome for v in got] == [ba, nhi, nhat]
    assert all(v.rule_version_id is not None for v in got)


def test_2023_run_uses_the_old_versions(tree):
    p = person(tree.nm, enlisted=D(1995, 1, 1), ratings={2022: "htxsnv", 2023: "htxsnv"}, titles={2022: "CSTDCS"})
    title(p, "CSTDCS", 2023)
    got = {v.award_code: v.outcome for v in evaluate(2023) if v.subject_type == "person" and v.subject_id == p.pk}
    assert got["HC_QKQT"] == "du" and got["BKBQP"] == "du" and got["HCCSVV_HANG_NHAT"] == "du"
