"""Pages of the second factor: enrollment (QR, secret, first code), recovery codes shown once and downloadable,
"Bảo mật tài khoản", and the administrator's reset (404 outside their subtree) with its panel."""

from __future__ import annotations

import re
from base64 import b32decode
from binascii import hexlify

import pytest
from django.template import Context, Template
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.twofactor.helpers import app_code, enrol
from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.core.models import AuditEvent

ENROL = reverse("twofactor_enroll")
CODES = reverse("twofactor_codes")
SECURITY = reverse("account_security")
CODE_ITEM = r'<li class="col">([a-z2-7]{4}-[a-z2-7]{4})</li>'


def _secret(html: str) -> str:
    """The secret as the page shows it for typing by hand, back to the hex key django-otp stores."""
    groups = re.search(r'id="khoa-bi-mat">([A-Z2-7 ]+)<', html).group(1)
    return hexlify(b32decode(groups.replace(" ", ""))).decode()


def test_enrolment_shows_qr_and_secret_then_the_codes_once(client, users):
    client.force_login(users.officer)
    page = client.get(ENROL).content.decode()
    assert "<svg" in page and "<?xml" not in page
    key = _secret(page)
    assert client.get(ENROL).content.decode().count(re.search(r'id="khoa-bi-mat">([^<]+)<', page).group(1)) == 1
    wrong = client.post(ENROL, {"code": "12a"})
    assert "Hãy nhập mã gồm 6 chữ số đang hiện trong ứng dụng xác thực." in wrong.content.decode()
    response = client.post(ENROL, {"code": app_code(key)})
    assert response.url == CODES
    assert TOTPDevice.objects.get(user=users.officer).key == key
    codes_page = client.get(CODES).content.decode()
    codes = re.findall(CODE_ITEM, codes_page)
    assert len(codes) == 10
    download = client.get(reverse("twofactor_codes_download"))
    assert download["Content-Disposition"] == 'attachment; filename="thidua-ma-khoi-phuc.txt"'
    assert all(code in download.content.decode() for code in codes)
    assert client.post(CODES).url == SECURITY
    assert client.get(CODES).url == SECURITY  # never shown again
    assert client.get(reverse("twofactor_codes_download")).status_code == 404
    security = client.get(SECURITY).content.decode()
    assert "Đang bật" in security and "Tắt xác thực hai lớp" in security
    assert not any(code in security for code in codes)


@pytest.mark.two_factor
def test_security_page_of_a_required_user_offers_no_switch_off(client, users):
    device, _ = enrol(users.admin)
    client.force_login(users.admin)
    client.post(reverse("twofactor_verify"), {"code": app_code(device.key, steps_ahead=1)})
    page = client.get(SECURITY).content.decode()
    assert "Bắt buộc với vai trò của bạn" in page and "Tắt xác thực hai lớp" not in page
    client.post(reverse("twofactor_disable"), follow=True)
    assert TOTPDevice.objects.filter(user=users.admin).exists()
    response = client.post(reverse("twofactor_regenerate"))
    assert response.url == CODES
    assert len(re.findall(CODE_ITEM, client.get(CODES).content.decode())) == 10


def test_an_optional_user_turns_it_off(client, users):
    device, _ = enrol(users.officer)
    client.force_login(users.officer)
    client.post(reverse("twofactor_verify"), {"code": app_code(device.key, steps_ahead=1)})
    response = client.post(reverse("twofactor_disable"), follow=True)
    assert "Đã tắt xác thực hai lớp." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=users.officer).exists()
    assert client.get("/").status_code == 200  # nothing owed: no device, not required


def test_reset_view_is_scoped_and_404_outside(client, tree, users):
    unit_admin = make_user("admin_tc", Role.ADMIN, tree.tc)
    enrol(users.officer)
    enrol(users.outsider)
    client.force_login(unit_admin)
    url = reverse("twofactor_reset", kwargs={"pk": users.outsider.pk})
    assert client.post(url).status_code == 404
    assert client.get(reverse("twofactor_reset", kwargs={"pk": users.officer.pk})).status_code == 405
    assert client.post(reverse("twofactor_reset", kwargs={"pk": 999999})).status_code == 404
    response = client.post(
        reverse("twofactor_reset", kwargs={"pk": users.officer.pk}), {"next": "/tai-khoan/bao-mat/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/tai-khoan/bao-mat/"
    assert "Đã đặt lại xác thực hai lớp của officer." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=users.officer).exists()
    assert TOTPDevice.objects.filter(user=users.outsider).exists()
    assert AuditEvent.objects.filter(event_type="accounts.second_factor.reset").count() == 1


def test_the_user_panel_shows_status_and_the_reset_button_only_to_who_may(rf, tree, users):
    enrol(users.officer)
    template = Template('{% include "accounts/twofactor/_user_panel.html" %}')
    for viewer, expected in ((make_user("admin_tc", Role.ADMIN, tree.tc), True), (users.outsider, False)):
        request = rf.get("/tai-khoan/1/")
        request.user = viewer
        html = template.render(Context({"request": request, "target": users.officer, "csrf_token": "x"}))
        assert "Đang bật" in html and "còn 10 mã khôi phục" in html
        assert ("Đặt lại xác thực hai lớp" in html) is expected
