""" "Việc cần làm" on the home page: reports overdue and due soon (with the units named) for the office and for the
units' officers, registrations to approve, failed jobs; scoped by role; a fixed query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_user
from tests.emulation import movements_world as mw
from tests.emulation.reports_world import make_block, make_templates
from thidua.core.choices import Role
from thidua.core.models import Job

pytestmark = pytest.mark.django_db
HOME_QUERY_BUDGET = 40


def _todos(client, user) -> str:
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    start = page.index('id="viec-can-lam"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def overdue(tree):
    """A block period of the Tổng cục (Cục Chính trị, Z111) whose deadline passed three days ago."""
    today = timezone.localdate()
    return make_block(tree, due=today - dt.timedelta(days=3), opens=today - dt.timedelta(days=30))


def test_office_sees_the_overdue_units_of_its_period(client, tree, overdue):
    office = make_user("thuongtruc", Role.OFFICE, tree.tc)
    todos = _todos(client, office)
    assert "2 đơn vị quá hạn nộp báo cáo" in todos and overdue.period.name in todos
    assert "Cục Chính trị — Tổng cục Công nghiệp quốc phòng, Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng" in todos
    assert reverse("period_detail", args=[overdue.period.pk]) in todos


def test_unit_officer_sees_own_unit_only_and_others_nothing(client, tree, users, overdue):
    z111 = make_user("canbo_z111", Role.UNIT_OFFICER, tree.nm)
    todos = _todos(client, z111)
    assert f"Báo cáo {overdue.period.name} của Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng đã quá hạn" in todos
    assert "Cục Chính trị" not in todos
    assert reverse("unit_report_edit", args=[overdue.period.pk, tree.nm.pk]) in todos
    assert "Không có việc nào đang chờ bạn." in _todos(client, users.outsider)
    assert "Không có việc nào đang chờ bạn." in _todos(client, users.viewer)


def test_registration_to_approve_and_failed_job(client, tree, users):
    world = mw.build(tree)
    Job.objects.create(
        kind="x",
        title="Nhập hồ sơ năm 2025",
        status=Job.Status.FAILED,
        created_by=users.officer,
        finished_at=timezone.now(),
    )
    todos = _todos(client, users.officer)
    assert f"Duyệt đăng ký thi đua năm {mw.YEAR} của Cục Chính trị" in todos
    assert reverse("registration_detail", args=[world.submitted.pk]) in todos
    assert "Công việc nền bị lỗi: Nhập hồ sơ năm 2025" in todos
    assert "Duyệt đăng ký" not in _todos(client, make_user("cuc", Role.UNIT_OFFICER, tree.cuc))


def test_home_query_budget_does_not_grow_with_units_and_periods(client, tree, overdue):
    office = make_user("thuongtruc", Role.OFFICE, tree.bqp)
    client.force_login(office)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("home"))
    today = timezone.localdate()
    due = today - dt.timedelta(days=400)  # another year: another block
    make_block(tree, due=due, opens=due - dt.timedelta(days=9), templates=make_templates(), name="Sơ kết chuyên đề")
    with CaptureQueriesContext(connection) as second:
        page = client.get(reverse("home")).content.decode()
    assert "Sơ kết chuyên đề" in page
    assert len(first) <= HOME_QUERY_BUDGET
    assert len(second) == len(first)


def test_minutes_to_freeze_for_the_host_only(client, tree, users, people, world):
    from thidua.emulation.conferences import services as conferences

    conferences.conference_create(
        actor=None,
        title="Hội nghị sơ kết khối (việc cần làm)",
        kind="so_ket",
        host_unit=tree.tc,
        held_on=dt.date(2024, 6, 20),
        chair=people.hung,
        group=world.pact.group,
    )
    assert "Chốt biên bản: Hội nghị sơ kết khối (việc cần làm) (20/06/2024)" in _todos(client, users.officer)
    assert "Chốt biên bản" not in _todos(client, users.outsider)
    assert "Chốt biên bản" not in _todos(client, users.viewer)


def test_scoring_step_waits_on_the_member_then_the_office(client, tree, users, world):
    from thidua.emulation.scoring import services as scoring

    z111 = make_user("canbo_z111", Role.UNIT_OFFICER, tree.nm)
    office = make_user("thuongtruc", Role.OFFICE, tree.tc)
    sheet = scoring.sheet_create(actor=None, group=world.pact.group, title="Bảng điểm khối (việc cần làm)")
    group = scoring.criterion_group_add(actor=None, sheet=sheet, name="Nhiệm vụ")
    criterion = scoring.criterion_add(actor=None, group=group, code="1", label="Nhiệm vụ chính trị", max_points=50)
    assert "Hoàn thiện tiêu chí và mở tự chấm: Bảng điểm khối" in _todos(client, office)
    sheet = scoring.sheet_advance(actor=None, sheet=sheet)
    assert "Đơn vị tự chấm điểm: Bảng điểm khối (việc cần làm)" in _todos(client, z111)
    assert "Bảng điểm khối" not in _todos(client, office)
    scoring.score_set(actor=None, sheet=sheet, criterion=criterion, unit=tree.nm, points=45)
    sheet = scoring.sheet_advance(actor=None, sheet=sheet)  # leader review: no leader in this block
    sheet = scoring.sheet_advance(actor=None, sheet=sheet)
    assert "Thẩm định điểm: Bảng điểm khối" in _todos(client, office)
    assert "Bảng điểm khối" not in _todos(client, z111)
