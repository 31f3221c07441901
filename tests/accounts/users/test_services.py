"""Account and role services: validation in Vietnamese, scope checks, temporary passwords, history kept, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from thidua.accounts.users import services
from thidua.core.choices import Role
from thidua.core.models import AuditEvent, RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_create_gives_first_role_and_a_generated_temporary_password(tree, accts):
    user, raw = services.user_create(
        actor=accts.tc_admin, username="canbo_cct", full_name="Phạm Thu Hà", role=Role.UNIT_OFFICER, unit=tree.cuc
    )
    assert user.check_password(raw) and user.must_change_password and user.is_active
    assert len(raw) == 14 and any(c.isdigit() for c in raw)
    assignment = user.role_assignments.get()
    assert (assignment.role, assignment.unit, assignment.include_descendants) == (Role.UNIT_OFFICER, tree.cuc, True)
    event = AuditEvent.objects.get(event_type="accounts.user.create")
    assert event.actor == accts.tc_admin and event.unit == tree.cuc
    assert event.data["after"]["username"] == "canbo_cct" and raw not in str(event.data)


def test_create_reports_every_error_at_once_and_writes_nothing(tree, accts):
    with pytest.raises(ValidationError) as exc:
        services.user_create(
            actor=accts.tc_admin,
            username="canbo z111",
            full_name=" ",
            email="khong-phai-thu",
            password="123",
            role=Role.VIEWER,
            unit=tree.other,
        )
    errors = exc.value.message_dict
    assert set(errors) == {"username", "full_name", "email", "unit", "password"}
    assert "ngoài phạm vi quản trị" in errors["unit"][0]
    assert User.objects.filter(username__startswith="canbo z").count() == 0


def test_typed_temporary_password_follows_the_policy_in_vietnamese(tree, accts):
    with pytest.raises(ValidationError) as exc:
        services.user_create(
            actor=accts.tc_admin,
            username="nguyenvanan",
            full_name="Nguyễn Văn An",
            password="1234567890",
            role=Role.VIEWER,
            unit=tree.nm,
        )
    messages = " ".join(exc.value.message_dict["password"])
    assert "chỉ gồm chữ số" in messages and "phổ biến" in messages
    with pytest.raises(ValidationError) as exc:
        services.user_create(
            actor=accts.tc_admin,
            username="nguyenvanan",
            full_name="Nguyễn Văn An",
            password="nguyenvanan",
            role=Role.VIEWER,
            unit=tree.nm,
        )
    assert "quá giống" in " ".join(exc.value.message_dict["password"])


def test_duplicate_username_is_refused_whatever_the_case(tree, accts):
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=accts.tc_admin, username="CANBO_Z111", full_name="X", role="viewer", unit=tree.nm)
    assert "đã có người dùng" in exc.value.message_dict["username"][0]


def test_update_deactivate_reactivate_and_reset(accts):
    user = accts.inside
    services.user_update(actor=accts.tc_admin, user=user, full_name="Lê Văn Bình Minh", email="binh@z111.vn")
    user.refresh_from_db()
    assert (user.full_name, user.email) == ("Lê Văn Bình Minh", "binh@z111.vn")
    services.user_set_active(actor=accts.tc_admin, user=user, active=False)
    assert not User.objects.get(pk=user.pk).is_active
    with pytest.raises(ValidationError):
        services.user_set_active(actor=accts.tc_admin, user=user, active=False)
    services.user_set_active(actor=accts.tc_admin, user=user, active=True)
    raw = services.user_reset_password(actor=accts.tc_admin, user=user)
    user.refresh_from_db()
    assert user.check_password(raw) and user.must_change_password
    kinds = list(AuditEvent.objects.filter(target_id=str(user.pk)).values_list("event_type", flat=True))
    assert sorted(kinds) == sorted(
        [
            "accounts.user.update",
            "accounts.user.deactivate",
            "accounts.user.reactivate",
            "accounts.user.password_reset",
        ]
    )


def test_services_refuse_an_account_outside_the_scope(accts, tree):
    for call in (
        lambda: services.user_update(actor=accts.tc_admin, user=accts.outside, full_name="X"),
        lambda: services.user_set_active(actor=accts.tc_admin, user=accts.outside, active=False),
        lambda: services.user_reset_password(actor=accts.tc_admin, user=accts.outside),
        lambda: services.role_assign(actor=accts.tc_admin, user=accts.outside, role="viewer", unit=tree.nm),
    ):
        with pytest.raises(ValidationError):
            call()
    with pytest.raises(ValidationError):
        services.user_set_active(actor=accts.tc_admin, user=accts.tc_admin, active=False)


def test_assign_and_end_role_keeps_the_history(tree, accts):
    user = accts.inside
    start = timezone.localdate() - dt.timedelta(days=30)
    assignment = services.role_assign(
        actor=accts.tc_admin,
        user=user,
        role=Role.COMMANDER,
        unit=tree.nm,
        include_descendants=False,
        valid_from=start,
    )
    with pytest.raises(ValidationError) as exc:
        services.role_end(actor=accts.tc_admin, assignment=assignment, valid_to=start - dt.timedelta(days=1))
    assert "valid_to" in exc.value.message_dict
    services.role_end(actor=accts.tc_admin, assignment=assignment, valid_to=timezone.localdate() - dt.timedelta(days=1))
    assignment.refresh_from_db()
    assert assignment.valid_to == timezone.localdate() - dt.timedelta(days=1)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists(), "ended, not deleted"
    assert not RoleAssignment.objects.filter(pk=assignment.pk).active().exists()
    with pytest.raises(ValidationError):
        services.role_end(actor=accts.tc_admin, assignment=assignment)
    events = AuditEvent.objects.filter(event_type__startswith="accounts.role.").values_list("event_type", flat=True)
    assert sorted(events) == ["accounts.role.assign", "accounts.role.end"]


def test_assign_refuses_units_outside_scope_and_bad_periods(tree, accts):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=accts.tc_admin, user=accts.inside, role="admin", unit=tree.bqp)
    assert "unit" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.role_assign(
            actor=accts.tc_admin,
            user=accts.inside,
            role="viewer",
            unit=tree.nm,
            valid_from=dt.date(2026, 5, 1),
            valid_to=dt.date(2026, 4, 1),
        )
    assert "valid_to" in exc.value.message_dict


def test_every_event_has_a_vietnamese_label_in_the_audit_log():
    import inspect
    import re

    from thidua.core.audit import EVENT_LABELS, event_label

    assert event_label("accounts.user.create") == "Tạo tài khoản"
    written = set(re.findall(r'"(accounts\.[a-z_.]+)"', inspect.getsource(services)))
    assert written and written <= set(EVENT_LABELS), written - set(EVENT_LABELS)
    assert all(event_label(name) != name for name in written)


def test_own_password_change_lifts_the_temporary_flag(accts):
    user = accts.inside
    user.must_change_password = True
    user.save()
    services.password_change_own(actor=user, password="Cay-tre-ngay-xua-47")
    user.refresh_from_db()
    assert user.check_password("Cay-tre-ngay-xua-47") and not user.must_change_password
    assert AuditEvent.objects.filter(event_type="accounts.user.password_change", actor=user).exists()


def test_a_role_never_outlasts_the_grantors_own_administrator_role(tree, accts):
    ends = timezone.localdate() + dt.timedelta(days=90)
    accts.tc_admin.role_assignments.update(valid_to=ends)
    later = ends + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=accts.tc_admin, user=accts.inside, role=Role.VIEWER, unit=tree.nm, valid_to=later)
    assert ends.strftime("%d/%m/%Y") in exc.value.message_dict["valid_to"][0]
    # Without an end date, the role ends with the grantor's own.
    granted = services.role_assign(actor=accts.tc_admin, user=accts.inside, role=Role.VIEWER, unit=tree.nm)
    assert granted.valid_to == ends
    user, _ = services.user_create(
        actor=accts.tc_admin, username="moi_tam", full_name="Trần Thị Mới", role=Role.VIEWER, unit=tree.nm
    )
    assert user.role_assignments.get().valid_to == ends
    # An administrator whose role has no end grants roles without one.
    accts.tc_admin.role_assignments.update(valid_to=None)
    assert (
        services.role_assign(actor=accts.tc_admin, user=accts.inside, role=Role.COUNCIL, unit=tree.nm).valid_to is None
    )
