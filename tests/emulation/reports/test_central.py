"""The central report (.docx): figures equal the sums of the unit reports, comparisons, sources, ND 30 form."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from tests.conftest import make_user
from tests.emulation.reports_world import make_block
from thidua.core.choices import Role
from thidua.emulation.reports import services
from thidua.emulation.reports.documents import central_report_docx, format_change, format_value
from thidua.org import services as org_services

D = dt.date
pytestmark = pytest.mark.django_db

FIGURES = {
    # unit key -> (cuộc, đơn, tỷ lệ đơn, lượt, khoẻ, sinh3)
    "cuc": ("5", "58", "100", "1.600", "99,1", "khong"),
    "nm": ("3", "12", "95,5", "23.000", "98,7", "co"),
}
PREVIOUS = {"cuc": ("4", "50", "90", "1.500", "98", "khong"), "nm": ("3", "20", "90", "20.000", "98", "khong")}


def _submit(period, unit, ind, row, today):
    keys = (ind.cuoc, ind.don, ind.tyle_don, ind.luot, ind.khoe, ind.sinh3)
    values = {k.pk: v for k, v in zip(keys, row, strict=True)}
    values[ind.ghichu.pk] = "Ghi chú của " + unit.name
    return services.report_save(
        actor=None,
        period=period,
        unit=unit,
        values=values,
        narrative=f"Kết quả nổi bật của {unit.name}.",
        submit=True,
        today=today,
    )


@pytest.fixture
def periods(tree):
    old = make_block(tree, due=D(2019, 12, 15), opens=D(2019, 11, 1))
    for key, row in PREVIOUS.items():
        _submit(old.period, getattr(tree, key), old.ind, row, D(2019, 12, 10))
    new = make_block(tree, previous=old.period, templates=old.templates)
    reports = {
        key: _submit(new.period, getattr(tree, key), new.ind, row, D(2020, 12, 10)) for key, row in FIGURES.items()
    }
    return new, old, reports


def _tables(content: bytes):
    doc = Document(io.BytesIO(content))
    return doc, [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]


def _totals_table(tables):
    return next(t for t in tables if len(t[0]) == 7 and t[0][3] == "Toàn khối")


def test_totals_equal_the_sums_of_the_unit_reports(periods, tree):
    new, _old, reports = periods
    doc, tables = _tables(central_report_docx(new.period, on=D(2020, 12, 20)))
    totals = {row[1]: row for row in _totals_table(tables)[1:]}
    # counts: the sum of the units' figures, formatted the Vietnamese way
    assert totals["Số cuộc thanh tra, kiểm tra"][3] == "8"
    assert totals["Số đơn thư đã giải quyết"][3] == "70"
    assert totals["Số lượt người nghe"][3] == "24.600"
    # percentages: the mean of the units
    assert totals["Tỷ lệ quân số khoẻ"][3] == "bình quân 98,9%"
    assert totals["Có trường hợp sinh con thứ ba"][3] == "1/2 đơn vị có"
    # comparison with the previous period (4+3=7 → 8; 1.500+20.000 → 24.600)
    assert totals["Số cuộc thanh tra, kiểm tra"][4] == "7"
    assert totals["Số cuộc thanh tra, kiểm tra"][5] == "tăng 1 (+14,3%)"
    assert totals["Số đơn thư đã giải quyết"][5] == "bằng kỳ trước"
    assert totals["Số lượt người nghe"][5] == "tăng 3.100 (+14,4%)"
    # every total names the reports it sums
    source = totals["Số lượt người nghe"][6]
    assert str(reports["cuc"].pk) in source and str(reports["nm"].pk) in source and source.startswith("2 đơn vị")
    # the totals recomputed from the unit tables of the same document
    unit_tables = [t for t in tables if len(t[0]) == 7 and t[0][3] == "Kết quả"]
    assert len(unit_tables) == 2
    summed = sum(int(next(r for r in t if r[1] == "Số lượt người nghe")[3].replace(".", "")) for t in unit_tables)
    assert summed == 24600
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "1. Cục Chính trị" in text and "2. Nhà máy Z111" in text


def test_unit_figures_carry_their_source_and_comparison(periods, tree):
    new, _old, reports = periods
    _doc, tables = _tables(central_report_docx(new.period, on=D(2020, 12, 20)))
    cuc = next(t for t in tables if len(t[0]) == 7 and t[0][3] == "Kết quả")
    rows = {r[1]: r for r in cuc[1:]}
    assert rows["Số lượt người nghe"][3:6] == ["1.600", "1.500", "tăng 100 (+6,7%)"]
    assert rows["Tỷ lệ quân số khoẻ"][3:6] == ["99,1%", "98%", "tăng 1,1 điểm %"]
    assert rows["Số lượt người nghe"][6] == f"BC số {reports['cuc'].pk}"
    sources = next(t for t in tables if t[0][:3] == ["TT", "Đơn vị", "Báo cáo"])
    assert (
        sources[1][1] == "Cục Chính trị — Tổng cục Công nghiệp quốc phòng"
        and sources[1][2] == f"BC số {reports['cuc'].pk}"
    )
    assert re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", sources[1][3])


def test_drafts_and_missing_units_are_not_counted(tree):
    block = make_block(tree)
    services.report_save(
        actor=None, period=block.period, unit=tree.nm, values={block.ind.cuoc.pk: 9}, today=D(2020, 12, 1)
    )
    services.report_save(
        actor=None, period=block.period, unit=tree.cuc, values={block.ind.cuoc.pk: 2}, submit=True, today=D(2020, 12, 1)
    )
    doc, tables = _tables(central_report_docx(block.period, on=D(2020, 12, 20)))
    totals = {row[1]: row for row in _totals_table(tables)[1:]}
    assert totals["Số cuộc thanh tra, kiểm tra"][3] == "2"
    assert totals["Số cuộc thanh tra, kiểm tra"][4] == ""  # no previous period
    assert (
        "Đơn vị chưa nộp báo cáo (không tính vào số liệu tổng hợp): Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng."
        in [p.text for p in doc.paragraphs]
    )


def test_document_follows_nd30_form(periods):
    new, _old, _reports = periods
    doc, tables = _tables(central_report_docx(new.period, on=D(2020, 12, 5)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ]
    assert 20 <= margins[0] <= 25 and 20 <= margins[1] <= 25 and 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20
    # header boxes (layout details are tested in tests/core/test_nd30.py): the authority's usual abbreviation
    # because its full name would need two lines, the block, "Số: /BC-<block>" and the date on the second row
    (top_left, top_right), (number, date) = (row.cells for row in doc.tables[0].rows)
    left = [p.text for p in top_left.paragraphs if p.text]
    assert left == ["TỔNG CỤC CNQP", "KHỐI KIỂM THỬ 2020"]
    assert number.text.startswith("Số:") and number.text.endswith("/BC-KKT2020")
    right = [p for p in top_right.paragraphs if p.text]
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].bold
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc" and right[1].runs[0].bold
    assert date.paragraphs[0].text == "Hà Nội, ngày 05 tháng 12 năm 2020" and date.paragraphs[0].runs[0].italic
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.alignment == 1
    assert "Tổng kết thi đua năm 2020" in [p.text for p in doc.paragraphs]  # the period's own name
    assert doc.styles["Normal"].font.name == "Times New Roman"
    signature = doc.tables[-1].rows[0].cells
    assert signature[0].paragraphs[0].text == "Nơi nhận:" and signature[0].paragraphs[0].runs[0].italic
    assert "KHỐI TRƯỞNG" in [p.text for p in signature[1].paragraphs]
    closing = [p.text for p in doc.paragraphs if p.text.startswith("Trên đây là báo cáo")]
    assert closing == ["Trên đây là báo cáo tổng kết thi đua năm 2020 của Khối kiểm thử 2020./."]


@pytest.mark.parametrize(
    "kind,current,previous,expected",
    [
        ("so_luong", 58, 50, "tăng 8 (+16,0%)"),
        ("so_luong", 40, 50, "giảm 10 (−20,0%)"),
        ("so_luong", 5, 0, "tăng 5"),
        ("ty_le", Decimal("99.1"), Decimal("99.1"), "bằng kỳ trước"),
        ("van_ban", "a", "b", ""),
    ],
)
def test_format_change(kind, current, previous, expected):
    assert format_change(kind, current, previous) == expected


def test_format_value():
    assert format_value("so_luong", Decimal("1600")) == "1.600"
    assert format_value("ty_le", Decimal("99.10")) == "99,1%"
    assert format_value("ty_le", Decimal("100.00")) == "100%"
    assert format_value("co_khong", False) == "Không"


# --- download and pages ----------------------------------------------------------------------------------------


def test_download_is_scoped_to_the_authority_and_the_block_leader(periods, tree, users):
    new, _old, _reports = periods
    url = reverse("period_central_report", args=[new.period.pk])
    assert url == f"/ky-bao-cao/{new.period.pk}/bao-cao-trung-tam.docx"
    client = Client()
    client.force_login(users.officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    _doc, tables = _tables(response.content)
    assert _totals_table(tables)
    for user in (users.viewer, users.outsider, users.norole, make_user("z111", Role.UNIT_OFFICER, tree.nm)):
        client.force_login(user)
        assert client.get(url).status_code == 404
    # the block's leading unit (khối trưởng) may draft it too
    org_services.group_leader_set(
        actor=None, group=new.group, unit=tree.cuc, role="khoi_truong", start_on=D(2020, 1, 1)
    )
    client.force_login(make_user("cuc", Role.UNIT_OFFICER, tree.cuc))
    assert client.get(url).status_code == 200


def test_period_page_shows_who_has_not_submitted(tree, users):
    block = make_block(tree, due=D(2020, 12, 15))
    services.report_save(
        actor=None, period=block.period, unit=tree.nm, values={block.ind.cuoc.pk: 1}, submit=True, today=D(2020, 12, 1)
    )
    client = Client()
    client.force_login(users.officer)
    body = client.get(reverse("period_detail", args=[block.period.pk])).content.decode()
    assert "Đã nộp 1/2" in body and "Quá hạn, chưa nộp" in body and "Báo cáo trung tâm (.docx)" in body
    client.force_login(users.viewer)
    body = client.get(reverse("period_detail", args=[block.period.pk])).content.decode()
    assert "Báo cáo trung tâm (.docx)" not in body and "Soạn báo cáo" not in body


def test_report_form_saves_draft_and_refuses_a_bad_percentage(tree, users):
    block = make_block(tree, due=dt.date.today() + dt.timedelta(days=2))
    client = Client()
    client.force_login(users.officer)
    url = reverse("unit_report_edit", args=[block.period.pk, tree.nm.pk])
    assert "Tỷ lệ quân số khoẻ" in client.get(url).content.decode()
    response = client.post(url, {f"value_{block.ind.khoe.pk}": "120", "action": "luu", "narrative": ""})
    assert response.status_code == 200
    assert "«Tỷ lệ quân số khoẻ» là tỷ lệ phần trăm, phải từ 0 đến 100" in response.content.decode()
    response = client.post(url, {f"value_{block.ind.cuoc.pk}": "5", "action": "luu", "narrative": "Tốt"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'value="5"' in page
    response = client.post(
        url, {f"value_{block.ind.cuoc.pk}": "5", "action": "nop", "narrative": "Tốt", "version": "1"}
    )
    assert response.status_code == 302 and "/bao-cao-don-vi/" in response["Location"]
    # the home dashboard ("Việc cần làm") of the other unit's officer shows the reminder (due in 2 days, remind 3)
    client.force_login(make_user("cuc", Role.UNIT_OFFICER, tree.cuc))
    home = client.get(reverse("home")).content.decode()
    assert "Việc cần làm" in home and "còn 2 ngày" in home and "Cục Chính trị" in home


def test_api_put_submits_and_refuses_bad_input(tree, users):
    block = make_block(tree, due=dt.date.today() + dt.timedelta(days=5))
    client = Client()
    client.force_login(users.officer)
    url = f"/api/v1/periods/{block.period.pk}/reports/{tree.nm.pk}"
    bad = client.put(url, {"values": {str(block.ind.khoe.pk): 101}}, content_type="application/json")
    assert bad.status_code == 422
    assert "Tỷ lệ quân số khoẻ" in bad.json()["errors"][f"value_{block.ind.khoe.pk}"][0]
    ok = client.put(url, {"values": {"so_cuoc": 4}, "submit": True}, content_type="application/json")
    assert ok.status_code == 200, ok.json()
    assert ok.json()["status"] == "da_nop"
    detail = client.get(f"/api/v1/periods/{block.period.pk}").json()
    states = {row["unit_name"]: row["state"] for row in detail["units"]}
    assert states == {"Cục Chính trị": "chua", "Nhà máy Z111": "nop"}


# --- the title follows the period; the signer comes from the units' configured signers (issue 9 item 10) ---------


def _signature(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    return [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs]


def test_title_is_the_period_name(tree):
    block = make_block(tree, name="Sơ kết phong trào thi đua Quyết thắng 6 tháng đầu năm 2020")
    doc = Document(io.BytesIO(central_report_docx(block.period, on=D(2020, 12, 5))))
    texts = [p.text for p in doc.paragraphs]
    assert "Sơ kết phong trào thi đua Quyết thắng 6 tháng đầu năm 2020" in texts
    assert "Tổng kết công tác thi đua, khen thưởng năm 2020" not in texts


def test_block_report_is_signed_by_the_leading_units_configured_signer(tree):
    from thidua.org.choices import GroupRole
    from thidua.org.models import GroupLeadership

    block = make_block(tree)
    GroupLeadership.objects.create(group=block.group, unit=tree.cuc, role=GroupRole.LEADER, start_on=D(2020, 1, 1))
    tree.cuc.signer_name = "Thiếu tướng Trần Văn Ký"
    tree.cuc.save(update_fields=["signer_name"])
    assert _signature(central_report_docx(block.period, on=D(2020, 12, 5))) == [
        "TM. KHỐI KIỂM THỬ 2020",
        "KHỐI TRƯỞNG",
        "Thiếu tướng Trần Văn Ký",
    ]


def test_unit_report_without_block_is_signed_as_the_authority_configures(tree):
    from thidua.emulation.reports import services

    block = make_block(tree)
    period = services.period_create(
        actor=None,
        name="Tổng kết công tác thi đua, khen thưởng năm 2020 của Tổng cục",
        kind="tong_ket_nam",
        year=2020,
        authority=tree.tc,
        group=None,
        units=[tree.cuc, tree.nm],
        templates=[block.templates.tt],
        opens_on=D(2020, 11, 1),
        due_on=D(2020, 12, 15),
        remind_days=3,
    )
    assert _signature(central_report_docx(period, on=D(2020, 12, 5)))[1] == "THỦ TRƯỞNG"  # the default
    tree.tc.signer_authority, tree.tc.signer_title = "KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"
    tree.tc.signer_name = "Thiếu tướng Nguyễn Văn An"
    tree.tc.save()
    period.authority.refresh_from_db()
    assert _signature(central_report_docx(period, on=D(2020, 12, 5))) == [
        "KT. CHỦ NHIỆM",
        "PHÓ CHỦ NHIỆM",
        "Thiếu tướng Nguyễn Văn An",
    ]
