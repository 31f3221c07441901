"""Decision tables for the collective rules of issue 3 (DOMAIN.md §5.1, §5.6–5.10, §5.13, R06, R14): enterprises vs
military units (TTLĐXS / TTLĐTT vs ĐVQT / ĐVTT), Cờ thi đua BQP and CP (leading the block in a *published*
ranking), Giấy khen for persons and collectives, and "sắp đủ — chờ kết quả xếp loại" while the year's rating is not
recorded (a recorded bad rating stays "chưa đủ")."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards.eligibility.engine import evaluate, explain
from thidua.awards.eligibility.rules import RuleDocumentError, validate
from thidua.catalogue.models import Award
from thidua.demo.records.collective import block_sheet
from thidua.emulation.scoring import services as score_svc
from thidua.emulation.scoring.choices import CriterionKind
from thidua.org import services as org

from .engine_helpers import discipline, enterprise, person, title, unit_rate
from .test_engine_rules_more import workers
from .test_engine_unit import company, staff

D = dt.date
pytestmark = pytest.mark.django_db
CRITERION = [("Kết quả thi đua", "1", "Tổng hợp kết quả thi đua", 100, CriterionKind.NORMAL, False)]
AWAITING = "chờ kết quả xếp loại năm 2024"


def texts(verdict) -> str:
    """All reason lines of a verdict, joined (for "the officer reads …" checks)."""
    return "\n".join(r.text for r in verdict.reasons)


def good_collective(unit, year=2024, *, rating="htxsnv", recorded=True):
    """A collective whose members meet every share condition: 10 rated HTTNV+, 6 LĐTT and 1 CSTĐCS (LĐTT counts
    for both families); its own result of the year is ``rating`` (not recorded with ``recorded=False``)."""
    if recorded:
        unit_rate(unit, year, rating=rating)
    workers(unit, 10, ldtt=6, cstdcs=1, year=year)
    return unit


# --- enterprise vs military unit ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code,is_enterprise,expected,text",
    [
        ("DVQT", False, "du", "Không phải doanh nghiệp (đơn vị quân đội)"),
        ("DVQT", True, "chua_du", "Là doanh nghiệp sản xuất, kinh doanh — xét Tập thể lao động xuất sắc"),
        ("TTLDXS", True, "du", "Là doanh nghiệp sản xuất, kinh doanh"),
        ("TTLDXS", False, "chua_du", "Không phải doanh nghiệp (đơn vị quân đội) — xét Đơn vị Quyết thắng"),
        ("DVTT", False, "du", "Không phải doanh nghiệp (đơn vị quân đội)"),
        ("DVTT", True, "chua_du", "Là doanh nghiệp sản xuất, kinh doanh — xét Tập thể lao động tiên tiến"),
        ("TTLDTT", True, "du", "Là doanh nghiệp sản xuất, kinh doanh"),
        ("TTLDTT", False, "chua_du", "Không phải doanh nghiệp (đơn vị quân đội) — xét Đơn vị tiên tiến"),
    ],
)
def test_enterprise_or_military_unit(tree, code, is_enterprise, expected, text):
    unit = company(tree.nm)
    if is_enterprise:
        unit = enterprise(unit)
    good_collective(unit)
    verdict = explain(unit, code, 2024)
    assert verdict.outcome == expected
    assert text in texts(verdict)


def test_a_workshop_of_an_enterprise_is_a_labour_collective(tree):
    plant = enterprise(company(tree.tc, "Nhà máy Z999"))
    workshop = good_collective(company(plant, "Phân xưởng Lắp ráp"))
    verdict = explain(workshop, "TTLDXS", 2024)
    assert verdict.outcome == "du"
    assert "Là doanh nghiệp (thuộc Nhà máy Z999)" in texts(verdict)
    assert explain(workshop, "DVQT", 2024).outcome == "chua_du"
    bulk = {(v.subject_id, v.award_code): v.outcome for v in evaluate(2024, unit=plant) if v.subject_type == "unit"}
    assert bulk[workshop.pk, "TTLDXS"] == "du" and (workshop.pk, "DVQT") not in bulk


def test_an_enterprise_counts_ldtt_not_cstt(tree):
    unit = enterprise(company(tree.nm))
    unit_rate(unit, 2024)
    staff(unit, 10, cstt=7, cstdcs=1)  # soldiers with CSTT: the enterprise's share counts LĐTT
    verdict = explain(unit, "TTLDXS", 2024)
    assert verdict.outcome == "chua_du"
    assert "1/10 thành viên đạt LĐTT/CSTĐCS" in texts(verdict)


def test_2023_is_judged_by_the_old_law(tree):
    unit = good_collective(company(tree.nm), 2023)
    verdict = explain(unit, "DVQT", 2023)
    assert verdict.outcome == "du"
    assert any(r.citation.startswith("Luật TĐKT 2003 (sửa đổi 2013) Điều 27") for r in verdict.reasons)
    assert "dưới 10 tháng" in texts(verdict)  # Nghị định 91/2017; 09 months from 2024 (TT 118/2023)


# --- Cờ thi đua BQP / CP: leading the block ---------------------------------------------------------------------


@pytest.fixture
def block(tree):
    """Khối 9 of the Tổng cục for 2024: three military units, each HTXSNV, TSVM and VMTD in 2024."""
    units = [company(tree.tc, name) for name in ("Cục Kỹ thuật", "Cục Kế hoạch", "Văn phòng")]
    for unit in units:
        unit_rate(unit, 2024)
    group = org.group_create(
        actor=None, authority=tree.tc, name="Khối thi đua số 9", short_name="Khối 9", year=2024, members=units
    )
    return group, units


def scored(group, units, *, published=True, propose=None):
    """Score the block 90 / 80 / 70 in the order of ``units``."""
    points = dict(zip(units, [(90,), (80,), (70,)], strict=True))
    award = Award.objects.get(code=propose) if propose else None
    return block_sheet(group, 2024, CRITERION, points, published=published, propose=award)


@pytest.mark.parametrize(
    "published,propose,place,expected,text",
    [
        (True, None, 0, "du", "dẫn đầu: xếp thứ 1/3 Khối 9 năm 2024 (kết quả đã công bố)"),
        (True, "CO_BQP", 0, "du", "được Khối 9 suy tôn: xếp thứ 1/3 Khối 9 năm 2024"),
        (True, None, 1, "chua_du", "xếp thứ 2/3 Khối 9 (đã công bố) — không dẫn đầu khối"),
        (False, None, 0, "sap_du", "theo kết quả công bố dự kiến — chờ công bố chính thức"),
        (False, None, 1, "chua_du", "xếp thứ 2/3 Khối 9 (công bố dự kiến) — không dẫn đầu khối"),
    ],
    ids=["published-first", "proposed", "published-second", "previewed-first", "previewed-second"],
)
def test_co_bqp_needs_to_lead_the_published_ranking(block, published, propose, place, expected, text):
    group, units = block
    scored(group, units, published=published, propose=propose)
    verdict = explain(units[place], "CO_BQP", 2024)
    assert verdict.outcome == expected
    assert text in texts(verdict)
    if expected == "sap_du":
        assert verdict.soon_on == D(2024, 12, 31)


def test_a_block_still_scoring_has_no_result(block):
    group, units = block
    sheet = score_svc.sheet_create(actor=None, group=group)
    criteria = score_svc.criterion_group_add(actor=None, sheet=sheet, name="Kết quả")
    score_svc.criterion_add(actor=None, group=criteria, code="1", label="Tổng hợp", max_points=100)
    score_svc.sheet_advance(actor=None, sheet=sheet)  # units are scoring themselves
    verdict = explain(units[0], "CO_BQP", 2024)
    assert verdict.outcome == "chua_du"
    assert "không có kết quả chấm điểm khối, cụm thi đua năm 2024 đã công bố" in texts(verdict)


@pytest.mark.parametrize(
    "rating,party,strong,expected",
    [
        ("htxsnv", "tsvm", True, "du"),
        ("httnv", "tsvm", True, "chua_du"),  # did not exceed the targets
        ("htxsnv", "htnv", True, "chua_du"),  # party organisation not "trong sạch, vững mạnh"
        ("htxsnv", "tsvm_tieu_bieu", False, "chua_du"),  # not "vững mạnh toàn diện"
        (None, None, None, "sap_du"),  # the 2024 results are not recorded yet
    ],
)
def test_co_bqp_other_conditions(block, rating, party, strong, expected):
    group, units = block
    leader = units[0]
    leader.ratings.all().delete()
    if rating:
        unit_rate(leader, 2024, rating=rating, party_rating=party, strong=strong)
    scored(group, units)
    verdict = explain(leader, "CO_BQP", 2024)
    assert verdict.outcome == expected
    if expected == "sap_du":
        assert AWAITING in texts(verdict)


@pytest.mark.parametrize(
    "flag,expected",
    [
        (("CO_BQP", 2023), "du"),  # a 2023 flag (old texts) counts for 2024 (new texts)
        (("CO_DVTT_BQP", 2022), "du"),
        (("CO_DVTT_BQP", 2021), "chua_du"),  # outside the 3-year window
        (None, "chua_du"),
    ],
)
def test_co_cp_most_typical_collective(block, flag, expected):
    group, units = block
    scored(group, units)
    if flag:
        title(units[0], *flag)
    verdict = explain(units[0], "CO_CP", 2024)
    assert verdict.outcome == expected
    assert any(r.unverified and "giá trị mặc định cấu hình được" in r.label for r in verdict.reasons)


def test_flags_of_2023_use_the_old_rule_version(block):
    group, units = block
    title(units[0], "CO_BQP", 2023)
    old, new = explain(units[0], "CO_CP", 2023), explain(units[0], "CO_CP", 2024)
    assert old.rule_version_id != new.rule_version_id
    assert "dưới 10 tháng" in texts(old) and "dưới 09 tháng" in texts(new)


def test_bulk_and_explain_agree_on_the_flags(block, tree):
    group, units = block
    scored(group, units, published=False)
    title(units[0], "CO_DVTT_BQP", 2023)
    verdicts = evaluate(2024, unit=tree.tc, include_not_eligible=True)
    bulk = {(v.subject_id, v.award_code): v for v in verdicts if v.subject_type == "unit"}
    for unit in units:
        for code in ("CO_BQP", "CO_CP", "GK_TAP_THE"):
            single = explain(unit, code, 2024)
            got = bulk[unit.pk, code]
            assert (got.outcome, got.soon_on, [r.text for r in got.reasons]) == (
                single.outcome,
                single.soon_on,
                [r.text for r in single.reasons],
            )
    assert bulk[units[0].pk, "CO_CP"].outcome == "sap_du"


# --- Giấy khen ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rating,disciplined,expected",
    [("httnv", False, "du"), ("htnv", False, "chua_du"), ("httnv", True, "chua_du"), (None, False, "sap_du")],
)
def test_giay_khen_for_a_person(tree, rating, disciplined, expected):
    p = person(tree.nm, ratings={2024: rating} if rating else None)
    if disciplined:
        discipline(p, "khien_trach", D(2024, 3, 1), D(2025, 2, 28))
    verdict = explain(p, "GK_CA_NHAN", 2024)
    assert verdict.outcome == expected
    assert any(r.unverified for r in verdict.reasons)


@pytest.mark.parametrize("rating,expected", [("httnv", "du"), ("htnv", "chua_du"), (None, "sap_du")])
def test_giay_khen_for_a_collective(tree, rating, expected):
    unit = company(tree.nm)
    if rating:
        unit_rate(unit, 2024, rating=rating)
    verdict = explain(unit, "GK_TAP_THE", 2024)
    assert verdict.outcome == expected
    assert "giá trị mặc định cấu hình được" in texts(verdict)


# --- "sắp đủ" while the year's rating is not recorded ------------------------------------------------------------


@pytest.mark.parametrize(
    "code,category,rating,expected",
    [
        ("CSTT", "si_quan", None, "sap_du"),
        ("CSTT", "si_quan", "khtnv", "chua_du"),
        ("LDTT", "cnvqp", None, "sap_du"),
        ("LDTT", "cnvqp", "khtnv", "chua_du"),
        ("CSTDCS", "si_quan", None, "sap_du"),
        ("CSTDCS", "si_quan", "khtnv", "chua_du"),
    ],
)
def test_person_title_awaiting_the_rating(tree, code, category, rating, expected):
    p = person(tree.nm, category=category, ratings={2024: rating} if rating else None)
    verdict = explain(p, code, 2024)
    assert verdict.outcome == expected
    if expected == "sap_du":
        assert verdict.soon_on == D(2024, 12, 31)
        assert AWAITING in texts(verdict)
    bulk = [v for v in evaluate(2024, unit=tree.nm) if v.subject_id == p.pk and v.award_code == code]
    assert [v.outcome for v in bulk] == ([expected] if expected != "chua_du" else [])


def test_awaiting_the_rating_needs_every_other_condition(tree):
    recruit = person(tree.nm, enlisted=D(2024, 6, 1))  # under 9 months on 31/12/2024
    disciplined = person(tree.nm)
    discipline(disciplined, "khien_trach", D(2024, 3, 1))
    assert explain(recruit, "CSTT", 2024).outcome == "chua_du"
    assert explain(disciplined, "CSTDCS", 2024).outcome == "chua_du"


@pytest.mark.parametrize(
    "code,is_enterprise,rating,expected",
    [
        ("DVQT", False, None, "sap_du"),
        ("DVQT", False, "khtnv", "chua_du"),
        ("DVTT", False, None, "sap_du"),
        ("DVTT", False, "khtnv", "chua_du"),
        ("TTLDXS", True, None, "sap_du"),
        ("TTLDXS", True, "khtnv", "chua_du"),
        ("TTLDTT", True, None, "sap_du"),
        ("TTLDTT", True, "khtnv", "chua_du"),
    ],
)
def test_collective_title_awaiting_the_result(tree, code, is_enterprise, rating, expected):
    unit = company(tree.nm)
    if is_enterprise:
        unit = enterprise(unit)
    good_collective(unit, rating=rating or "htxsnv", recorded=rating is not None)
    verdict = explain(unit, code, 2024)
    assert verdict.outcome == expected
    if expected == "sap_du":
        assert verdict.soon_on == D(2024, 12, 31) and AWAITING in texts(verdict)


@pytest.mark.parametrize(
    "titles,ratings,expected",
    [
        ({2023: "CSTDCS", 2024: "CSTDCS"}, {2023: "htxsnv", 2024: "htxsnv"}, "du"),
        ({2023: "CSTDCS"}, {2023: "htxsnv"}, "sap_du"),  # 2024 not reviewed yet
        ({2023: "CSTDCS", 2024: "CSTT"}, {2023: "htxsnv", 2024: "httnv"}, "chua_du"),  # broken in 2024
        ({2022: "CSTDCS", 2023: "CSTT", 2024: "CSTDCS"}, {2024: "htxsnv"}, "sap_du"),
    ],
)
def test_a_streak_across_the_2023_2024_change_of_law(tree, titles, ratings, expected):
    p = person(tree.nm, titles=titles, ratings=ratings)
    verdict = explain(p, "BKBQP", 2024)
    assert verdict.outcome == expected
    assert any("Luật 06/2022 Điều 74" in r.citation for r in verdict.reasons)


# --- rule documents ----------------------------------------------------------------------------------------------


def _doc(condition: dict, subject: str = "tap_the") -> dict:
    return {
        "award": "DVQT",
        "version": 9,
        "valid_from": "2024-01-01",
        "legal_basis": "thử",
        "subject": subject,
        "conditions": [condition],
    }


def test_rule_documents_are_checked():
    ok = validate(
        _doc({"predicate": "unit_is_enterprise", "label": "x", "params": {"value": False, "instead": "TTLDXS"}})
    )
    assert ok.conditions[0].params.instead == "TTLDXS"
    with pytest.raises(RuleDocumentError) as bad_code:
        validate(_doc({"predicate": "unit_is_enterprise", "label": "x", "params": {"instead": "KHONG_CO"}}))
    assert bad_code.value.path == "conditions[0].params.instead"
    with pytest.raises(RuleDocumentError) as wrong_subject:
        validate(_doc({"predicate": "led_block", "label": "x", "params": {}}, subject="ca_nhan"))
    assert "led_block" in wrong_subject.value.message
