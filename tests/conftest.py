"""Shared fixtures: a small org tree, people, and users holding roles on it.

Tree (paths are treebeard's):
    bqp  Bộ Quốc phòng
    ├── tc   Tổng cục Công nghiệp quốc phòng
    │   ├── cuc  Cục Chính trị
    │   └── nm   Nhà máy Z111
    └── other Tổng cục Chính trị   (outside the "in scope" user's units)
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from thidua.core.choices import Role
from thidua.core.models import RoleAssignment, User
from thidua.org import services


@pytest.fixture(autouse=True)
def fast_hasher(request, settings):
    """Argon2 is deliberately slow; tests use a fast hasher unless marked ``real_hasher`` (see test_security)."""
    if "real_hasher" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def second_factor_optional(request, settings):
    """Tests sign users in with ``client.force_login`` or a password form alone: the second factor is not enforced
    (``THIDUA_2FA_REQUIRED=False``) unless the test is marked ``two_factor`` (then it is, whatever the environment
    says). The live server of the browser tests runs in this process, so it sees the same setting."""
    settings.THIDUA_2FA_REQUIRED = "two_factor" in request.keywords


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a per-test temporary directory, never into the project's data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree(db):
    """The small org tree above, as a namespace of units."""
    bqp = services.unit_create(actor=None, parent=None, name="Bộ Quốc phòng", short_name="BQP", kind="bo")
    tc = services.unit_create(
        actor=None, parent=bqp, name="Tổng cục Công nghiệp quốc phòng", short_name="Tổng cục CNQP", kind="tong_cuc"
    )
    cuc = services.unit_create(
        actor=None, parent=tc, name="Cục Chính trị", short_name="Cục Chính trị/TCCNQP", kind="cuc"
    )
    nm = services.unit_create(actor=None, parent=tc, name="Nhà máy Z111", short_name="Z111", kind="nha_may")
    other = services.unit_create(actor=None, parent=bqp, name="Tổng cục Chính trị", short_name="TCCT", kind="tong_cuc")
    for unit in (bqp, tc, cuc, nm, other):
        unit.refresh_from_db()
    return SimpleNamespace(bqp=bqp, tc=tc, cuc=cuc, nm=nm, other=other)


def make_user(username: str, role: str | None = None, unit=None, include_descendants: bool = True, **extra) -> User:
    """A user with an optional role on a unit."""
    user = User.objects.create_user(username=username, password="Mat-khau-123!", **extra)
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit, include_descendants=include_descendants)
    return user


@pytest.fixture
def users(tree):
    """anonymous-free set of users: no role, officer in scope (Tổng cục CNQP subtree), viewer, officer elsewhere,
    admin on the root."""
    return SimpleNamespace(
        norole=make_user("norole"),
        officer=make_user("officer", Role.UNIT_OFFICER, tree.tc),
        viewer=make_user("viewer", Role.VIEWER, tree.tc),
        outsider=make_user("outsider", Role.UNIT_OFFICER, tree.other),
        admin=make_user("admin", Role.ADMIN, tree.bqp),
        superuser=User.objects.create_superuser("root", password="Mat-khau-123!"),
    )


@pytest.fixture
def people(tree):
    """A few people: Nguyễn Việt Hùng (Thiếu tướng) in Tổng cục CNQP, one in Z111, one in TCCT."""
    hung = services.person_create(
        actor=None,
        unit=tree.tc,
        full_name="Nguyễn Việt Hùng",
        gender="nam",
        date_of_birth=dt.date(1965, 5, 10),
        category="si_quan",
        rank="thieu_tuong",
        enlisted_on=dt.date(1983, 9, 1),
        cccd="001065000123",
    )
    worker = services.person_create(
        actor=None,
        unit=tree.nm,
        full_name="Trần Thị Hoà",
        gender="nu",
        date_of_birth=dt.date(1988, 3, 2),
        category="cnvqp",
        enlisted_on=dt.date(2008, 7, 1),
    )
    far = services.person_create(
        actor=None,
        unit=tree.other,
        full_name="Ngô Quang Phúc",
        gender="nam",
        date_of_birth=dt.date(1968, 1, 1),
        category="si_quan",
        rank="dai_ta",
        enlisted_on=dt.date(1986, 2, 1),
    )
    return SimpleNamespace(hung=hung, worker=worker, far=far)
