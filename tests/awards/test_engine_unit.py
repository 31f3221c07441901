"""Decision tables for collective rules (ĐVQT Luật 06/2022 Điều 27 / R06, ĐVTT old-law default, unit flag) and caps."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards.eligibility.engine import caps, evaluate, explain
from thidua.awards.eligibility.services import rule_version_create
from thidua.catalogue.models import Award
from thidua.org import services as org

from .engine_helpers import discipline, person, title, unit_rate

D = dt.date
pytestmark = pytest.mark.django_db


def company(parent, name="Phân xưởng 1", valid_from=None):
    unit = org.unit_create(actor=None, parent=parent, name=name, short_name=name, kind="phan_xuong")
    if valid_from:
        type(unit).objects.filter(pk=unit.pk).update(valid_from=valid_from)
        unit.refresh_from_db()
    return unit


def staff(unit, n, *, rating="httnv", cstt=0, cstdcs=0, year=2024):
    """``n`` members rated ``rating``; the first ``cstdcs`` hold CSTĐCS, the next ``cstt`` hold CSTT."""
    people = [person(unit, ratings={year: rating}) for _ in range(n)]
    for i, p in enumerate(people):
        if i < cstdcs:
            title(p, "CSTDCS", year)
        elif i < cstdcs + cstt:
            title(p, "CSTT", year)
    return people


@pytest.mark.parametrize(
    "unit_rating,members,rating,cstt,cstdcs,expected",
    [
        ("htxsnv", 10, "httnv", 6, 1, "du"),  # 70 % (CSTĐCS counts as CSTT or better)
        ("htxsnv", 10, "httnv", 5, 1, "chua_du"),  # 60 %
        ("htxsnv", 10, "httnv", 7, 0, "chua_du"),  # no CSTĐCS
        ("httnv", 10, "httnv", 6, 1, "chua_du"),  # unit only HTTNV
        ("htxsnv", 10, "khtnv", 6, 1, "chua_du"),  # not 100 % complete tasks
        ("htxsnv", 0, "httnv", 0, 0, "chua_du"),  # no members
    ],
)
def test_dvqt(tree, unit_rating, members, rating, cstt, cstdcs, expected):
    unit = company(tree.nm)
    unit_rate(unit, 2024, rating=unit_rating)
    staff(unit, members, rating=rating, cstt=cstt, cstdcs=cstdcs)
    verdict = explain(unit, "DVQT", 2024)
    assert verdict.outcome == expected
    assert verdict.subject_type == "unit" and verdict.unit_id == unit.pk


@pytest.mark.parametrize("cstt,expected", [(69, "chua_du"), (70, "du")])
def test_dvqt_69_vs_70_percent(tree, cstt, expected):
    unit = company(tree.nm)
    unit_rate(unit, 2024)
    staff(unit, 100, cstt=cstt - 1, cstdcs=1)
    verdict = explain(unit, "DVQT", 2024)
    assert verdict.outcome == expected
    assert any(f"{cstt}/100 thành viên" in r.text for r in verdict.reasons)


def test_dvqt_members_include_sub_units_and_discipline_blocks(tree):
    unit = company(tree.nm)
    team = company(unit, "Tổ 1")
    unit_rate(unit, 2024)
    staff(unit, 3, cstt=2, cstdcs=1)
    members = staff(team, 2, cstt=2)
    assert explain(unit, "DVQT", 2024).outcome == "du"  # 5/5 CSTT+
    discipline(members[0], "canh_cao", D(2024, 5, 1), D(2025, 4, 30))
    assert explain(unit, "DVQT", 2024).outcome == "chua_du"


def test_new_unit_under_nine_months(tree):
    unit = company(tree.nm, valid_from=D(2024, 5, 1))
    unit_rate(unit, 2024)
    staff(unit, 3, cstt=2, cstdcs=1)
    assert explain(unit, "DVQT", 2024).outcome == "chua_du"


@pytest.mark.parametrize("cstt,expected", [(5, "chua_du"), (6, "du")])
def test_dvtt_more_than_half(tree, cstt, expected):
    unit = company(tree.nm)
    unit_rate(unit, 2024, rating="httnv")
    staff(unit, 10, cstt=cstt)
    assert explain(unit, "DVTT", 2024).outcome == expected


@pytest.mark.parametrize(
    "party,strong,expected", [("tsvm", True, "du"), ("htnv", True, "chua_du"), ("tsvm_tieu_bieu", False, "chua_du")]
)
def test_unit_flag(tree, party, strong, expected):
    unit = company(tree.nm)
    unit_rate(unit, 2024, party_rating=party, strong=strong)
    assert explain(unit, "CO_DVTT_BQP", 2024).outcome == expected


def test_bulk_unit_verdicts_match_explain(tree):
    unit = company(tree.nm)
    unit_rate(unit, 2024)
    staff(unit, 4, cstt=3, cstdcs=1)
    bulk = {
        (v.subject_id, v.award_code): v for v in evaluate(2024, include_not_eligible=True) if v.subject_type == "unit"
    }
    for u in (unit, tree.nm, tree.tc):
        for code in ("DVQT", "DVTT", "CO_DVTT_BQP"):
            single = explain(u, code, 2024)
            assert bulk[(u.pk, code)].outcome == single.outcome
            assert [r.text for r in bulk[(u.pk, code)].reasons] == [r.text for r in single.reasons]


# --- caps (DOMAIN.md §8.3) ----------------------------------------------------------------------------------------


def _enable_cap(code, **cap):
    award = Award.objects.get(code=code)
    rv = award.rule_versions.order_by("-valid_from", "-version").first()
    doc = dict(rv.document)
    doc["cap"] = {**(doc.get("cap") or {}), "enabled": True, **cap}
    return rule_version_create(actor=None, award=award, document=doc)


def test_caps_are_off_by_default(tree):
    unit = company(tree.nm)
    staff(unit, 5, rating="htxsnv")
    assert caps(evaluate(2024), 2024) == []


@pytest.mark.parametrize(
    "eligible,strength,expected_cap,over",
    [(14, 120, 12, True), (12, 120, 12, False), (13, 125, 12, True), (12, 129, 12, False), (13, 130, 13, False)],
    ids=["over", "tie-at-cap", "floor", "tie-floor", "exact"],
)
def test_cstdcs_cap_on_strength(tree, eligible, strength, expected_cap, over):
    _enable_cap("CSTDCS", percent=10, base="strength")
    unit = company(tree.nm)
    unit_rate(unit, 2024, strength=strength)
    staff(unit, eligible, rating="htxsnv")
    reports = [r for r in caps(evaluate(2024, unit=unit), 2024) if r.award_code == "CSTDCS"]
    assert len(reports) == 1
    report = reports[0]
    assert (report.proposed, report.cap, report.base, report.over) == (eligible, expected_cap, strength, over)
    assert report.text.startswith(f"CSTĐCS: {eligible} đề xuất / trần {expected_cap}")


def test_cap_on_lower_title_count_and_members_as_strength(tree):
    _enable_cap("CSTDCS", percent=15, base="lower_title_count", lower_title="CSTT")
    unit = company(tree.nm)
    staff(unit, 3, rating="htxsnv")
    staff(unit, 17, rating="httnv")
    (report,) = [r for r in caps(evaluate(2024, unit=unit), 2024) if r.award_code == "CSTDCS"]
    assert (report.proposed, report.base, report.cap, report.over) == (3, 20, 3, False)


def test_cap_on_sub_units(tree):
    _enable_cap("DVQT", percent=20, base="sub_units")
    parent = company(tree.nm, "Xí nghiệp")
    for i in range(5):
        sub = company(parent, f"Tổ {i}")
        if i < 2:
            unit_rate(sub, 2024)
            staff(sub, 2, cstt=1, cstdcs=1)
    (report,) = [r for r in caps(evaluate(2024, unit=parent), 2024) if r.award_code == "DVQT"]
    assert (report.unit_id, report.proposed, report.base, report.cap, report.over) == (parent.pk, 2, 5, 1, True)
