"""Who manages which account: a scoped administrator manages only accounts whose roles all lie in their subtree, and
every users route answers 404 for an account outside it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from thidua.accounts.users import policies, selectors
from thidua.core.models import AuditEvent, RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_scoped_admin_manages_only_accounts_wholly_in_their_subtree(accts, users):
    admin = accts.tc_admin
    assert policies.can_manage_user(admin, accts.inside)
    assert not policies.can_manage_user(admin, accts.outside)
    assert not policies.can_manage_user(admin, accts.mixed), "a role outside the subtree puts the account outside"
    assert not policies.can_manage_user(admin, accts.bare), "no role: only whole-organisation administrators"
    assert not policies.can_manage_user(admin, users.superuser)
    listed = set(selectors.users_managed_by(admin).values_list("username", flat=True))
    assert listed == {"admin_tc", "canbo_z111", "officer", "viewer"}


def test_root_admin_manages_role_less_accounts_but_not_superusers(accts, users):
    assert policies.can_manage_user(users.admin, accts.bare)
    assert policies.can_manage_user(users.admin, accts.mixed)
    assert not policies.can_manage_user(users.admin, users.superuser)
    assert policies.can_manage_user(users.superuser, users.superuser)


def test_nobody_deactivates_themselves_or_ends_their_own_admin_role(accts, users):
    assert not policies.can_deactivate_user(accts.tc_admin, accts.tc_admin)
    assert policies.can_deactivate_user(accts.tc_admin, accts.inside)
    own = accts.tc_admin.role_assignments.get()
    assert not policies.can_end_role(accts.tc_admin, own)
    assert policies.can_end_role(users.admin, own)


def test_grant_only_within_scope_and_never_a_wider_subtree(tree, accts, users):
    from thidua.core.choices import Role

    narrow = User.objects.create_user("admin_z111_only", password="x")
    RoleAssignment.objects.create(user=narrow, role=Role.ADMIN, unit=tree.tc, include_descendants=False)
    assert policies.can_grant_on(narrow, tree.tc, include_descendants=False)
    assert not policies.can_grant_on(narrow, tree.tc, include_descendants=True), "more than they hold"
    assert not policies.can_grant_on(narrow, tree.nm, include_descendants=False)
    assert policies.can_grant_on(accts.tc_admin, tree.nm, include_descendants=True)
    assert not policies.can_grant_on(accts.tc_admin, tree.other, include_descendants=False)
    assert not policies.can_manage_users(users.officer)


def _routes(target, assignment):
    pk = target.pk
    return [
        ("get", reverse("user_detail", args=[pk]), {}),
        ("get", reverse("user_edit", args=[pk]), {}),
        ("post", reverse("user_edit", args=[pk]), {"full_name": "Đổi tên"}),
        ("post", reverse("user_deactivate", args=[pk]), {}),
        ("post", reverse("user_reactivate", args=[pk]), {}),
        ("get", reverse("user_password_reset", args=[pk]), {}),
        ("post", reverse("user_password_reset", args=[pk]), {"password": ""}),
        ("get", reverse("role_assign", args=[pk]), {}),
        ("post", reverse("role_assign", args=[pk]), {"role": "viewer", "unit": assignment.unit_id}),
        ("get", reverse("role_end", args=[pk, assignment.pk]), {}),
        ("post", reverse("role_end", args=[pk, assignment.pk]), {"valid_to": ""}),
    ]


def test_scoped_admin_gets_404_on_every_route_of_another_subtree(accts):
    client = Client()
    client.force_login(accts.tc_admin)
    target = accts.outside
    assignment = target.role_assignments.get()
    events = AuditEvent.objects.count()
    password = target.password
    for method, url, data in _routes(target, assignment):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, f"{method.upper()} {url}"
    target.refresh_from_db()
    assignment.refresh_from_db()
    assert AuditEvent.objects.count() == events
    assert target.password == password and target.is_active and assignment.valid_to is None
    assert target.role_assignments.count() == 1


def test_scoped_admin_reaches_every_route_in_their_subtree(accts):
    client = Client()
    client.force_login(accts.tc_admin)
    target = accts.inside
    assignment = target.role_assignments.get()
    for method, url, _ in _routes(target, assignment):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_users_pages_are_404_for_non_administrators(users):
    client = Client()
    client.force_login(users.officer)
    for name in ("user_list", "user_create", "user_import", "user_import_template"):
        assert client.get(reverse(name)).status_code == 404, name
    assert client.get(reverse("user_detail", args=[users.viewer.pk])).status_code == 404
