"""``thidua synth`` and ``thidua createadmin``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from thidua.core.choices import Role
from thidua.core.models import RoleAssignment, User
from thidua.demo.synth.org import plan_units
from thidua.demo.synth.people import PeopleGenerator, UnitSlot
from thidua.org.choices import CATEGORY_RANKS
from thidua.org.models import OrgUnit, Person, Position, UnitMembership


def test_synth_creates_people_and_units(db):
    out = StringIO()
    call_command("synth", people=2000, seed=3, stdout=out)
    assert "ANALYZE" in out.getvalue()
    assert Person.objects.count() == 2000
    assert OrgUnit.objects.count() == 5  # ≈ 2000 / 400, root included
    assert OrgUnit.objects.filter(depth=4).exists()
    assert UnitMembership.objects.values("person").distinct().count() == 2000
    assert Position.objects.values("person").distinct().count() == 2000
    person = Person.objects.search("nguyen").first()
    assert person is not None and person.sort_key
    for category, ranks in CATEGORY_RANKS.items():
        bad = Person.objects.filter(category=category).exclude(rank="").exclude(rank__in=ranks)
        assert not bad.exists(), category
    # the tree is a valid treebeard tree
    root = OrgUnit.objects.get_root_nodes().get()
    assert OrgUnit.objects.get_descendant_count(root) == 4


def test_synth_is_deterministic_for_a_seed():
    def names(seed):
        gen = PeopleGenerator(seed)
        unit = UnitSlot(1, "nha_may", "Nhà máy Z1")
        return [(r.person.full_name, r.person.date_of_birth, r.person.rank) for r in gen.unit_people(unit, 200)]

    assert names(5) == names(5)
    assert names(5) != names(6)
    assert len(plan_units(500)) == 500


def test_synth_refuses_same_seed_twice_and_production(db):
    call_command("synth", people=50, seed=9, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("synth", people=50, seed=9, stdout=StringIO())
    with override_settings(PRODUCTION=True), pytest.raises(CommandError):
        call_command("synth", people=50, seed=10, stdout=StringIO())


def test_createadmin(db):
    root = OrgUnit.objects.add_root({"name": "Bộ Quốc phòng"})
    call_command("createadmin", username="quantri", password="Mat-Khau-Rat-Manh-2026", stdout=StringIO())
    user = User.objects.get(username="quantri")
    assert user.is_superuser and user.check_password("Mat-Khau-Rat-Manh-2026")
    assert RoleAssignment.objects.filter(user=user, role=Role.ADMIN, unit=root).exists()
    # running it again updates, never duplicates
    call_command("createadmin", username="quantri", password="Mat-Khau-Khac-2027!", stdout=StringIO())
    assert RoleAssignment.objects.filter(user=user).count() == 1
    with pytest.raises(CommandError):
        call_command("createadmin", username="yeu", password="123", stdout=StringIO())
