"""Web views of the core app: sign-in, home, API tokens, audit pages, and page-wide rules (CSP, 404)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from thidua.core import services
from thidua.core.models import ApiToken, AuditEvent
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-123!"


# --- anonymous and sign-in -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "token_list"])
def test_anonymous_is_redirected_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_audit_pages_redirect(client, tree, people):
    for url in (
        reverse("audit_unit", args=[tree.tc.pk]),
        reverse("audit_object", args=["org.person", people.hung.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_login_page_is_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Đăng nhập" in content and "Mật khẩu" in content


def test_login_and_logout(client, users):
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("logout")).status_code == 405  # logout is POST only
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_shows_form_error(client, users):
    response = client.post(reverse("login"), {"username": "officer", "password": "sai"})
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()


def test_lockout_after_five_failures(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "officer", "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    content = response.content.decode()
    assert "15 phút" in content
    assert "tạm thời bị khoá" in content


# --- home -------------------------------------------------------------------------------------------------------------


def test_home_shows_counts_and_scope(client, users, people):
    client.force_login(users.officer)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cán bộ TĐKT đơn vị" in content
    assert "Tổng cục Công nghiệp quốc phòng" in content
    assert "Kể cả đơn vị trực thuộc" in content
    assert "Đang hiệu lực" in content
    # 3 units (tc, cuc, nm) and 2 people in scope.
    assert response.context["unit_count"] == 3
    assert response.context["person_count"] == 2
    assert 'action="/can-bo/"' in content


def test_home_without_role(client, users):
    client.force_login(users.norole)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "chưa được phân quyền" in response.content.decode()
    assert response.context["person_count"] == 0


# --- page-wide rules -------------------------------------------------------------------------------------------------


def test_base_layout_is_csp_clean(client, users, people):
    client.force_login(users.officer)
    content = client.get(reverse("home")).content.decode()
    assert '<meta name="csrf-token"' in content
    assert '"allowEval": false' in content and '"includeIndicatorStyles": false' in content
    assert "vendor/htmx/htmx.min.js" in content and "js/thidua.js" in content
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content), "no inline scripts"
    assert " style=" not in content
    assert "<style" not in content
    assert re.search(r"\son[a-z]+=", content) is None, "no inline event handlers"


def test_not_found_page_is_vietnamese(client, users):
    client.force_login(users.officer)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


# --- API tokens -------------------------------------------------------------------------------------------------------


def test_token_service_create_and_revoke(users):
    token, raw = services.token_create(actor=users.officer, name="Máy chủ báo cáo", days=30)
    assert raw.startswith(ApiToken.PREFIX)
    assert token.digest == ApiToken.hash(raw) and token.hint == raw[-4:]
    assert token.is_active
    services.token_revoke(actor=users.officer, token=token)
    token.refresh_from_db()
    assert not token.is_active
    types = list(AuditEvent.objects.filter(target_type="core.apitoken").values_list("event_type", flat=True))
    assert sorted(types) == ["token.create", "token.revoke"]


@pytest.mark.parametrize("days", [0, -1, settings.API_TOKEN_MAX_DAYS + 1])
def test_token_service_rejects_bad_days(users, days):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.token_create(actor=users.officer, name="x", days=days)
    assert "days" in exc.value.message_dict


def test_token_service_refuses_someone_elses_token(users):
    from django.core.exceptions import ValidationError

    token, _ = services.token_create(actor=users.officer, name="x", days=1)
    with pytest.raises(ValidationError):
        services.token_revoke(actor=users.viewer, token=token)


def test_token_page_shows_raw_token_once(client, users):
    client.force_login(users.officer)
    response = client.get(reverse("token_list"))
    assert response.status_code == 200
    assert "Mã truy cập API" in response.content.decode()
    response = client.post(reverse("token_list"), {"name": "Tập lệnh nhập liệu", "days": 30})
    assert response.status_code == 200
    raw = response.context["raw_token"]
    assert raw and raw in response.content.decode()
    assert "một lần duy nhất" in response.content.decode()
    token = ApiToken.objects.get(user=users.officer)
    assert token.digest == ApiToken.hash(raw)
    again = client.get(reverse("token_list")).content.decode()
    assert raw not in again
    assert "Tập lệnh nhập liệu" in again and token.hint in again


def test_token_page_rejects_too_many_days(client, users):
    client.force_login(users.officer)
    response = client.post(reverse("token_list"), {"name": "x", "days": settings.API_TOKEN_MAX_DAYS + 1})
    assert response.status_code == 200
    assert response.context["raw_token"] is None
    assert "tối đa" in response.content.decode().lower()
    assert not ApiToken.objects.exists()


def test_token_revoke_by_post_only_and_own_only(client, users):
    token, _ = services.token_create(actor=users.officer, name="x", days=1)
    client.force_login(users.viewer)
    assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 404
    client.force_login(users.officer)
    assert client.get(reverse("token_revoke", args=[token.pk])).status_code == 405
    response = client.post(reverse("token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Đã thu hồi" in client.get(reverse("token_list")).content.decode()


# --- audit pages ------------------------------------------------------------------------------------------------------


def test_audit_unit_page(client, users, tree, people):
    client.force_login(users.officer)
    org_services.unit_update(actor=users.officer, unit=tree.tc, expected_version=tree.tc.version, code="TC-01")
    response = client.get(reverse("audit_unit", args=[tree.tc.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sửa thông tin đơn vị" in content
    assert "TC-01" in content
    assert "officer" in content
    assert "Thêm cán bộ" in content  # person.create of Nguyễn Việt Hùng was recorded against the unit


def test_audit_pages_out_of_scope_are_404(client, users, tree, people):
    client.force_login(users.officer)
    assert client.get(reverse("audit_unit", args=[tree.other.pk])).status_code == 404
    assert client.get(reverse("audit_object", args=["org.person", people.far.pk])).status_code == 404
    assert client.get(reverse("audit_object", args=["core.user", users.officer.pk])).status_code == 404
    assert client.get(reverse("audit_object", args=["org.person", "abc"])).status_code == 404


def test_audit_object_page_escapes_user_data(client, users, tree):
    person = org_services.person_create(
        actor=users.officer, unit=tree.tc, full_name="Lê <b>Văn</b> Tám", category="cnvqp"
    )
    client.force_login(users.officer)
    response = client.get(reverse("audit_object", args=["org.person", person.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "&lt;b&gt;Văn&lt;/b&gt;" in content
    assert "<b>Văn</b>" not in content
    assert "Thêm cán bộ" in content


@pytest.mark.django_db
def test_the_favicon_answers_and_every_page_links_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith(".svg")
    assert '<link rel="icon" href="' in client.get(reverse("login")).content.decode()
