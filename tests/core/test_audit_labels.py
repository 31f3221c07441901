"""The audit log people can read: every event type the code emits has a Vietnamese name; field labels, values and
links are those of the interface; the comment of an approve / send / freeze action is shown."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from tests.core.audit_scan import emitted_event_types
from thidua.core import audit
from thidua.core.audit_display import comment, rows
from thidua.core.models import AuditEvent
from thidua.org import services as org_services
from thidua.records import services as records

YEAR = 2024


def test_every_emitted_event_type_has_a_vietnamese_label():
    emitted = emitted_event_types()
    assert len(emitted) > 60  # the scan reads the services (a broken scan must not pass silently)
    assert {"records.achievement.create", "scoring.advance", "job.cancel_request", "report.submit"} <= set(emitted)
    missing = {event: path for event, path in emitted.items() if event not in audit.EVENT_LABELS}
    assert not missing, f"audit events without a label (register them in <app>/audit_labels.py): {missing}"


@pytest.mark.django_db
def test_rows_use_the_interface_labels_and_values(tree, people):
    hung = people.hung
    records.achievement_add(actor=None, person=hung, year=YEAR, kind="sang_kien", level="co_so", title="Máy cắt mới")
    records.person_rating_set(actor=None, person=hung, year=YEAR, rating="htxsnv")
    event = AuditEvent.objects.get(event_type="records.achievement.create")
    shown = {label: after for label, _before, after in rows(event)}
    assert shown["Tên sáng kiến, đề tài"] == "Máy cắt mới"  # not "Chức vụ" (the old shared label)
    assert "Chức vụ" not in shown
    assert shown["Người"] == "Nguyễn Việt Hùng" and shown["Loại"] == "Sáng kiến"
    rating = AuditEvent.objects.get(event_type="records.person_rating.create")
    assert dict((label, after) for label, _b, after in rows(rating))["Mức độ hoàn thành nhiệm vụ"] == (
        "Hoàn thành xuất sắc nhiệm vụ"
    )
    assert audit.event_label("records.achievement.create") == "Thêm sáng kiến, đề tài"


@pytest.mark.django_db
def test_foreign_keys_by_name_and_dates_dd_mm_yyyy(tree, people):
    import datetime as dt

    org_services.person_transfer(actor=None, person=people.worker, to_unit=tree.cuc, on=dt.date(2024, 3, 5))
    event = AuditEvent.objects.get(event_type="person.transfer")
    shown = {label: (before, after) for label, before, after in rows(event)}
    assert shown["Đơn vị"] == ("Nhà máy Z111", "Cục Chính trị")
    assert shown["Từ ngày"][1] == "05/03/2024"


@pytest.mark.django_db
def test_comment_is_shown_when_present(tree):
    event = audit.record(
        actor=None,
        event_type="registration.approve",
        target=tree.nm,
        unit=tree.nm,
        before={"status": "da_gui"},
        after={"status": "da_duyet"},
        extra={"comment": "Đồng ý"},
    )
    assert comment(event) == "Đồng ý"
    assert all(label != "Ý kiến" for label, _b, _a in rows(event))


@pytest.mark.django_db
def test_unit_log_page_reads_in_vietnamese_with_links(client, tree, users, people):
    records.achievement_add(
        actor=users.officer, person=people.hung, year=YEAR, kind="sang_kien", level="co_so", title="Máy cắt mới"
    )
    audit.record(
        actor=users.officer,
        event_type="registration.approve",
        target=tree.cuc,
        unit=tree.tc,
        extra={"comment": "Đồng ý, đề nghị giữ vững"},
    )
    client.force_login(users.officer)
    page = html.unescape(client.get(reverse("audit_unit", args=[tree.tc.pk])).content.decode())
    assert "Thêm sáng kiến, đề tài</td>" in page and ">records.achievement.create<" not in page
    assert "Tên sáng kiến, đề tài" in page and "Nguyễn Việt Hùng" in page
    assert reverse("person_records", args=[people.hung.pk]) in page  # the object's page
    assert "Ý kiến:" in page and "Đồng ý, đề nghị giữ vững" in page
    assert "Thành lập đơn vị" in page
    # the event filter offers the Vietnamese names
    assert '<option value="records.achievement.create">Thêm sáng kiến, đề tài</option>' in page


@pytest.mark.django_db
def test_technical_keys_are_hidden(tree):
    event = audit.record(
        actor=None,
        event_type="unit.update",
        target=tree.tc,
        unit=tree.tc,
        before={"id": 1, "version": 1, "short_name": "TC"},
        after={"id": 1, "version": 2, "short_name": "Tổng cục CNQP"},
    )
    assert [label for label, _b, _a in rows(event)] == ["Tên viết tắt"]


def test_an_event_without_a_user_reads_he_thong_capitalised_in_the_log():
    from thidua.core.tables import _actor_cell

    assert _actor_cell("hệ thống") == "Hệ thống" and _actor_cell("") == "Hệ thống"
    assert _actor_cell("Quản trị hệ thống") == "Quản trị hệ thống"  # a user's name stays as it is
