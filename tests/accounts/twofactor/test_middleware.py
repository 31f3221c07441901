"""Enforcement: after the password, a session that owes a second factor reaches only the code page (a user with a
device) or the enrollment pages (a required user without one), sign-out included; the API answers 403 in JSON to
such a session but still takes a token."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from tests.accounts.twofactor.helpers import app_code, enrol
from thidua.accounts.twofactor import services
from thidua.core import services as core_services

pytestmark = pytest.mark.two_factor
VERIFY = reverse("twofactor_verify")
ENROL = reverse("twofactor_enroll")


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_a_required_user_without_device_is_sent_to_enrolment_and_can_do_nothing_else(client, users):
    _signed_in(client, users.admin)
    for url in ("/", reverse("person_list"), reverse("token_list"), reverse("account_security"), VERIFY):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url
    assert client.get("/don-vi/").url == f"{ENROL}?next=%2Fdon-vi%2F"
    assert client.post(reverse("token_list"), {"name": "x", "days": "30"}).url == ENROL
    page = client.get(ENROL)
    assert page.status_code == 200
    assert "Vai trò của bạn bắt buộc xác thực hai lớp" in page.content.decode()
    api = client.get("/api/v1/units")
    assert api.status_code == 403
    assert api.json() == {"detail": "Phiên đăng nhập chưa hoàn tất xác thực hai lớp."}
    assert client.post(reverse("logout")).url == reverse("login")


def test_a_user_with_a_device_must_enter_a_code_and_cannot_enrol_over_it(client, users):
    device, _ = enrol(users.admin)
    _signed_in(client, users.admin)
    assert client.get("/don-vi/").url == f"{VERIFY}?next=%2Fdon-vi%2F"
    assert client.get(ENROL).url.startswith(VERIFY)  # a stolen password must not replace the phone
    assert client.post(reverse("twofactor_disable")).url == VERIFY
    wrong = client.post(VERIFY, {"code": "abc", "next": "/don-vi/"})
    assert wrong.status_code == 200
    assert "Mã khôi phục không đúng hoặc đã được dùng." in wrong.content.decode()
    StaticDevice.objects.filter(user=users.admin).update(throttling_failure_count=0)
    right = client.post(VERIFY, {"code": app_code(device.key, steps_ahead=1), "next": "/don-vi/"})
    assert right.url == "/don-vi/"
    assert client.get("/").status_code == 200
    assert client.get(VERIFY).url == "/"  # nothing owed any more


def test_an_offsite_next_is_ignored(client, users):
    device, _ = enrol(users.officer)
    _signed_in(client, users.officer)
    response = client.post(VERIFY, {"code": app_code(device.key, steps_ahead=1), "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_optional_users_are_let_through_unless_they_enrolled(client, users):
    _signed_in(client, users.viewer)
    assert client.get("/").status_code == 200
    enrol(users.officer)
    _signed_in(client, users.officer)
    assert client.get("/").url.startswith(VERIFY)


def test_setting_off_stops_the_requirement_but_not_an_enrolled_users_code(client, users, settings):
    settings.THIDUA_2FA_REQUIRED = False
    _signed_in(client, users.admin)
    assert client.get("/").status_code == 200
    client.logout()
    enrol(users.officer)
    _signed_in(client, users.officer)
    assert client.get("/").url.startswith(VERIFY)


def test_the_password_form_then_the_code(client, users):
    device, codes = enrol(users.admin)
    response = client.post(
        reverse("login") + "?next=/don-vi/",
        {"username": "admin", "password": "Mat-khau-123!", "next": "/don-vi/"},
    )
    assert response.url == "/don-vi/"
    response = client.get("/don-vi/")
    assert response.url == f"{VERIFY}?next=%2Fdon-vi%2F"
    page = client.get(response.url)
    assert 'name="next" value="/don-vi/"' in page.content.decode()
    assert client.post(VERIFY, {"code": codes[0], "next": "/don-vi/"}).url == "/don-vi/"
    assert client.get("/don-vi/").status_code == 200


def test_a_reset_device_sends_a_required_user_back_to_enrolment(client, users):
    device, _ = enrol(users.admin)
    _signed_in(client, users.admin)
    client.post(VERIFY, {"code": app_code(device.key, steps_ahead=1)})
    assert client.get("/").status_code == 200
    services.user_second_factor_reset(actor=users.superuser, user=users.admin)
    assert client.get("/").url.startswith(VERIFY)
    assert client.get(VERIFY).url == ENROL


def test_api_tokens_are_not_affected_and_the_session_does_not_ride_along(client, users):
    _, raw = core_services.token_create(actor=users.admin, name="Tập lệnh", days=30)
    _signed_in(client, users.admin)
    assert client.get("/api/v1/units", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    bogus = client.get("/api/v1/units", headers={"Authorization": "Bearer thd_khong-hop-le"})
    assert bogus.status_code == 401
    client.logout()
    assert client.get("/api/v1/units", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_a_session_from_before_the_upgrade_works_out_its_step_on_its_first_request(client, users):
    _signed_in(client, users.admin)
    session = client.session
    del session["thidua_2fa"]  # signed in before this code was deployed
    session.save()
    assert client.get("/").url.startswith(ENROL)


def test_an_htmx_request_is_sent_to_the_code_page_by_htmx(client, users):
    enrol(users.admin)
    _signed_in(client, users.admin)
    response = client.get(reverse("person_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == VERIFY


def test_while_a_factor_is_owed_the_navbar_offers_only_sign_out(client, users):
    device, _ = enrol(users.admin)
    _signed_in(client, users.admin)
    owed = client.get(VERIFY).content.decode()
    assert "Đăng xuất" in owed
    for link in ("Phong trào", "Khen thưởng", "Đổi mật khẩu", reverse("notification_list")):
        assert link not in owed, link
    client.post(VERIFY, {"code": app_code(device.key, steps_ahead=1), "next": "/"})
    home = client.get("/").content.decode()
    assert "Khen thưởng" in home and reverse("notification_list") in home
