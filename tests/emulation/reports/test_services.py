"""Services of review periods and unit reports: opening, figures by kind, deadlines, extensions, reminders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.conftest import make_user
from tests.emulation.reports_world import make_block, make_templates
from thidua.core.choices import Role
from thidua.core.models import AuditEvent
from thidua.emulation.models import IndicatorTemplate, PeriodExtension, ReportValue, UnitReport
from thidua.emulation.reports import services
from thidua.emulation.reports.selectors import due_reminders, period_board

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def block(tree):
    return make_block(tree)


def test_seeded_templates_have_the_seeds_indicators(django_db_blocker):
    """The data migration's templates carry the figures the seeds report (seed re-run: it is idempotent)."""
    import importlib

    from django.apps import apps

    seed = importlib.import_module("thidua.emulation.migrations.0002_reports_seed_templates")
    seed.seed(apps, None)
    seed.seed(apps, None)
    names = set(IndicatorTemplate.objects.values_list("name", flat=True))
    assert "Kết quả công tác thanh tra" in names
    assert len(names) >= 8
    press = IndicatorTemplate.objects.get(name="Kết quả công tác tạp chí, báo chí")
    kinds = {i.code: i.kind for i in press.indicators.all()}
    assert kinds["ty_le_so_thuong_ky"] == "ty_le" and kinds["so_tin_bai_anh_in"] == "so_luong"
    health = IndicatorTemplate.objects.get(work_area="bvsk_ds_gd_te")
    assert {"so_cuoc_tuyen_truyen", "luot_nguoi_nghe", "ty_le_quan_so_khoe"} <= {
        i.code for i in health.indicators.all()
    }


def test_period_defaults_to_the_block_members_and_is_audited(block, tree):
    assert set(block.period.units.all()) == {tree.cuc, tree.nm}
    assert AuditEvent.objects.filter(event_type="period.create", target_id=str(block.period.pk)).exists()


def test_period_create_refuses_bad_input_and_out_of_scope(tree, users):
    t = make_templates()
    with pytest.raises(ValidationError) as exc:
        services.period_create(
            actor=users.outsider,
            name="X",
            kind="tong_ket_nam",
            year=2020,
            authority=tree.tc,
            templates=[t.tt],
            units=[tree.nm],
            opens_on=D(2020, 1, 1),
            due_on=D(2020, 2, 1),
        )
    assert "authority" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.period_create(
            actor=users.officer,
            name="X",
            kind="tong_ket_nam",
            year=2020,
            authority=tree.tc,
            templates=[],
            units=[tree.other],
            opens_on=D(2020, 3, 1),
            due_on=D(2020, 2, 1),
        )
    errors = exc.value.message_dict
    assert {"templates", "units", "due_on"} <= set(errors)
    assert "Tổng cục Chính trị" in errors["units"][0]


def test_draft_then_submit_stores_typed_values(block, tree, users):
    ind = block.ind
    report = services.report_save(
        actor=users.officer,
        period=block.period,
        unit=tree.nm,
        values={ind.cuoc.pk: "5", "so_don": "1.600"},
        narrative="Hoàn thành tốt nhiệm vụ.",
        today=D(2020, 12, 1),
    )
    assert report.status == "nhap"
    report = services.report_save(
        actor=users.officer,
        period=block.period,
        unit=tree.nm,
        values={f"value_{ind.khoe.pk}": "99,1", f"value_{ind.sinh3.pk}": "khong", f"value_{ind.ghichu.pk}": "Tốt"},
        submit=True,
        today=D(2020, 12, 15),
        expected_version=report.version,
    )
    assert report.status == "da_nop" and report.submitted_at
    values = {v.indicator_id: v for v in report.values.all()}
    assert values[ind.don.pk].number == 1600
    assert str(values[ind.khoe.pk].number) == "99.10"
    assert values[ind.sinh3.pk].flag is False and values[ind.ghichu.pk].text == "Tốt"
    assert AuditEvent.objects.filter(event_type="report.submit", target_id=str(report.pk)).count() == 1
    with pytest.raises(ValidationError, match="Báo cáo đã nộp"):
        services.report_save(actor=users.officer, period=block.period, unit=tree.nm, values={}, today=D(2020, 12, 2))


@pytest.mark.parametrize(
    "key,raw,message",
    [
        ("khoe", "100,5", "«Tỷ lệ quân số khoẻ» là tỷ lệ phần trăm, phải từ 0 đến 100"),
        ("khoe", "-1", "«Tỷ lệ quân số khoẻ» là tỷ lệ phần trăm"),
        ("cuoc", "-3", "«Số cuộc thanh tra, kiểm tra» không được là số âm"),
        ("cuoc", "2,5", "«Số cuộc thanh tra, kiểm tra» phải là số nguyên"),
        ("don", "nhiều", "«Số đơn thư đã giải quyết» phải là một số"),
        ("sinh3", "có lẽ", "«Có trường hợp sinh con thứ ba» chỉ nhận Có hoặc Không"),
    ],
)
def test_bad_figures_are_refused_naming_the_indicator_and_nothing_is_saved(block, tree, users, key, raw, message):
    indicator = getattr(block.ind, key)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            actor=users.officer,
            period=block.period,
            unit=tree.nm,
            values={indicator.pk: raw, block.ind.luot.pk: "7"},
            today=D(2020, 12, 1),
        )
    assert message in exc.value.message_dict[f"value_{indicator.pk}"][0]
    assert not UnitReport.objects.exists() and not ReportValue.objects.exists()
    assert AuditEvent.objects.count() == before


def test_submit_after_the_deadline_is_refused_unless_extended(block, tree, users):
    values = {block.ind.cuoc.pk: "5"}
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            actor=users.officer, period=block.period, unit=tree.nm, values=values, submit=True, today=D(2020, 12, 16)
        )
    assert exc.value.messages == ["Đã quá hạn nộp báo cáo (hạn 15/12/2020)."]
    assert not UnitReport.objects.exists()
    with pytest.raises(ValidationError) as exc:
        services.period_extend(
            actor=users.officer, period=block.period, unit=tree.nm, due_on=D(2020, 12, 20), reason=""
        )
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.period_extend(
            actor=users.officer, period=block.period, unit=tree.nm, due_on=D(2020, 12, 10), reason="Đi công tác"
        )
    assert "due_on" in exc.value.message_dict
    services.period_extend(
        actor=users.officer, period=block.period, unit=tree.nm, due_on=D(2020, 12, 20), reason="Đơn vị đi diễn tập"
    )
    report = services.report_save(
        actor=users.officer, period=block.period, unit=tree.nm, values=values, submit=True, today=D(2020, 12, 16)
    )
    assert report.status == "da_nop"
    # the other unit has no extension
    with pytest.raises(ValidationError, match=r"hạn 15/12/2020"):
        services.report_save(
            actor=users.officer, period=block.period, unit=tree.cuc, values=values, submit=True, today=D(2020, 12, 16)
        )
    services.period_extend(
        actor=users.officer, period=block.period, unit=tree.cuc, due_on=D(2020, 12, 20), reason="Lần 2"
    )
    with pytest.raises(ValidationError, match=r"hạn 20/12/2020"):
        services.report_save(
            actor=users.officer, period=block.period, unit=tree.cuc, values=values, submit=True, today=D(2020, 12, 21)
        )


def test_required_indicator_is_needed_on_submit_and_before_opening(block, tree, users):
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            actor=users.officer, period=block.period, unit=tree.nm, values={}, submit=True, today=D(2020, 12, 1)
        )
    assert "bắt buộc" in exc.value.message_dict[f"value_{block.ind.cuoc.pk}"][0]
    with pytest.raises(ValidationError, match="Chưa đến thời gian nhận báo cáo"):
        services.report_save(
            actor=users.officer,
            period=block.period,
            unit=tree.nm,
            values={block.ind.cuoc.pk: 1},
            submit=True,
            today=D(2020, 10, 1),
        )


def test_scope_membership_and_closed_period(block, tree, users):
    with pytest.raises(ValidationError, match="không có quyền"):
        services.report_save(actor=users.outsider, period=block.period, unit=tree.nm, values={}, today=D(2020, 12, 1))
    with pytest.raises(ValidationError, match="không phải đơn vị báo cáo"):
        services.report_save(actor=users.officer, period=block.period, unit=tree.tc, values={}, today=D(2020, 12, 1))
    with pytest.raises(ValidationError):
        services.period_close(actor=users.viewer, period=block.period)
    services.period_close(actor=users.officer, period=block.period, expected_version=block.period.version)
    with pytest.raises(ValidationError, match="đã khoá"):
        services.report_save(actor=users.officer, period=block.period, unit=tree.nm, values={}, today=D(2020, 12, 1))


def test_attachment_is_checked(block, tree, users):
    bad = SimpleUploadedFile("bao cao.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            actor=users.officer, period=block.period, unit=tree.nm, attachment=bad, today=D(2020, 12, 1)
        )
    assert "attachment" in exc.value.message_dict
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Nội dung tệp"):
        services.report_save(
            actor=users.officer, period=block.period, unit=tree.nm, attachment=fake, today=D(2020, 12, 1)
        )
    good = SimpleUploadedFile("Báo cáo Z111.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    report = services.report_save(
        actor=users.officer, period=block.period, unit=tree.nm, attachment=good, today=D(2020, 12, 1)
    )
    assert report.attachment.name.endswith("bao_cao_z111.pdf")
    report.attachment.delete(save=False)


# --- reminders with a frozen clock -------------------------------------------------------------------------------


def test_due_reminders_window_submission_and_extension(block, tree, users):
    period = block.period  # due 15/12/2020, remind 3 days
    assert due_reminders(D(2020, 12, 11)) == []
    rows = due_reminders(D(2020, 12, 12))
    assert [(r.unit, r.days_left) for r in rows] == [(tree.cuc, 3), (tree.nm, 3)]
    assert all(r.period == period for r in rows)
    assert [r.days_left for r in due_reminders(D(2020, 12, 15))] == [0, 0]
    assert due_reminders(D(2020, 12, 16)) == []
    services.report_save(
        actor=users.officer,
        period=period,
        unit=tree.nm,
        values={block.ind.cuoc.pk: 2},
        submit=True,
        today=D(2020, 12, 13),
    )
    assert [r.unit for r in due_reminders(D(2020, 12, 14))] == [tree.cuc]
    services.period_extend(actor=None, period=period, unit=tree.cuc, due_on=D(2020, 12, 31), reason="Diễn tập")
    assert due_reminders(D(2020, 12, 14)) == []
    assert [(r.unit, r.days_left) for r in due_reminders(D(2020, 12, 29))] == [(tree.cuc, 2)]
    assert due_reminders(D(2020, 12, 29), unit_ids=frozenset({tree.nm.pk})) == []
    board = {row.unit: row for row in period_board(period)}
    assert board[tree.nm].state(D(2020, 12, 29)) == "nop"
    assert board[tree.cuc].state(D(2020, 12, 29)) == "chua"
    assert board[tree.cuc].state(D(2021, 1, 1)) == "tre"
    assert PeriodExtension.objects.get(unit=tree.cuc).reason == "Diễn tập"


def test_remind_command_prints_the_due_reports(block, tree):
    out = io.StringIO()
    call_command("remind", "--today", "2020-12-13", stdout=out)
    text = out.getvalue()
    assert "Cục Chính trị" in text and "Nhà máy Z111" in text and "còn 2 ngày" in text and "15/12/2020" in text
    out = io.StringIO()
    call_command("remind", "--today", "01/12/2020", stdout=out)
    assert "Không có báo cáo nào quá hạn hoặc sắp đến hạn" in out.getvalue()


def test_reminders_for_the_unit_officer_only(block, tree):
    from thidua.emulation.reports.selectors import reminders_for

    z111 = make_user("canbo", Role.UNIT_OFFICER, tree.nm)
    viewer = make_user("xem2", Role.VIEWER, tree.tc)
    assert [r.unit for r in reminders_for(z111, D(2020, 12, 14))] == [tree.nm]
    assert reminders_for(viewer, D(2020, 12, 14)) == []


def test_block_period_units_must_be_block_members(tree):
    block = make_block(tree)
    with pytest.raises(ValidationError) as exc:
        services.period_create(
            actor=None,
            name="Sơ kết 6 tháng",
            kind="so_ket_6_thang",
            year=2021,
            authority=tree.tc,
            group=block.group,
            units=[tree.nm, tree.tc],
            templates=[block.templates.tt],
            opens_on=D(2021, 6, 1),
            due_on=D(2021, 6, 20),
        )
    assert "không phải thành viên của khối" in exc.value.message_dict["units"][0]
