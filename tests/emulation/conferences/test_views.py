"""Conference pages: create through the form, record, .docx download, freezing closes every form, group page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from thidua.emulation.conferences import services as svc
from thidua.emulation.models import Conference
from thidua.org import services as org

D = dt.date


@pytest.fixture
def conf(tree, people):
    group = org.group_create(actor=None, authority=tree.tc, name="Khối 2", year=2020, members=[tree.cuc, tree.nm])
    org.group_leader_set(actor=None, group=group, unit=tree.cuc, role="khoi_truong", start_on=D(2020, 1, 1))
    return svc.conference_create(
        actor=None,
        title="Hội nghị tổng kết năm 2020",
        kind="tong_ket",
        host_unit=tree.tc,
        held_on=D(2020, 10, 28),
        chair=people.hung,
        group=group,
    )


def test_create_via_form(client, users, tree, people):
    client.force_login(users.officer)
    response = client.post(
        reverse("conference_create"),
        {
            "title": "Hội nghị sơ kết",
            "kind": "so_ket",
            "host_unit": tree.tc.pk,
            "held_on": "07/06/2020",
            "chair": people.hung.pk,
            "place": "Hà Nội",
        },
    )
    assert response.status_code == 302
    conference = Conference.objects.get(title="Hội nghị sơ kết")
    assert conference.attendees.get().rank_then == "Thiếu tướng"


def test_detail_docx_and_freeze(client, users, conf):
    client.force_login(users.officer)
    page = client.get(reverse("conference_detail", args=[conf.pk]))
    assert page.status_code == 200 and "Nguyễn Việt Hùng" in page.content.decode()
    docx = client.get(reverse("conference_minutes_docx", args=[conf.pk]))
    assert docx["Content-Disposition"].endswith('.docx"')
    assert any(p.text == "BIÊN BẢN" for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert client.post(reverse("conference_freeze", args=[conf.pk])).status_code == 302
    for name in (
        "conference_edit",
        "conference_attendee",
        "conference_agenda",
        "conference_minutes",
        "conference_freeze",
        "conference_handover",
    ):
        assert client.get(reverse(name, args=[conf.pk])).status_code == 404, name
    assert client.get(reverse("conference_clone", args=[conf.pk])).status_code == 200


def test_handover_form_links_outcome_and_group_page(client, users, conf, tree):
    client.force_login(users.officer)
    response = client.post(
        reverse("conference_handover", args=[conf.pk]),
        {"role": "khoi_truong", "from_unit": tree.cuc.pk, "to_unit": tree.nm.pk},
    )
    assert response.status_code == 302
    outcome = conf.outcomes.get()
    assert outcome.handover.occurred_on == conf.held_on
    page = client.get(reverse("group_detail", args=[conf.group_id])).content.decode()
    assert "Hội nghị tổng kết năm 2020" in page and "bàn giao nhiệm vụ khối trưởng" in page


def test_handover_error_shown_on_form(client, users, conf, tree):
    client.force_login(users.officer)
    response = client.post(
        reverse("conference_handover", args=[conf.pk]),
        {"role": "khoi_truong", "from_unit": tree.nm.pk, "to_unit": tree.cuc.pk},
    )
    assert response.status_code == 200
    assert "không đang giữ vai trò" in response.content.decode()
    assert not conf.outcomes.exists()


def test_freeze_page_shows_the_conference_and_keeps_the_comment(client, users, conf):
    from thidua.core.models import AuditEvent

    client.force_login(users.officer)
    url = reverse("conference_freeze", args=[conf.pk])
    page = client.get(url).content.decode()
    assert "Hội nghị tổng kết năm 2020" in page and "28/10/2020" in page and "Đại biểu" in page
    assert "sẽ được soạn tự động" in page  # no minutes yet
    assert client.post(url, {"comment": "Biên bản đã được các đại biểu thông qua."}).status_code == 302
    event = AuditEvent.objects.get(event_type="conference.freeze", target_id=str(conf.pk))
    assert event.data["extra"]["comment"] == "Biên bản đã được các đại biểu thông qua."
    detail = client.get(reverse("conference_detail", args=[conf.pk])).content.decode()
    assert "Biên bản đã được các đại biểu thông qua." in detail and "Chốt biên bản" in detail
