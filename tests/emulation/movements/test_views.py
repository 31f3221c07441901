"""Pages and API of movements, registrations, pacts and the calendar: scoping, flows, bad input, query counts."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.emulation.models import MovementDocument, Registration, ReviewPeriod, UnitReport
from thidua.emulation.movements import selectors, services

from .. import movements_world as mw

D = dt.date
YEAR = mw.YEAR


_client = mw.client_for


def test_home_and_list_show_launched_movement_to_target_units(tree, users, world):
    cuc = make_user("cuc", Role.UNIT_OFFICER, tree.cuc)
    home = _client(cuc).get(reverse("home")).content.decode()
    assert mw.LAUNCHED_NAME in home and mw.DRAFT_NAME not in home
    listing = _client(cuc).get(reverse("movement_list")).content.decode()
    assert mw.LAUNCHED_NAME in listing and mw.DRAFT_NAME not in listing
    assert mw.LAUNCHED_NAME not in _client(users.outsider).get(reverse("home")).content.decode()


def test_movement_detail_shows_documents_targets_registrations(users, world):
    page = _client(users.viewer).get(reverse("movement_detail", args=[world.launched.pk])).content.decode()
    assert mw.SLOGAN in page and "Kế hoạch phát động thi đua" in page and "Cục Chính trị" in page


def test_document_download_is_scoped(users, world):
    url = reverse("movement_document_download", args=[world.launched.pk, world.document.pk])
    response = _client(users.viewer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment")
    assert _client(users.outsider).get(url).status_code == 404
    # A document id of another movement through this movement's URL is not served.
    assert (
        _client(users.viewer)
        .get(reverse("movement_document_download", args=[world.draft.pk, world.document.pk]))
        .status_code
        == 404
    )


def test_upload_through_the_form(users, world):
    url = reverse("movement_document_add", args=[world.draft.pk])
    client = _client(users.officer)
    bad = client.post(url, {"title": "Giả", "file": mw.pdf_upload("x.exe", b"MZ")})
    assert bad.status_code == 200 and "Chỉ nhận tệp" in bad.content.decode()
    good = client.post(url, {"title": "Kế hoạch 2", "file": mw.pdf_upload()})
    assert good.status_code == 302
    assert MovementDocument.objects.get(title="Kế hoạch 2").file


def test_registration_create_form_refuses_collective_title_for_person(users, people, world):
    response = _client(users.officer).post(
        reverse("registration_create"),
        {"year": str(YEAR + 1), "person": people.hung.pk, "awards": [world.awards["DVQT"].pk]},
    )
    assert response.status_code == 200
    assert "danh hiệu tập thể, cá nhân không đăng ký được" in response.content.decode()
    assert not Registration.objects.filter(person=people.hung).exists()


def test_return_without_reason_rerenders(users, world):
    url = reverse("registration_return", args=[world.submitted.pk])
    response = _client(users.officer).post(url, {"reason": ""})
    assert response.status_code == 200 and "Phải ghi lý do trả lại." in response.content.decode()
    world.submitted.refresh_from_db()
    assert world.submitted.status == "da_gui"


def test_approve_by_unit_itself_or_outside_is_404(tree, users, world):
    cuc = make_user("cuc", Role.UNIT_OFFICER, tree.cuc)
    url = reverse("registration_approve", args=[world.submitted.pk])
    assert _client(cuc).get(url).status_code == 404  # its own officer is not the superior
    assert _client(users.outsider).post(url).status_code == 404
    assert _client(users.officer).post(url).status_code == 302
    world.submitted.refresh_from_db()
    assert world.submitted.status == "da_duyet"


def test_rollup_counts_level_by_level(tree, users, people, world):
    services.registration_create(actor=None, year=YEAR, person=people.worker, items=[world.awards["CSTT"]])
    response = _client(users.officer).get(reverse("registration_rollup", args=[tree.tc.pk]), {"nam": YEAR})
    rollup = response.context["rollup"]
    rows = {row.unit.pk: row for row in rollup.rows}
    assert rows[tree.tc.pk].total == 0
    assert rows[tree.cuc.pk].by_status["da_gui"] == 1
    assert rows[tree.nm.pk].by_status["nhap"] == 2
    assert dict((name, n) for name, n, _ in rollup.titles)[world.awards["CSTT"].name] == 1
    assert _client(users.outsider).get(reverse("registration_rollup", args=[tree.tc.pk])).status_code == 404


def test_pact_sign_flow_locks(tree, users, world):
    client = _client(users.officer)
    url = reverse("pact_sign", args=[world.pact.pk])
    assert client.post(url, {"unit": tree.cuc.pk, "signed_on": f"{YEAR}-02-01"}).status_code == 302
    assert client.post(url, {"unit": tree.nm.pk, "signed_on": f"{YEAR}-02-02"}).status_code == 302
    page = client.get(reverse("pact_detail", args=[world.pact.pk])).content.decode()
    assert "Đã khoá" in page
    assert client.get(url).status_code == 404  # nothing left to sign


def test_calendar_sorted_with_statuses(tree, users, people, world):
    from thidua.emulation.models import Conference
    from thidua.org.models import EmulationGroup

    Conference.objects.create(
        title="Hội nghị tổng kết thi đua khối",
        kind="tong_ket",
        group=EmulationGroup.objects.get(name="Khối các cơ quan"),
        host_unit=tree.tc,
        held_on=D(YEAR, 10, 28),
        chair=people.hung,
    )
    period = ReviewPeriod.objects.create(
        name="Sơ kết 6 tháng",
        kind="so_ket_6_thang",
        year=YEAR,
        authority=tree.tc,
        opens_on=D(YEAR, 6, 1),
        due_on=D(YEAR, 6, 20),
    )
    period.units.add(tree.cuc, tree.nm)
    UnitReport.objects.create(period=period, unit=tree.cuc, status="da_nop")
    response = _client(users.officer).get(reverse("emulation_calendar"), {"nam": YEAR, "don_vi": tree.cuc.pk})
    entries = response.context["entries"]
    assert [e.on for e in entries] == sorted(e.on for e in entries)
    due = next(e for e in entries if e.kind == "Báo cáo")
    assert due.status == "da_nop"
    registration = next(e for e in entries if e.kind == "Đăng ký thi đua")
    assert registration.on == D(YEAR, 2, 14) and registration.status == "da_nop"
    assert entries[-1].kind == "Hội nghị" and entries[-1].on == D(YEAR, 10, 28)
    page = response.content.decode()
    assert "ngày 20 tháng 6 năm" in page and "Đã nộp" in page
    nm = _client(users.officer).get(reverse("emulation_calendar"), {"nam": YEAR, "don_vi": tree.nm.pk})
    report = next(e for e in nm.context["entries"] if e.kind == "Báo cáo")
    assert report.status in ("chua_nop", "qua_han")
    assert _client(users.outsider).get(reverse("emulation_calendar"), {"don_vi": tree.cuc.pk}).status_code == 404


def test_calendar_extension_and_overdue(tree, users, world):
    from thidua.emulation.models import PeriodExtension
    from thidua.emulation.movements.selectors import unit_calendar

    period = ReviewPeriod.objects.create(
        name="Tổng kết năm",
        kind="tong_ket_nam",
        year=YEAR,
        authority=tree.tc,
        opens_on=D(YEAR, 10, 1),
        due_on=D(YEAR, 10, 20),
    )
    period.units.add(tree.nm)
    PeriodExtension.objects.create(period=period, unit=tree.nm, due_on=D(YEAR, 10, 30), reason="Diễn tập")
    entries = unit_calendar(users.officer, tree.nm, YEAR, today=D(YEAR, 10, 25))
    report = next(e for e in entries if e.kind == "Báo cáo")
    assert report.on == D(YEAR, 10, 30) and report.status == "chua_nop"
    late = unit_calendar(users.officer, tree.nm, YEAR, today=D(YEAR, 11, 1))
    assert next(e for e in late if e.kind == "Báo cáo").status == "qua_han"


def test_list_query_counts(users, world, django_assert_max_num_queries):
    client = _client(users.officer)
    client.get(reverse("movement_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("movement_list"))
    with django_assert_max_num_queries(14):
        client.get(reverse("registration_list"))


def test_direct_superior_reads_child_units_once_per_request(
    tree, users, world, django_assert_num_queries, django_assert_max_num_queries
):
    """A role on Tổng cục CNQP alone costs one query more (its child units, whose sent-up registrations it sees), once
    per request: cached on the user like the scope, later registration reads do not repeat it; a write through the
    API reads the registration once."""
    superior = make_user("tc_only", Role.UNIT_OFFICER, tree.tc, include_descendants=False)
    with django_assert_num_queries(4):  # role assignments, child units, the registrations, their items
        assert [r.unit for r in selectors.registrations_list(superior, year=YEAR)] == [tree.cuc]
    with django_assert_num_queries(2):  # the registration and its items
        assert selectors.registration_detail(superior, world.submitted.pk).unit == tree.cuc
    client = _client(superior)
    with django_assert_max_num_queries(16):  # + the registering unit's officers and one insert (notifications)
        status, body = mw.api(client, "post", f"/api/v1/registrations/{world.submitted.pk}/approve")
    assert status == 200 and body["status"] == "da_duyet" and body["unit_name"] == "Cục Chính trị"
    assert body["items"] == [{"award": "DVQT", "award_name": world.awards["DVQT"].name, "targets": ""}]


# --- API ---------------------------------------------------------------------------------------------------------

_api = mw.api


def test_api_registration_flow_and_bad_input(tree, users, people, world):
    client = _client(users.officer)
    status, body = _api(
        client, "post", "/api/v1/registrations", {"year": YEAR, "person": people.hung.pk, "items": [{"award": "DVQT"}]}
    )
    assert status == 422 and "tập thể, cá nhân không đăng ký được" in body["errors"]["awards"][0]
    status, body = _api(
        client, "post", "/api/v1/registrations", {"year": YEAR, "person": people.hung.pk, "items": [{"award": "CSTT"}]}
    )
    assert status == 201 and body["person_name"] == "Nguyễn Việt Hùng"
    status, body = _api(client, "post", f"/api/v1/registrations/{world.submitted.pk}/return", {"reason": ""})
    assert status == 422 and "reason" in body["errors"]
    status, body = _api(client, "post", f"/api/v1/registrations/{world.submitted.pk}/approve")
    assert status == 200 and body["status"] == "da_duyet"
    outsider = _client(users.outsider)
    status, _ = _api(outsider, "get", f"/api/v1/registrations/{world.submitted.pk}")
    assert status == 404
    status, rows = _api(outsider, "get", "/api/v1/movements")
    assert status == 200 and rows == []


def test_api_calendar(tree, users, world):
    status, rows = _api(_client(users.viewer), "get", f"/api/v1/emulation-calendar?unit={tree.tc.pk}&year={YEAR}")
    assert status == 200 and any(mw.LAUNCHED_NAME in r["title"] for r in rows)
    status, _ = _api(_client(users.outsider), "get", f"/api/v1/emulation-calendar?unit={tree.tc.pk}&year={YEAR}")
    assert status == 404


# --- send / approve pages: what is acted on, an optional comment kept and shown (issue 9 item 10) -----------------


def test_approve_page_shows_the_registration_and_keeps_the_comment(users, world):
    from thidua.core.models import AuditEvent

    url = reverse("registration_approve", args=[world.submitted.pk])
    client = _client(users.officer)
    page = client.get(url).content.decode()
    assert "Cục Chính trị" in page and str(YEAR) in page and "Đã gửi cấp trên" in page  # unit, year, status
    summary = page.split('class="card mb-3 action-summary"', 1)[1]
    assert f'Đơn vị</dt><dd class="col-sm-8">{world.submitted.unit.label}</dd>' in summary  # unambiguous name
    assert all(i.award.name in page for i in world.submitted.items.all())  # the titles being approved
    assert "Ý kiến (không bắt buộc)" in page
    response = client.post(url, {"comment": "Đồng ý,  đề nghị bổ sung chỉ tiêu   sáng kiến."})
    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type="registration.approve", target_id=str(world.submitted.pk))
    assert event.data["extra"]["comment"] == "Đồng ý, đề nghị bổ sung chỉ tiêu sáng kiến."
    detail = client.get(reverse("registration_detail", args=[world.submitted.pk])).content.decode()
    assert "Ý kiến khi xử lý" in detail and "Đồng ý, đề nghị bổ sung chỉ tiêu sáng kiến." in detail
    assert "Duyệt" in detail.split("Ý kiến khi xử lý", 1)[1]


def test_approve_without_comment_records_no_comment_and_a_too_long_one_is_refused(users, world):
    from thidua.core.models import AuditEvent

    url = reverse("registration_approve", args=[world.submitted.pk])
    client = _client(users.officer)
    too_long = client.post(url, {"comment": "x" * 2001})
    assert too_long.status_code == 200 and "Ý kiến dài tối đa 2000 ký tự" in too_long.content.decode()
    world.submitted.refresh_from_db()
    assert world.submitted.status == "da_gui"  # nothing written
    assert client.post(url, {"comment": "   "}).status_code == 302
    event = AuditEvent.objects.get(event_type="registration.approve", target_id=str(world.submitted.pk))
    assert "comment" not in event.data.get("extra", {})
    detail = client.get(reverse("registration_detail", args=[world.submitted.pk])).content.decode()
    assert "Ý kiến khi xử lý" not in detail


def test_rollup_total_row_sums_every_status(tree, users, world):
    response = _client(users.officer).get(reverse("registration_rollup", args=[tree.tc.pk]), {"nam": YEAR})
    rollup = response.context["rollup"]
    assert rollup.total == sum(rollup.totals.values()) > 0
    total_row = response.content.decode().split("<td>Cộng</td>", 1)[1].split("</tr>", 1)[0]
    assert f'<td class="num">{rollup.total}</td>' in total_row


def test_launch_page_shows_the_movement_and_how_many_units_receive_it(users, world):
    page = _client(users.officer).get(reverse("movement_launch", args=[world.draft.pk])).content.decode()
    assert mw.DRAFT_NAME in page and "Số đơn vị nhận" in page and "Tổng cục Công nghiệp quốc phòng" in page
