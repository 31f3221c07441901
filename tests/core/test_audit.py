"""The audit log: one event per service call with actor, target, unit and before/after; append-only everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

from thidua.core import audit
from thidua.core.context import clear_request_id, new_request_id
from thidua.core.models import AuditEvent
from thidua.org import services
from thidua.org.models import Position


@pytest.fixture
def group(tree):
    """A block of the Tổng cục CNQP with both its units, Z111 leading from 2025."""
    group = services.group_create(
        actor=None, authority=tree.tc, name="Khối các cơ quan", year=2025, members=[tree.cuc, tree.nm]
    )
    services.group_leader_set(actor=None, group=group, unit=tree.nm, role="khoi_truong", start_on=dt.date(2025, 1, 1))
    return group


D = dt.date(2024, 6, 1)

# name → (call(tree, people, group, actor) returning the target, event type, target attribute or callable, unit name)
SERVICE_CALLS = {
    "unit_create": (
        lambda t, p, g, a: services.unit_create(actor=a, parent=t.nm, name="Phân xưởng A1", kind="phan_xuong"),
        "unit.create",
        None,
        None,
    ),
    "unit_update": (
        lambda t, p, g, a: services.unit_update(actor=a, unit=t.nm, expected_version=t.nm.version, code="Z111"),
        "unit.update",
        "nm",
        "nm",
    ),
    "unit_rename": (
        lambda t, p, g, a: services.unit_rename(actor=a, unit=t.nm, new_name="Công ty TNHH MTV Z111", occurred_on=D),
        "unit.rename",
        "nm",
        "nm",
    ),
    "unit_move": (
        lambda t, p, g, a: services.unit_move(actor=a, unit=t.nm, new_parent=t.cuc, occurred_on=D),
        "unit.move",
        "nm",
        "nm",
    ),
    "unit_merge": (
        lambda t, p, g, a: services.unit_merge(actor=a, unit=t.nm, into=t.cuc, occurred_on=D),
        "unit.merge",
        "nm",
        "nm",
    ),
    "person_create": (
        lambda t, p, g, a: services.person_create(actor=a, unit=t.cuc, full_name="Lê Văn An", category="cnvqp"),
        "person.create",
        None,
        "cuc",
    ),
    "person_update": (
        lambda t, p, g, a: services.person_update(actor=a, person=p.worker, expected_version=None, hometown="Hà Nội"),
        "person.update",
        "worker",
        "nm",
    ),
    "person_transfer": (
        lambda t, p, g, a: services.person_transfer(actor=a, person=p.worker, to_unit=t.cuc, on=D),
        "person.transfer",
        "worker",
        "cuc",
    ),
    "person_rank_change": (
        lambda t, p, g, a: services.person_rank_change(actor=a, person=p.hung, rank="Trung tướng", effective_on=D),
        "person.rank",
        "hung",
        "tc",
    ),
    "position_add": (
        lambda t, p, g, a: services.position_add(actor=a, person=p.hung, title="Chủ nhiệm", unit=t.tc, start_on=D),
        "person.position_add",
        "hung",
        "tc",
    ),
    "position_end": (
        lambda t, p, g, a: services.position_end(
            actor=a, position=Position.objects.get(title="Phó Chủ nhiệm"), end_on=D
        ),
        "person.position_end",
        "hung",
        "tc",
    ),
    "service_period_add": (
        lambda t, p, g, a: services.service_period_add(
            actor=a, person=p.worker, start_on=dt.date(2006, 1, 1), end_on=dt.date(2007, 1, 1)
        ),
        "person.service_add",
        "worker",
        "nm",
    ),
    "group_create": (
        lambda t, p, g, a: services.group_create(
            actor=a, authority=t.tc, name="Cụm nhà máy", year=2025, members=[t.nm]
        ),
        "group.create",
        None,
        "tc",
    ),
    "group_update": (
        lambda t, p, g, a: services.group_update(actor=a, group=g, expected_version=g.version, note="Ghi chú"),
        "group.update",
        "group",
        "tc",
    ),
    "group_member_set": (
        lambda t, p, g, a: services.group_member_set(actor=a, group=g, units=[t.nm]),
        "group.members",
        "group",
        "tc",
    ),
    "group_leader_set": (
        lambda t, p, g, a: services.group_leader_set(actor=a, group=g, unit=t.cuc, role="khoi_pho", start_on=D),
        "group.leader",
        "group",
        "tc",
    ),
    "group_handover": (
        lambda t, p, g, a: services.group_handover(
            actor=a, group=g, from_unit=t.nm, to_unit=t.cuc, occurred_on=dt.date(2025, 12, 20)
        ),
        "group.handover",
        "group",
        "tc",
    ),
}


@pytest.mark.parametrize("name", list(SERVICE_CALLS))
def test_every_service_writes_exactly_one_event(name, tree, people, group, users):
    call, event_type, target_name, unit_name = SERVICE_CALLS[name]
    services.position_add(
        actor=None, person=people.hung, title="Phó Chủ nhiệm", unit=tree.tc, start_on=dt.date(2020, 1, 1)
    )
    last = AuditEvent.objects.order_by("-id").first().pk
    result = call(tree, people, group, users.officer)
    events = list(AuditEvent.objects.filter(pk__gt=last))
    assert len(events) == 1, [e.event_type for e in events]
    event = events[0]
    assert event.event_type == event_type
    assert event.actor == users.officer and event.actor_name == "officer"
    assert event.occurred_at is not None
    target = {"group": group, "hung": people.hung, "worker": people.worker, "nm": tree.nm}.get(target_name, result)
    assert (event.target_type, event.target_id) == (target._meta.label_lower, str(target.pk))
    assert event.target_repr == str(target) or event_type == "unit.rename"
    expected_unit = getattr(tree, unit_name) if unit_name else result
    assert event.unit_id == expected_unit.pk
    assert event.data.get("after"), event.data


def test_system_actor(tree):
    unit = services.unit_create(actor=None, parent=tree.nm, name="Phân xưởng A2")
    event = AuditEvent.objects.get(event_type="unit.create", target_id=str(unit.pk))
    assert event.actor is None and event.actor_name == "hệ thống"
    assert event.data["after"]["name"] == "Phân xưởng A2"
    assert "before" not in event.data


def test_person_update_records_only_changed_fields(users, people):
    services.person_update(
        actor=users.officer,
        person=people.worker,
        expected_version=people.worker.version,
        hometown="Phú Thọ",
        gender="nu",  # unchanged
    )
    event = AuditEvent.objects.get(event_type="person.update")
    assert event.data["before"] == {"hometown": "", "version": 1}
    assert event.data["after"] == {"hometown": "Phú Thọ", "version": 2}


def test_transfer_and_rank_before_after(tree, users, people):
    services.person_transfer(actor=users.officer, person=people.worker, to_unit=tree.cuc, on=D, decision_ref="QĐ 12")
    event = AuditEvent.objects.get(event_type="person.transfer")
    assert event.data["before"] == {"unit": tree.nm.pk}
    assert event.data["after"] == {"unit": tree.cuc.pk}
    assert event.data["extra"] == {"on": "2024-06-01", "ref": "QĐ 12"}
    services.person_rank_change(actor=users.officer, person=people.hung, rank="trung_tuong", effective_on=D)
    event = AuditEvent.objects.get(event_type="person.rank")
    assert (event.data["before"], event.data["after"]) == ({"rank": "thieu_tuong"}, {"rank": "trung_tuong"})


def test_merge_audits_once_and_names_the_people_moved(tree, users, people):
    services.unit_merge(actor=users.officer, unit=tree.nm, into=tree.cuc, occurred_on=D)
    event = AuditEvent.objects.get(event_type="unit.merge")
    assert event.actor == users.officer
    assert event.data["after"] == {"successor": tree.cuc.pk}
    assert event.data["extra"]["people"] == [people.worker.pk]
    assert not AuditEvent.objects.filter(event_type="person.transfer").exists()


def test_failed_service_writes_no_event(users, people):
    before = AuditEvent.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the point is the empty log
        services.person_update(actor=users.officer, person=people.worker, expected_version=None, cccd="123")
    assert AuditEvent.objects.count() == before


def test_request_id_is_recorded(tree):
    rid = new_request_id("req-42")
    try:
        services.unit_create(actor=None, parent=tree.nm, name="Phân xưởng A3")
    finally:
        clear_request_id()
    assert rid == "req-42"
    event = AuditEvent.objects.get(event_type="unit.create", target_repr="Phân xưởng A3 — Nhà máy Z111")
    assert event.request_id == "req-42"
    services.unit_create(actor=None, parent=tree.nm, name="Phân xưởng A4")
    assert AuditEvent.objects.get(target_repr="Phân xưởng A4 — Nhà máy Z111").request_id == ""


def test_bad_incoming_request_id_is_replaced():
    try:
        rid = new_request_id("x" * 65)
        assert len(rid) == 32 and rid.isalnum()
        assert new_request_id("a b;drop") != "a b;drop"
    finally:
        clear_request_id()


def test_snapshot_and_diff(people):
    snap = audit.snapshot(people.hung)
    assert snap["date_of_birth"] == "1965-05-10" and snap["unit_id"] == people.hung.unit_id
    assert "search_key" not in snap and "sort_key" not in snap and "created_at" not in snap
    assert audit.snapshot(people.hung, ["rank"]) == {"rank": "thieu_tuong"}
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ({"b": 2, "c": None}, {"b": 3, "c": 4})


# --- append-only ---------------------------------------------------------------------------------------------


@pytest.fixture
def event(tree):
    return AuditEvent.objects.filter(event_type="unit.create").first()


def test_instance_save_refused(event):
    event.event_type = "forged"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).event_type == "unit.create"


def test_queryset_update_and_delete_refused(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(event_type="forged")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk, event_type="unit.create").exists()


def test_raw_sql_update_refused_by_the_database(event):
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:  # noqa: B017
        cursor.execute("UPDATE core_auditevent SET event_type = %s WHERE id = %s", ["forged", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).event_type == "unit.create"


def test_raw_sql_delete_refused_on_postgresql(event):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE possible for the test flush; the ORM refuses it (tested above)")
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:  # noqa: B017
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_with_comment_keeps_line_breaks_normalises_spaces_and_skips_blanks():
    assert audit.with_comment(None, "  \n  ") is None
    assert audit.with_comment({"a": 1}, "") == {"a": 1}
    text = "Đồng ý.\n  Bổ sung   chỉ tiêu sáng kiến.  "
    assert audit.with_comment({"a": 1}, text) == {"a": 1, "comment": "Đồng ý.\nBổ sung chỉ tiêu sáng kiến."}


def test_action_comments_lists_the_comments_left_on_an_object_oldest_first(tree, users):
    from thidua.core.selectors import action_comments

    audit.record(actor=users.admin, event_type="unit.update", target=tree.nm, unit=tree.nm)
    audit.record(
        actor=users.admin, event_type="x.approve", target=tree.nm, unit=tree.nm, extra=audit.with_comment(None, "Một")
    )
    audit.record(
        actor=users.officer, event_type="x.freeze", target=tree.nm, unit=tree.nm, extra=audit.with_comment(None, "Hai")
    )
    comments = action_comments(tree.nm)
    assert [(c.text, c.action, c.actor_name) for c in comments] == [
        ("Một", "Duyệt", str(users.admin)),
        ("Hai", "Chốt biên bản", str(users.officer)),
    ]
    assert action_comments(tree.cuc) == []
