"""Fixtures of the users slice: an administrator of Tổng cục CNQP (``tc``, with descendants) — a *scoped* one — and
accounts inside and outside that subtree."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.conftest import make_user
from thidua.core.choices import Role


@pytest.fixture
def accts(tree, users):
    """``tc_admin`` manages tc's subtree; ``inside`` is an officer of Z111 (in it), ``outside`` an officer of TCCT,
    ``mixed`` holds roles on both (so it is not wholly inside), ``bare`` has no role at all."""
    tc_admin = make_user("admin_tc", Role.ADMIN, tree.tc, full_name="Quản trị Tổng cục")
    inside = make_user("canbo_z111", Role.UNIT_OFFICER, tree.nm, full_name="Lê Văn Bình")
    outside = users.outsider
    mixed = make_user("hai_noi", Role.VIEWER, tree.cuc)
    mixed.role_assignments.create(role=Role.VIEWER, unit=tree.other)
    bare = make_user("chua_co_vai_tro")
    return SimpleNamespace(tc_admin=tc_admin, inside=inside, outside=outside, mixed=mixed, bare=bare)
