"""The users pages and one's own password: forced change of a temporary password, Vietnamese policy messages, the
list with Excel and print, the create page showing the password once, the menu links."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from thidua.accounts.users import services
from thidua.core.models import ApiToken, User
from thidua.core.services import token_create

pytestmark = pytest.mark.django_db
NEW = "Song-Hong-chay-mai-79"


def _errors(response) -> list[str]:
    """The texts under the form's fields (what the user reads as errors)."""
    blocks = re.findall(r'invalid-feedback d-block">(.*?)</div></div>', response.content.decode(), re.S)
    return [text for block in blocks for text in re.findall(r"<div>([^<]*)", block)]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_temporary_password_forces_the_change_before_anything_else(accts, tree):
    raw = services.user_reset_password(actor=accts.tc_admin, user=accts.inside)
    client = Client()
    response = client.post(reverse("login"), {"username": "canbo_z111", "password": raw}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("password_change")
    assert "Bạn đang dùng mật khẩu tạm thời" in response.content.decode()
    for url in (reverse("home"), reverse("unit_detail", args=[tree.nm.pk]), reverse("person_list")):
        assert client.get(url)["Location"] == reverse("password_change"), url
    assert client.post(reverse("token_list"), {"name": "x", "days": 5}).status_code == 302
    assert not ApiToken.objects.filter(user=accts.inside).exists()
    response = client.post(
        reverse("password_change"), {"old_password": raw, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == reverse("home")
    assert client.get(reverse("unit_detail", args=[tree.nm.pk])).status_code == 200
    accts.inside.refresh_from_db()
    assert not accts.inside.must_change_password and accts.inside.check_password(NEW)


def test_api_token_is_not_blocked_by_a_temporary_password_but_the_session_is(accts):
    _token, raw = token_create(actor=accts.inside, name="Tập lệnh", days=5)
    User.objects.filter(pk=accts.inside.pk).update(must_change_password=True)
    response = Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    response = _client(accts.inside).get("/api/v1/units")
    assert response.status_code == 403 and "mật khẩu tạm thời" in response.json()["detail"]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("Ab1-xyz", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("73920461858", "Mật khẩu không được chỉ gồm chữ số."),
        ("password123", "Mật khẩu này quá phổ biến, dễ bị đoán."),
        ("canbo_z111!", "Mật khẩu quá giống với tên đăng nhập."),
        ("Lê Văn Bình 1", "Mật khẩu quá giống với họ và tên."),
    ],
)
def test_password_policy_speaks_vietnamese_whatever_the_browser(accts, new, expected):
    client = _client(accts.inside)
    response = client.post(
        reverse("password_change"),
        {"old_password": "Mat-khau-123!", "new_password1": new, "new_password2": new},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    errors = _errors(response)
    assert response.status_code == 200 and expected in errors, errors
    assert not any(word in " ".join(errors) for word in ("password", "This", "must", "characters")), errors


def test_wrong_current_password_and_mismatch_in_vietnamese(accts):
    client = _client(accts.inside)
    response = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": NEW, "new_password2": NEW + "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = response.content.decode()
    assert "Mật khẩu hiện tại không đúng" in text and "Hai lần nhập mật khẩu mới không giống nhau" in text


def test_create_page_shows_the_temporary_password_once(accts, tree):
    client = _client(accts.tc_admin)
    data = {"username": "tdkt_cct", "full_name": "Hồ Thị Mai", "role": "unit_officer", "unit": tree.cuc.pk}
    response = client.post(reverse("user_create"), {**data, "include_descendants": "on"})
    text = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    raw = text.split('id="mat-khau-tam-thoi"')[0].rsplit('value="', 1)[1].split('"')[0]
    user = User.objects.get(username="tdkt_cct")
    assert user.check_password(raw) and user.must_change_password
    detail = client.get(reverse("user_detail", args=[user.pk])).content.decode()
    assert raw not in detail and "Cán bộ TĐKT đơn vị" in detail and "Cục Chính trị" in detail
    response = client.post(reverse("user_create"), {**data, "unit": tree.other.pk})
    assert "Đơn vị không có hoặc nằm ngoài phạm vi quản trị của bạn." in response.content.decode()


def test_assign_from_the_user_page_and_end_with_dd_mm_yyyy(accts, tree):
    client = _client(accts.tc_admin)
    user = accts.inside
    response = client.post(
        reverse("role_assign", args=[user.pk]),
        {"role": "commander", "unit": tree.nm.pk, "valid_from": "01/01/2026", "valid_to": "31/12/2030"},
    )
    assert response.status_code == 302
    assignment = user.role_assignments.get(role="commander")
    assert (assignment.valid_from.isoformat(), assignment.include_descendants) == ("2026-01-01", False)
    response = client.post(reverse("role_end", args=[user.pk, assignment.pk]), {"valid_to": "31/12/2025"})
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu hiệu lực (01/01/2026)." in response.content.decode()
    client.post(reverse("role_end", args=[user.pk, assignment.pk]), {"valid_to": "15/01/2026"})
    page = client.get(reverse("user_detail", args=[user.pk])).content.decode()
    assert "từ 01/01/2026 đến 15/01/2026" in page and "Đã kết thúc" in page


def test_list_filters_exports_and_prints(accts):
    client = _client(accts.tc_admin)
    page = client.get(reverse("user_list"), {"q": "bình"}).content.decode()
    assert "canbo_z111" in page and "outsider" not in page and "admin_tc" not in page
    export = client.get(reverse("user_list"), {"export": "xlsx", "vai_tro": "unit_officer"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert sorted(names) == ["canbo_z111", "officer"]
    printed = client.get(reverse("user_list"), {"print": "1"}).content.decode()
    assert "Lê Văn Bình" in printed and "Cán bộ TĐKT đơn vị — Nhà máy Z111" in printed


def test_deactivated_account_cannot_sign_in_and_can_be_reactivated(accts):
    client = _client(accts.tc_admin)
    client.post(reverse("user_deactivate", args=[accts.inside.pk]))
    assert not User.objects.get(pk=accts.inside.pk).is_active
    credentials = {"username": "canbo_z111", "password": "Mat-khau-123!"}
    assert Client().post(reverse("login"), credentials).status_code == 200, "the login form again, with an error"
    client.post(reverse("user_reactivate", args=[accts.inside.pk]))
    assert Client().post(reverse("login"), credentials)["Location"] == reverse("home")
    assert client.post(reverse("user_deactivate", args=[accts.tc_admin.pk])).status_code == 404


def test_menu_links_users_page_for_administrators_only(accts, users):
    assert reverse("user_list") in _client(accts.tc_admin).get(reverse("home")).content.decode()
    officer_home = _client(users.officer).get(reverse("home")).content.decode()
    assert reverse("user_list") not in officer_home and reverse("password_change") in officer_home


def test_edit_page_gives_an_administrator_access_to_the_system_admin(client, tree, accts):
    from tests.conftest import make_user
    from thidua.core.audit_display import rows
    from thidua.core.choices import Role
    from thidua.core.models import AuditEvent
    from thidua.core.policies import can_use_admin

    target = make_user("qt_nm", Role.ADMIN, tree.nm, full_name="Quản trị Z111")
    assert not can_use_admin(target)
    client.force_login(accts.tc_admin)
    url = reverse("user_edit", args=[target.pk])
    data = {"full_name": "Quản trị Z111", "email": "", "is_staff": "on"}
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert target.is_staff and can_use_admin(target)
    event = AuditEvent.objects.filter(event_type="accounts.user.update").latest("pk")
    assert event.data["after"]["is_staff"] is True
    assert ("Được vào trang Quản trị hệ thống", "Không", "Có") in rows(event)
    page = client.get(reverse("user_detail", args=[target.pk])).content.decode()
    assert "Trang Quản trị hệ thống" in page and "Được vào" in page
