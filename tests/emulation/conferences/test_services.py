"""Conference services: creation with the chair from the registry, attendee snapshots as of the conference day,
agenda, outcomes, handover and election through org services, minutes (.docx) and freezing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from thidua.core.models import AuditEvent
from thidua.emulation.conferences import leadership, policies
from thidua.emulation.conferences import services as svc
from thidua.emulation.conferences.choices import AgendaKind, ConferenceKind, ConferenceStatus, OutcomeKind
from thidua.emulation.conferences.minutes import minutes_docx, minutes_text
from thidua.emulation.models import Conference
from thidua.org import services as org
from thidua.org.choices import GroupRole
from thidua.org.models import EmulationGroup, GroupLeadership

D = dt.date


@pytest.fixture
def group(tree):
    """A 2020 block of tc with cuc leading."""
    g = org.group_create(actor=None, authority=tree.tc, name="Khối 2", year=2020, members=[tree.cuc, tree.nm])
    org.group_leader_set(actor=None, group=g, unit=tree.cuc, role=GroupRole.LEADER, start_on=D(2020, 1, 1))
    return g


@pytest.fixture
def conf(tree, people, users, group):
    """A year-end review of the block chaired by Nguyễn Việt Hùng on 28/10/2020."""
    org.position_add(actor=None, person=people.hung, title="Phó Chính ủy", unit=tree.tc, start_on=D(2019, 1, 1))
    people.hung.refresh_from_db()
    return svc.conference_create(
        actor=users.officer,
        title="Hội nghị tổng kết thi đua năm 2020",
        kind=ConferenceKind.YEAR_END,
        host_unit=tree.tc,
        held_on=D(2020, 10, 28),
        chair=people.hung,
        place="Hà Nội",
        group=group,
    )


def test_create_snapshots_chair(conf, people):
    assert conf.chair_title == "Phó Chính ủy"
    chair = conf.attendees.get(person=people.hung)
    assert chair.rank_then == "Thiếu tướng"
    assert chair.role == "Chủ trì"
    assert AuditEvent.objects.filter(event_type="conference.create", target_id=str(conf.pk)).exists()


def test_chair_out_of_scope_refused(tree, users, people):
    with pytest.raises(ValidationError) as err:
        svc.conference_create(
            actor=users.officer,
            title="Hội nghị",
            kind=ConferenceKind.MID_YEAR,
            host_unit=tree.tc,
            held_on=D(2020, 6, 1),
            chair=people.far,
        )
    assert "chair" in err.value.message_dict
    assert "ngoài phạm vi" in err.value.message_dict["chair"][0]
    assert not Conference.objects.exists()


def test_chair_missing_refused(tree, users):
    with pytest.raises(ValidationError) as err:
        svc.conference_create(
            actor=users.officer, title="X", kind="so_ket", host_unit=tree.tc, held_on=D(2020, 6, 1), chair=None
        )
    assert "danh sách cán bộ" in err.value.message_dict["chair"][0]


def test_host_out_of_scope_refused(tree, users, people):
    with pytest.raises(ValidationError) as err:
        svc.conference_create(
            actor=users.outsider, title="X", kind="so_ket", host_unit=tree.tc, held_on=D(2020, 6, 1), chair=people.far
        )
    assert "host_unit" in err.value.message_dict


def test_attendee_rank_as_of_the_day(tree, users, people, conf):
    """A person promoted after the conference shows the rank held that day, not today's."""
    org.person_rank_change(actor=None, person=people.hung, rank="trung_tuong", effective_on=D(2022, 7, 1))
    people.hung.refresh_from_db()
    assert people.hung.get_rank_display() == "Trung tướng"
    later = svc.conference_clone(actor=users.officer, conference=conf, held_on=D(2022, 10, 20))
    assert conf.attendees.get(person=people.hung).rank_then == "Thiếu tướng"
    assert later.attendees.get(person=people.hung).rank_then == "Trung tướng"
    assert later.status == ConferenceStatus.PLANNED
    assert "2022" in later.title


def test_positions_as_of_the_day(tree, users, people, conf):
    pos = people.hung.positions.get()
    org.position_end(actor=None, position=pos, end_on=D(2021, 1, 1))
    org.position_add(actor=None, person=people.hung, title="Chính ủy", unit=tree.tc, start_on=D(2021, 1, 2))
    attendee = svc.attendee_add(actor=users.officer, conference=conf, person=people.hung, role="Chủ trì")
    assert attendee.positions_then == "Phó Chính ủy"


def test_agenda_outcomes_and_minutes_docx(conf, users, people, tree):
    svc.agenda_item_add(actor=users.officer, conference=conf, kind=AgendaKind.BRIEFING, title="Quán triệt chỉ thị")
    svc.agenda_item_add(
        actor=users.officer,
        conference=conf,
        kind=AgendaKind.CENTRAL_REPORT,
        title="Báo cáo tổng kết",
        presenter=people.worker,
    )
    assert conf.attendees.filter(person=people.worker).exists()
    svc.outcome_add(actor=users.officer, conference=conf, kind=OutcomeKind.AWARD_PRESENTED, text="Trao Bằng khen")
    conf = svc.conference_update(
        actor=users.officer, conference=conf, expected_version=None, conclusions="Hoàn thành tốt nhiệm vụ."
    )
    conf = svc.minutes_draft(actor=users.officer, conference=conf)
    assert "Thành phần tham dự" in conf.minutes and "Trần Thị Hoà" in conf.minutes
    text = minutes_text(conf)
    for earlier, later in [("Thời gian bắt đầu", "Địa điểm"), ("Địa điểm", "Thành phần"), ("Chủ trì", "Thư ký")]:
        assert text.index(earlier) < text.index(later)
    doc = Document(io.BytesIO(minutes_docx(conf)))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN" in body and "Hội nghị tổng kết thi đua năm 2020" in body
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "/BB-" in cells and "CHỦ TỌA" in cells and "THƯ KÝ" in cells
    assert "kết thúc vào" in body
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert all(r.font.name == "Times New Roman" for r in runs)
    assert {r.font.size.pt for r in runs} <= {11.0, 12.0, 13.0, 14.0}


def test_minutes_amend_then_freeze(conf, users, people):
    conf = svc.minutes_update(actor=users.officer, conference=conf, minutes="Biên bản sửa", expected_version=None)
    conf = svc.conference_freeze(actor=users.officer, conference=conf)
    assert conf.status == ConferenceStatus.FROZEN and conf.frozen_at
    attempts = [
        lambda: svc.minutes_update(actor=users.officer, conference=conf, minutes="x", expected_version=None),
        lambda: svc.attendee_add(actor=users.officer, conference=conf, person=people.worker),
        lambda: svc.agenda_item_add(actor=users.officer, conference=conf, kind="ket_luan", title="Kết luận"),
        lambda: svc.outcome_add(actor=users.officer, conference=conf, kind="khac", text="x"),
        lambda: svc.conference_update(actor=users.officer, conference=conf, expected_version=None, place="X"),
        lambda: svc.conference_freeze(actor=users.officer, conference=conf),
        lambda: svc.attendee_remove(actor=users.officer, attendee=conf.attendees.first()),
        lambda: svc.minutes_draft(actor=users.officer, conference=conf),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as err:
            attempt()
        assert svc.FROZEN_MESSAGE in str(err.value)
    conf.refresh_from_db()
    assert conf.minutes == "Biên bản sửa"


def test_viewer_and_outsider_may_not_change(conf, users, people):
    for user in (users.viewer, users.outsider, users.norole):
        assert not policies.can_change_conference(user, conf)
        with pytest.raises(ValidationError):
            svc.outcome_add(actor=user, conference=conf, kind="khac", text="x")
        with pytest.raises(ValidationError):
            svc.conference_freeze(actor=user, conference=conf)
    assert policies.can_freeze_conference(users.officer, conf)


def test_handover_and_election(conf, users, tree, group):
    outcome = leadership.conference_handover(actor=users.officer, conference=conf, from_unit=tree.cuc, to_unit=tree.nm)
    assert outcome.kind == OutcomeKind.HANDOVER and outcome.handover.to_unit == tree.nm
    assert outcome.handover.occurred_on == conf.held_on
    again = leadership.conference_handover_link(actor=users.officer, conference=conf, handover=outcome.handover)
    assert again.pk == outcome.pk
    election = leadership.conference_elect_leaders(
        actor=users.officer, conference=conf, leader=tree.nm, deputy=tree.cuc
    )
    nxt = EmulationGroup.objects.get(authority=tree.tc, name="Khối 2", year=2021)
    assert set(nxt.members.all()) == {tree.cuc, tree.nm}
    roles = set(GroupLeadership.objects.filter(group=nxt).values_list("unit_id", "role"))
    assert roles == {(tree.nm.pk, GroupRole.LEADER), (tree.cuc.pk, GroupRole.DEPUTY)}
    assert election.kind == OutcomeKind.ELECTION and "2021" in election.text
    # electing again reuses next year's group
    leadership.conference_elect_leaders(actor=users.officer, conference=conf, leader=tree.cuc)
    assert EmulationGroup.objects.filter(name="Khối 2", year=2021).count() == 1


def test_clone_requires_later_date(conf, users):
    with pytest.raises(ValidationError) as err:
        svc.conference_clone(actor=users.officer, conference=conf, held_on=D(2019, 1, 1))
    assert "held_on" in err.value.message_dict


def test_date_change_resnapshots_attendees(tree, users, people, conf):
    """Moving the conference to a later day re-records each attendee's rank and positions as of that day."""
    pos = people.hung.positions.get()
    org.position_end(actor=None, position=pos, end_on=D(2021, 1, 1))
    org.position_add(actor=None, person=people.hung, title="Chính ủy", unit=tree.tc, start_on=D(2021, 1, 2))
    org.person_rank_change(actor=None, person=people.hung, rank="trung_tuong", effective_on=D(2022, 7, 1))
    svc.attendee_add(actor=users.officer, conference=conf, person=people.worker, role="Tham luận")
    conf.refresh_from_db()
    chair = conf.attendees.get(person=people.hung)
    assert (chair.rank_then, chair.positions_then) == ("Thiếu tướng", "Phó Chính ủy")

    conf = svc.conference_update(
        actor=users.officer, conference=conf, expected_version=conf.version, held_on=D(2022, 10, 20)
    )
    chair = conf.attendees.get(person=people.hung)
    assert (chair.rank_then, chair.positions_then, chair.role) == ("Trung tướng", "Chính ủy", "Chủ trì")
    assert conf.chair_title == "Chính ủy"
    assert conf.attendees.get(person=people.worker).role == "Tham luận"
    event = AuditEvent.objects.filter(event_type="conference.update", target_id=str(conf.pk)).latest("id")
    hung = str(people.hung.pk)
    assert event.data["before"]["attendees"][hung] == ["Thiếu tướng", "Phó Chính ủy"]
    assert event.data["after"]["attendees"][hung] == ["Trung tướng", "Chính ủy"]
    assert event.data["after"]["held_on"] == "2022-10-20"


def test_date_change_with_a_stale_version_changes_nothing(users, people, conf):
    from thidua.core.errors import ConflictError

    org.person_rank_change(actor=None, person=people.hung, rank="trung_tuong", effective_on=D(2022, 7, 1))
    stale = conf.version
    conf = svc.conference_update(actor=users.officer, conference=conf, expected_version=stale, place="Đà Nẵng")
    with pytest.raises(ConflictError):
        svc.conference_update(actor=users.officer, conference=conf, expected_version=stale, held_on=D(2022, 10, 20))
    conf.refresh_from_db()
    assert conf.held_on == D(2020, 10, 28) and conf.place == "Đà Nẵng"
    assert conf.attendees.get(person=people.hung).rank_then == "Thiếu tướng"


def test_update_without_date_change_keeps_the_snapshots(users, people, conf):
    org.person_rank_change(actor=None, person=people.hung, rank="trung_tuong", effective_on=D(2020, 1, 1))
    conf = svc.conference_update(actor=users.officer, conference=conf, expected_version=None, place="Hà Nội 2")
    assert conf.attendees.get(person=people.hung).rank_then == "Thiếu tướng"
    event = AuditEvent.objects.filter(event_type="conference.update", target_id=str(conf.pk)).latest("id")
    assert "attendees" not in event.data["after"]
