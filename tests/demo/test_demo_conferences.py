"""The demo conferences and the Khối 2 sheet: loaded by ``thidua demo`` with the seeds' facts, and idempotent."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document

from thidua.demo.emulation.conferences import load_conferences
from thidua.demo.org.load import load
from thidua.emulation.conferences.choices import ConferenceStatus, OutcomeKind
from thidua.emulation.conferences.minutes import minutes_docx
from thidua.emulation.models import (
    AgendaItem,
    Attendee,
    Conference,
    ConferenceOutcome,
    CriteriaSheet,
    ReportValue,
    Score,
    ScoreChange,
    SheetProposal,
    UnitReport,
)
from thidua.emulation.scoring import selectors as scoring
from thidua.emulation.scoring.choices import SheetStatus
from thidua.org.models import GroupHandover

D = dt.date
MODELS = [
    Conference,
    Attendee,
    AgendaItem,
    ConferenceOutcome,
    CriteriaSheet,
    Score,
    ScoreChange,
    SheetProposal,
    UnitReport,
    ReportValue,
    GroupHandover,
]


@pytest.fixture
def demo(db):
    """Load the org demo and the conferences (twice: the second run must create nothing)."""
    load()
    first = load_conferences()
    counts = {m: m.objects.count() for m in MODELS}
    second = load_conferences()
    return first, second, counts


def test_idempotent(demo):
    first, second, counts = demo
    assert first.conferences == 5 and second.created == 0
    assert {m: m.objects.count() for m in MODELS} == counts


def test_demo_facts(demo):
    _khoi2_conference()
    _other_conferences()
    _khoi2_sheet_published_with_proposal()


def _khoi2_conference():
    c = Conference.objects.get(held_on=D(2020, 10, 28))
    assert c.status == ConferenceStatus.FROZEN
    chair = c.attendees.get(person=c.chair)
    assert (c.chair.full_name, chair.rank_then) == ("Nguyễn Việt Hùng", "Thiếu tướng")
    assert "Phó Chính ủy Tổng cục CNQP" in c.chair_title
    report = c.agenda.get(kind="bao_cao_trung_tam")
    assert report.presenter.full_name == "Lê Mai Hậu" and report.presenter_unit.name == "Ban Quản lý Dự án I"
    assert c.attendees.get(person=report.presenter).rank_then == "Đại tá"
    values = {
        (v.report.unit.name, v.indicator.code): v.number
        for v in ReportValue.objects.filter(report__period=c.period).select_related("report__unit", "indicator")
    }
    assert values[("Thanh tra Tổng cục", "so_cuoc_thanh_kiem_tra")] == 5
    assert values[("Thanh tra Tổng cục", "so_don_thu_da_giai_quyet")] == 58
    assert values[("Tạp chí Công nghiệp quốc phòng và Kinh tế", "so_tin_bai_anh_in")] == 1600
    doc = Document(io.BytesIO(minutes_docx(c)))
    assert any(p.text == "BIÊN BẢN" for p in doc.paragraphs)


def _other_conferences():
    ctd = Conference.objects.get(held_on=D(2019, 12, 24))
    assert ctd.attendees.get(person=ctd.chair).rank_then == "Trung tướng"
    assert ctd.agenda.filter(presenter__full_name="Lâm Trọng Đông").count() == 2
    assert ctd.outcomes.filter(kind=OutcomeKind.AWARD_PRESENTED).exists()
    dang_uy = Conference.objects.get(held_on=D(2022, 7, 15))
    assert "14 tập thể và 12 cá nhân" in dang_uy.outcomes.get(kind=OutcomeKind.AWARD_PRESENTED).text
    khoi1 = Conference.objects.get(held_on=D(2018, 6, 7))
    assert (khoi1.place, khoi1.chair.full_name) == ("Cục Chính sách", "Ngô Quang Phúc")
    assert khoi1.attendees.get(person=khoi1.chair).rank_then == "Đại tá"
    outcome = khoi1.outcomes.get(kind=OutcomeKind.HANDOVER)
    assert outcome.handover.to_unit.name == "Văn phòng TCCT"
    assert GroupHandover.objects.filter(occurred_on=D(2018, 6, 7)).count() == 1
    dccs = Conference.objects.get(held_on=D(2020, 11, 26))
    assert "99,1%" in dccs.conclusions
    figures = {v.indicator.code: v.number for v in ReportValue.objects.filter(report__period=dccs.period)}
    assert figures["ty_le_quan_so_khoe"] == Decimal("99.1") and figures["luot_nguoi_nghe"] == 23000


def _khoi2_sheet_published_with_proposal():
    sheet = CriteriaSheet.objects.get(year=2020, group__short_name="Khối 2")
    assert sheet.status == SheetStatus.PUBLISHED
    ranking = scoring.sheet_ranking(sheet)
    assert ranking[0].unit_name == "Tạp chí Công nghiệp quốc phòng và Kinh tế"
    assert [r.rank for r in ranking][:3] == [1, 2, 2]
    assert sheet.proposals.get().unit_id == ranking[0].unit_id
    assert ScoreChange.objects.filter(score__sheet=sheet).count() == 2


def test_demo_reports_are_dated_in_their_own_period(demo):
    """The central report lists when each agency submitted: the seeds' year, never the day the demo was loaded."""
    reports = UnitReport.objects.exclude(submitted_at=None).select_related("period")
    assert reports
    for report in reports:
        assert report.submitted_at.year <= report.period.year + 1, (report, report.submitted_at)
