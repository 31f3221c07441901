"""Services of the second factor: enrollment, checking codes (with django-otp's throttling), recovery codes, turning
off, and the administrator's scoped reset."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.twofactor.helpers import app_code, enrol
from tests.conftest import make_user
from thidua.accounts.twofactor import policies, provisioning, services
from thidua.core.choices import Role
from thidua.core.models import AuditEvent


def _events(kind: str):
    return AuditEvent.objects.filter(event_type=f"accounts.second_factor.{kind}")


def test_enrol_needs_the_apps_current_code(users):
    key = provisioning.new_secret()
    with pytest.raises(ValidationError) as err:
        services.second_factor_enroll(actor=users.officer, key=key, code="12345")
    assert "6 chữ số" in err.value.message_dict["code"][0]
    wrong = f"{(int(app_code(key)) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationError) as err:
        services.second_factor_enroll(actor=users.officer, key=key, code=wrong)
    assert "Mã không đúng" in err.value.message_dict["code"][0]
    assert not TOTPDevice.objects.filter(user=users.officer).exists()
    assert not _events("enroll").exists()


def test_enrol_creates_a_confirmed_device_and_ten_recovery_codes_audited(users):
    device, codes = enrol(users.officer)
    assert device.confirmed and device.user == users.officer
    assert len(codes) == len(set(codes)) == 10
    assert all(len(code) == 9 and code[4] == "-" for code in codes)
    assert StaticToken.objects.filter(device__user=users.officer).count() == 10
    event = _events("enroll").get()
    unit = users.officer.role_assignments.get().unit
    assert (event.actor, event.target_id, event.unit) == (users.officer, str(users.officer.pk), unit)


def test_enrolling_again_replaces_the_old_device_and_codes(users):
    old, old_codes = enrol(users.officer)
    new, new_codes = enrol(users.officer)
    assert list(TOTPDevice.objects.filter(user=users.officer)) == [new]
    assert StaticDevice.objects.filter(user=users.officer).count() == 1
    assert not set(old_codes) & set(new_codes)
    with pytest.raises(ValidationError):
        services.second_factor_verify(user=users.officer, code=old_codes[0])


def test_verify_accepts_the_app_code_once(users):
    device, _ = enrol(users.officer)
    code = app_code(device.key, steps_ahead=1)  # the enrollment used the current step
    assert services.second_factor_verify(user=users.officer, code=f"{code[:3]} {code[3:]}") == device
    with pytest.raises(ValidationError) as err:
        services.second_factor_verify(user=users.officer, code=code)
    assert "Mã không đúng hoặc đã được dùng" in err.value.message_dict["code"][0]


def test_a_recovery_code_works_once_and_its_use_is_audited(users):
    _, codes = enrol(users.officer)
    accepted = services.second_factor_verify(user=users.officer, code=codes[3].upper())
    assert isinstance(accepted, StaticDevice)
    assert _events("recovery_code_use").get().data["extra"] == {"recovery_codes_left": 9}
    with pytest.raises(ValidationError) as err:
        services.second_factor_verify(user=users.officer, code=codes[3])
    assert err.value.message_dict["code"] == ["Mã khôi phục không đúng hoặc đã được dùng."]


def test_a_user_without_device_gets_a_clear_refusal(users):
    with pytest.raises(ValidationError) as err:
        services.second_factor_verify(user=users.viewer, code="123456")
    assert "Mã không đúng" in err.value.message_dict["code"][0]
    with pytest.raises(ValidationError) as err:
        services.second_factor_verify(user=users.viewer, code="  ")
    assert err.value.message_dict["code"] == ["Hãy nhập mã xác thực hoặc một mã khôi phục."]


@pytest.mark.parametrize("kind", ["app", "recovery"])
def test_wrong_codes_are_throttled_even_for_a_right_code(users, kind):
    """django-otp's throttling: after a failure the next check within the back-off is refused, right code or not;
    the wait doubles with each failure, so guessing six digits is hopeless."""
    device, codes = enrol(users.officer)
    right = app_code(device.key, steps_ahead=1) if kind == "app" else codes[0]
    wrong = f"{(int(right) + 1) % 1_000_000:06d}" if kind == "app" else "zzzz-zzzz"
    for _ in range(3):
        with pytest.raises(ValidationError):
            services.second_factor_verify(user=users.officer, code=wrong)
    with pytest.raises(ValidationError) as err:
        services.second_factor_verify(user=users.officer, code=right)
    assert err.value.message_dict["code"][0].startswith("Đã nhập sai nhiều lần liên tiếp. Hãy thử lại sau ")
    model = TOTPDevice if kind == "app" else StaticDevice
    throttled = model.objects.get(user=users.officer)
    assert throttled.throttling_failure_count == 1  # later attempts inside the back-off are refused before checking
    # once the back-off has passed, the right code is accepted and the count is reset
    model.objects.filter(pk=throttled.pk).update(throttling_failure_timestamp=timezone.now() - dt.timedelta(hours=1))
    assert services.second_factor_verify(user=users.officer, code=right)
    assert model.objects.get(pk=throttled.pk).throttling_failure_count == 0


def test_regenerate_replaces_the_recovery_codes(users):
    _, old = enrol(users.officer)
    new = services.recovery_codes_regenerate(actor=users.officer)
    assert len(new) == 10 and not set(old) & set(new)
    assert services.second_factor_verify(user=users.officer, code=new[0])
    with pytest.raises(ValidationError):
        services.second_factor_verify(user=users.officer, code=old[0])
    assert _events("recovery_codes_regenerate").count() == 1
    with pytest.raises(ValidationError):
        services.recovery_codes_regenerate(actor=users.viewer)


@pytest.mark.two_factor
def test_disable_only_when_not_required(users):
    enrol(users.admin)
    with pytest.raises(ValidationError) as err:
        services.second_factor_disable(actor=users.admin)
    assert "bắt buộc" in err.value.messages[0]
    assert TOTPDevice.objects.filter(user=users.admin).exists()
    enrol(users.officer)
    services.second_factor_disable(actor=users.officer)
    assert not TOTPDevice.objects.filter(user=users.officer).exists()
    assert not StaticDevice.objects.filter(user=users.officer).exists()
    assert _events("disable").get().actor == users.officer


@pytest.mark.two_factor
def test_required_roles_are_admin_office_commander_and_superusers(tree, users):
    expected = {Role.ADMIN: True, Role.OFFICE: True, Role.COMMANDER: True}
    assert set(expected) == policies.REQUIRED_ROLES
    for role in Role:
        user = make_user(f"u_{role}", role, tree.tc)
        assert policies.is_second_factor_required(user) is expected.get(role, False), role
    assert policies.is_second_factor_required(users.superuser)
    ended = make_user("ended_admin", Role.ADMIN, tree.tc)
    ended.role_assignments.update(valid_to=dt.date(2020, 1, 1))
    assert not policies.is_second_factor_required(ended)


def test_the_setting_off_makes_it_optional_for_everyone(users):
    assert not policies.is_second_factor_required(users.admin)
    assert not policies.is_second_factor_required(users.superuser)


def test_reset_is_scoped_to_the_administrators_subtree(tree, users):
    unit_admin = make_user("admin_tc", Role.ADMIN, tree.tc)
    for user in (users.officer, users.outsider, users.norole, users.superuser):
        enrol(user)
    assert services.user_second_factor_reset(actor=unit_admin, user=users.officer) == 2
    assert not TOTPDevice.objects.filter(user=users.officer).exists()
    event = _events("reset").get()
    assert (event.actor, event.target_id, event.unit) == (unit_admin, str(users.officer.pk), tree.tc)
    for target in (users.outsider, users.norole, users.superuser):
        with pytest.raises(PermissionDenied):
            services.user_second_factor_reset(actor=unit_admin, user=target)
        assert TOTPDevice.objects.filter(user=target).exists()
    for actor in (users.officer, users.viewer, users.norole):
        with pytest.raises(PermissionDenied):
            services.user_second_factor_reset(actor=actor, user=users.outsider)
    # the whole organisation's administrator reaches users in other subtrees and users without roles, not superusers
    services.user_second_factor_reset(actor=users.admin, user=users.outsider)
    services.user_second_factor_reset(actor=users.admin, user=users.norole)
    with pytest.raises(PermissionDenied):
        services.user_second_factor_reset(actor=users.admin, user=users.superuser)
    services.user_second_factor_reset(actor=users.superuser, user=users.superuser)
    assert not TOTPDevice.objects.exists()
    assert _events("reset").count() == 4


def test_the_operator_resets_from_the_shell(users):
    enrol(users.admin)
    out = io.StringIO()
    call_command("reset_second_factor", "admin", stdout=out)
    assert "Đã đặt lại xác thực hai lớp của «admin» (xoá 2 thiết bị)." in out.getvalue()
    assert not TOTPDevice.objects.filter(user=users.admin).exists()
    assert _events("reset").get().actor_name == "hệ thống"
    with pytest.raises(CommandError, match="Không có tài khoản «khong_co»."):
        call_command("reset_second_factor", "khong_co")
