"""Writes of the users pages: accounts (create, edit, deactivate, reactivate, reset password), role assignments
(assign, end) and one's own password. Each service is atomic, validates, checks the actor's scope with
:mod:`.policies` and records one audit event.

A *temporary password* (typed by the administrator or generated) sets ``must_change_password``: the
``ForcePasswordChangeMiddleware`` keeps its holder on the password page until they choose their own.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from thidua.core import audit, vn
from thidua.core.choices import Role
from thidua.core.models import RoleAssignment, User
from thidua.core.scoping import clear_scope_cache

from . import policies, selectors

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@+-]{3,150}$")
# No 0/O, 1/l/I: a temporary password is read off a screen or a printed sheet.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
USER_FIELDS = ["username", "full_name", "email", "is_active", "is_staff", "must_change_password"]
ROLE_FIELDS = ["user", "role", "unit", "include_descendants", "valid_from", "valid_to"]


def generate_password() -> str:
    """A random temporary password: three groups of four letters and digits ("k7Rm-Q2xp-9TbW", ~70 bits)."""
    while True:
        groups = ["".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3)]
        raw = "-".join(groups)
        if any(c.isdigit() for c in raw) and any(c.isalpha() for c in raw):
            return raw


def _refuse(field: str, message: str):
    raise ValidationError({field: [message]})


def _require_manage(actor, user: User) -> None:
    if actor is not None and not policies.can_manage_user(actor, user):
        _refuse("user", "Tài khoản này nằm ngoài phạm vi quản lý của bạn.")


def _clean_username(username: str) -> str:
    username = vn.nfc(username).strip()
    if not USERNAME_RE.match(username):
        _refuse(
            "username",
            "Tên đăng nhập gồm 3–150 ký tự: chữ cái không dấu, chữ số và . @ + - _ (không có dấu cách).",
        )
    if selectors.users_with_username([username]):
        _refuse("username", f"Tên đăng nhập «{username}» đã có người dùng.")
    return username


def _clean_email(email: str) -> str:
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            _refuse("email", f"Địa chỉ thư điện tử không hợp lệ: {email}")
    return email


def _set_temporary_password(user: User, password: str | None) -> str:
    """Set ``password`` (checked against the password policy) or a generated one; the holder must change it."""
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    else:
        password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    return password


def _role_errors(actor, *, role, unit, include_descendants, valid_from, valid_to) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if role not in Role.values:
        errors["role"] = ["Vai trò không hợp lệ."]
    if unit is None:
        errors["unit"] = ["Hãy chọn đơn vị."]
    elif actor is not None and not policies.can_grant_on(actor, unit, include_descendants):
        errors["unit"] = [
            f"Bạn không được phân quyền trên «{unit}»"
            + (" kể cả đơn vị trực thuộc" if include_descendants else "")
            + ": đơn vị nằm ngoài phạm vi quản trị của bạn."
        ]
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = ["Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực."]
    elif valid_to is not None and "unit" not in errors and actor is not None:
        deadline = policies.grant_deadline(actor, unit)
        if deadline is not None and valid_to > deadline:
            errors["valid_to"] = [
                f"Quyền quản trị của bạn trên đơn vị này hết hiệu lực ngày {vn.format_date(deadline, 'short')}: "
                "vai trò bạn cấp không được kéo dài quá ngày đó."
            ]
    return errors


def _save_assignment(user, role, unit, include_descendants, valid_from, valid_to) -> RoleAssignment:
    """Validate and store one role assignment (the checks against the actor's scope are :func:`_role_errors`')."""
    assignment = RoleAssignment(
        user=user,
        role=role,
        unit=unit,
        include_descendants=include_descendants,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    assignment.full_clean()
    assignment.save()
    return assignment


def _capped_end(actor, unit, valid_to: dt.date | None) -> dt.date | None:
    """A role granted without an end date by an administrator whose own role ends gets that end date (the grantor
    never hands out more than they hold); an explicit date is checked by :func:`_role_errors`."""
    if valid_to is not None or actor is None or unit is None or not policies.can_grant_on(actor, unit, False):
        return valid_to
    return policies.grant_deadline(actor, unit)


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    full_name: str,
    email: str = "",
    password: str | None = None,
    role: str,
    unit,
    include_descendants: bool = True,
    valid_from: dt.date | None = None,
) -> tuple[User, str]:
    """Create an account with its first role and a temporary password (typed, or generated when empty).

    Returns the user and the temporary password, to be shown once. Every problem is reported at once, keyed by field.
    """
    errors: dict[str, list[str]] = {}
    full_name = vn.nfc(full_name).strip()
    for check, value in ((_clean_username, username), (_clean_email, email)):
        try:
            check(value)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not full_name:
        errors["full_name"] = ["Họ và tên không được để trống."]
    valid_to = _capped_end(actor, unit, None)
    errors.update(
        _role_errors(
            actor,
            role=role,
            unit=unit,
            include_descendants=include_descendants,
            valid_from=valid_from,
            valid_to=valid_to,
        )
    )
    user = User(username=vn.nfc(username).strip(), full_name=full_name, email=(email or "").strip(), is_active=True)
    try:
        raw = _set_temporary_password(user, password)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    user.full_clean()
    user.save()
    _save_assignment(user, role, unit, include_descendants, valid_from, valid_to)
    audit.record(
        actor=actor,
        event_type="accounts.user.create",
        target=user,
        unit=unit,
        after={
            **audit.snapshot(user, USER_FIELDS),
            "role": role,
            "unit_id": unit.pk,
            "include_descendants": include_descendants,
        },
    )
    return user, raw


@transaction.atomic
def user_update(*, actor, user: User, full_name: str, email: str = "", is_staff: bool | None = None) -> User:
    """Change an account's full name, e-mail and (when given) its access to the read-only system admin, which also
    needs the administrator role (``core.policies.can_use_admin``). The username never changes: it is what people
    sign in with."""
    _require_manage(actor, user)
    full_name = vn.nfc(full_name).strip()
    if not full_name:
        _refuse("full_name", "Họ và tên không được để trống.")
    before = audit.snapshot(user, USER_FIELDS)
    user.full_name = full_name
    user.email = _clean_email(email)
    if is_staff is not None:
        user.is_staff = is_staff
    user.full_clean()
    user.save(update_fields=["full_name", "email", "is_staff"])
    changed_before, changed_after = audit.diff(before, audit.snapshot(user, USER_FIELDS))
    audit.record(
        actor=actor,
        event_type="accounts.user.update",
        target=user,
        unit=selectors.primary_unit(user),
        before=changed_before,
        after=changed_after,
    )
    return user


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool) -> User:
    """Deactivate (``active`` False) or reactivate an account; never deletes it, so its history stays.

    A deactivated account cannot sign in, its open sessions end at their next request and its API tokens stop working.
    """
    if actor is not None and not policies.can_deactivate_user(actor, user):
        _refuse("user", "Bạn không được khoá hoặc mở lại tài khoản này.")
    if user.is_active == active:
        _refuse("user", "Tài khoản đang hoạt động." if active else "Tài khoản đã bị khoá từ trước.")
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        event_type="accounts.user.reactivate" if active else "accounts.user.deactivate",
        target=user,
        unit=selectors.primary_unit(user),
        before={"is_active": not active},
        after={"is_active": active},
    )
    return user


@transaction.atomic
def user_reset_password(*, actor, user: User, password: str | None = None) -> str:
    """Give the account a temporary password (typed, or generated when empty) that must be changed at the next
    sign-in; returns it, to be shown once. The user's open sessions end (their password hash changed)."""
    _require_manage(actor, user)
    raw = _set_temporary_password(user, password)
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=actor,
        event_type="accounts.user.password_reset",
        target=user,
        unit=selectors.primary_unit(user),
        after={"must_change_password": True, "generated": not password},
    )
    return raw


@transaction.atomic
def password_change_own(*, actor: User, password: str) -> User:
    """The signed-in user chose a new password (already checked by the form): store it and lift the forced change."""
    validate_password(password, actor)
    actor.set_password(password)
    actor.must_change_password = False
    actor.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=actor,
        event_type="accounts.user.password_change",
        target=actor,
        unit=selectors.primary_unit(actor),
        after={"must_change_password": False},
    )
    return actor


@transaction.atomic
def role_assign(
    *,
    actor,
    user: User,
    role: str,
    unit,
    include_descendants: bool = True,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> RoleAssignment:
    """Give ``user`` a role on ``unit`` (with or without its descendants) for a period; the unit must be in the
    actor's scope (the whole subtree when with descendants)."""
    _require_manage(actor, user)
    valid_to = _capped_end(actor, unit, valid_to)
    errors = _role_errors(
        actor,
        role=role,
        unit=unit,
        include_descendants=include_descendants,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    if errors:
        raise ValidationError(errors)
    assignment = _save_assignment(user, role, unit, include_descendants, valid_from, valid_to)
    clear_scope_cache(user)
    audit.record(
        actor=actor,
        event_type="accounts.role.assign",
        target=user,
        unit=unit,
        after=audit.snapshot(assignment, ROLE_FIELDS),
        extra={"assignment_id": assignment.pk},
    )
    return assignment


@transaction.atomic
def role_end(*, actor, assignment: RoleAssignment, valid_to: dt.date | None = None) -> RoleAssignment:
    """End a role on ``valid_to`` (today by default): the row stays, as history. An ended role cannot be ended again."""
    if actor is not None and not policies.can_end_role(actor, assignment):
        _refuse("valid_to", "Vai trò này nằm ngoài phạm vi quản trị của bạn.")
    today = timezone.localdate()
    valid_to = valid_to or today
    if assignment.valid_to is not None and assignment.valid_to < today:
        _refuse("valid_to", f"Vai trò đã hết hiệu lực từ {vn.format_date(assignment.valid_to, 'short')}.")
    if assignment.valid_from is not None and valid_to < assignment.valid_from:
        _refuse(
            "valid_to",
            f"Ngày kết thúc phải sau hoặc bằng ngày bắt đầu hiệu lực "
            f"({vn.format_date(assignment.valid_from, 'short')}).",
        )
    before = {"valid_to": assignment.valid_to}
    assignment.valid_to = valid_to
    assignment.full_clean()
    assignment.save(update_fields=["valid_to"])
    clear_scope_cache(assignment.user)
    audit.record(
        actor=actor,
        event_type="accounts.role.end",
        target=assignment.user,
        unit=assignment.unit,
        before=before,
        after={"valid_to": valid_to, "role": assignment.role, "unit_id": assignment.unit_id},
        extra={"assignment_id": assignment.pk},
    )
    return assignment
