"""Scoring pages: the sheet with its ranking, a score above the maximum refused on the form, the change trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.emulation.scoring import services as svc
from thidua.org import services as org

D = dt.date


@pytest.fixture
def sheet(tree):
    group = org.group_create(actor=None, authority=tree.tc, name="Khối 2", year=2020, members=[tree.cuc, tree.nm])
    sheet = svc.sheet_create(actor=None, group=group)
    g = svc.criterion_group_add(actor=None, sheet=sheet, name="Nhiệm vụ")
    svc.criterion_add(actor=None, group=g, code="1", label="Nhiệm vụ chính trị", max_points=50)
    return svc.sheet_advance(actor=None, sheet=sheet)


def test_score_form_refuses_above_max_then_change_needs_reason(client, tree, sheet):
    officer = make_user("nm_officer", Role.UNIT_OFFICER, tree.nm)
    client.force_login(officer)
    criterion = sheet.criterion_groups.get().criteria.get()
    url = reverse("sheet_score", args=[sheet.pk])
    response = client.post(url, {"criterion": criterion.pk, "unit": tree.nm.pk, "points": "60"})
    assert response.status_code == 200 and "vượt quá điểm tối đa" in response.content.decode()
    assert client.post(url, {"criterion": criterion.pk, "unit": tree.nm.pk, "points": "45"}).status_code == 302
    response = client.post(url, {"criterion": criterion.pk, "unit": tree.nm.pk, "points": "40"})
    assert "phải ghi lý do" in response.content.decode()
    data = {"criterion": criterion.pk, "unit": tree.nm.pk, "points": "40", "reason": "Rà soát lại"}
    assert client.post(url, data).status_code == 302
    history = client.get(reverse("score_history", args=[sheet.pk])).content.decode()
    assert "Rà soát lại" in history and "45,00 → 40,00" in history
    detail = client.get(reverse("sheet_detail", args=[sheet.pk])).content.decode()
    assert "Nhà máy Z111" in detail and "40,00" in detail


def test_api_score_above_max_is_422(client, users, tree, sheet):
    from thidua.core import services as core_services

    _, token = core_services.token_create(actor=users.officer, name="t", days=1)
    criterion = sheet.criterion_groups.get().criteria.get()
    response = client.post(
        f"/api/v1/criteria-sheets/{sheet.pk}/scores",
        data={"criterion": criterion.pk, "unit": tree.nm.pk, "points": "51"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert "vượt quá" in response.json()["errors"]["points"][0]
    ranking = client.get(f"/api/v1/criteria-sheets/{sheet.pk}/ranking", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [r["rank"] for r in ranking.json()] == [1, 1]


def test_ranking_filters_sorts_exports_and_prints(client, tree, sheet, django_assert_max_num_queries):
    from tests.lists import assert_print_view, column, xlsx_table

    criterion = sheet.criterion_groups.get().criteria.get()
    svc.score_set(actor=None, sheet=sheet, criterion=criterion, unit=tree.nm, points=45)
    officer = make_user("tc_officer_rank", Role.UNIT_OFFICER, tree.tc)
    client.force_login(officer)
    url = reverse("sheet_detail", args=[sheet.pk])
    with django_assert_max_num_queries(20):
        content = client.get(url).content.decode()
    rows = content[content.index('id="bang-xep-hang"') :]
    assert rows.index(tree.nm.name) < rows.index(tree.cuc.name) and "45,00" in rows  # highest total first
    rows = client.get(url, {"sap_xep": "total"}).content.decode()
    rows = rows[rows.index('id="bang-xep-hang"') :]
    assert rows.index(tree.cuc.name) < rows.index(tree.nm.name)
    rows = client.get(url, {"hang_den": 1}).content.decode()
    rows = rows[rows.index('id="bang-xep-hang"') :]
    assert tree.nm.name in rows and tree.cuc.name not in rows
    headers, data = xlsx_table(client.get(url, {"sap_xep": "unit_name", "export": "xlsx"}))
    assert headers == ["STT", "Hạng", "Đơn vị", "1 /50,00", "Tổng điểm"]
    assert column(headers, data, "Đơn vị") == [str(tree.cuc), str(tree.nm)]
    assert column(headers, data, "Hạng") == [2, 1]
    assert column(headers, data, "1 /50,00") == ["", 45]
    assert column(headers, data, "Tổng điểm") == [0, 45]
    headers, data = xlsx_table(client.get(url, {"hang_den": 1, "export": "xlsx"}))
    assert column(headers, data, "Đơn vị") == [str(tree.nm)]
    content = assert_print_view(client.get(url, {"hang_den": 1, "print": "1"}), f"Bảng xếp hạng — {sheet.title}")
    assert "Đến hạng: <strong>1</strong>" in content and tree.cuc.name not in content


def test_a_score_saved_from_a_stale_page_is_a_409_showing_the_stored_points(client, tree, sheet):
    officer = make_user("nm_officer", Role.UNIT_OFFICER, tree.nm)
    client.force_login(officer)
    criterion = sheet.criterion_groups.get().criteria.get()
    url = reverse("sheet_score", args=[sheet.pk])
    seen = client.get(url).context["form"].initial["seen"]  # the page is opened: no score yet
    svc.score_set(actor=None, sheet=sheet, criterion=criterion, unit=tree.nm, points=45)  # someone else saves
    data = {"criterion": criterion.pk, "unit": tree.nm.pk, "points": "30", "reason": "Của tôi", "seen": seen}
    response = client.post(url, data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Xung đột dữ liệu" in body and "45,00" in body and "Nhiệm vụ chính trị" in body
    assert "Của tôi" in body  # the input is kept
    from thidua.emulation.models import Score

    assert Score.objects.get().points == 45
    # The conflict page counts as seen: saving again from it goes through.
    data["seen"] = response.context["form"]["seen"].value()
    assert client.post(url, data).status_code == 302 and Score.objects.get().points == 30
    # A page opened before the sheet moved to the next step is refused with a message.
    svc.sheet_advance(actor=None, sheet=sheet)
    stale = client.post(url, {**data, "points": "20", "seen": seen})
    assert stale.status_code == 200 and "đã chuyển sang bước «Khối trưởng thẩm định»" in stale.content.decode()


def test_api_score_with_a_stale_version_is_409(client, users, tree, sheet):
    from thidua.core import services as core_services

    _, token = core_services.token_create(actor=users.officer, name="t", days=1)
    criterion = sheet.criterion_groups.get().criteria.get()
    url = f"/api/v1/criteria-sheets/{sheet.pk}/scores"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"criterion": criterion.pk, "unit": tree.nm.pk, "points": "45", "version": 0}
    first = client.post(url, data=body, content_type="application/json", **auth)
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = client.post(url, data={**body, "points": "40", "reason": "x"}, content_type="application/json", **auth)
    assert stale.status_code == 409 and stale.json()["current"]["points"] == "45.00"
    fresh = {**body, "points": "40", "reason": "x", "version": 1}
    assert client.post(url, data=fresh, content_type="application/json", **auth).json()["points"] == "40.00"


def test_advance_page_shows_the_step_and_keeps_the_comment(client, tree, sheet):
    from thidua.core.models import AuditEvent

    officer = make_user("thuongtruc", Role.OFFICE, tree.tc)
    client.force_login(officer)
    url = reverse("sheet_advance", args=[sheet.pk])
    page = client.get(url).content.decode()
    assert "Khối 2" in page and "Bước hiện tại" in page and "Số tiêu chí" in page
    assert sheet.get_status_display() in page
    assert client.post(url, {"comment": "Các đơn vị đã tự chấm xong."}).status_code == 302
    event = AuditEvent.objects.filter(event_type="scoring.advance", target_id=str(sheet.pk)).latest("pk")
    assert event.data["extra"]["comment"] == "Các đơn vị đã tự chấm xong."
    assert "Các đơn vị đã tự chấm xong." in client.get(reverse("sheet_detail", args=[sheet.pk])).content.decode()
