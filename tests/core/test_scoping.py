"""Unit scoping: which units a user may act on (scope_unit_ids, in_scope) and the visible_to queryset method."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import make_user
from thidua.core.choices import Action, Role
from thidua.core.models import RoleAssignment
from thidua.core.scoping import ALL, clear_scope_cache, in_scope, scope_unit_ids
from thidua.org import services
from thidua.org.models import EmulationGroup, OrgUnit, Person

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)


def _names(tree, ids):
    """Fixture names of the units whose ids are given (for readable assertions)."""
    if ids is ALL:
        return ALL
    by_id = {getattr(tree, n).pk: n for n in ("bqp", "tc", "cuc", "nm", "other")}
    return {by_id[i] for i in ids}


@pytest.mark.parametrize(
    ("role", "unit", "descendants", "valid_from", "valid_to", "action", "expected"),
    [
        # role on the root with descendants: everything (None, no filter at all)
        (Role.ADMIN, "bqp", True, None, None, Action.VIEW, ALL),
        (Role.ADMIN, "bqp", True, None, None, Action.MANAGE, ALL),
        # officer on Tổng cục CNQP: its subtree, never the parent or the sibling
        (Role.UNIT_OFFICER, "tc", True, None, None, Action.VIEW, {"tc", "cuc", "nm"}),
        (Role.UNIT_OFFICER, "tc", True, None, None, Action.CHANGE, {"tc", "cuc", "nm"}),
        (Role.UNIT_OFFICER, "tc", True, None, None, Action.MANAGE, set()),
        (Role.UNIT_OFFICER, "tc", False, None, None, Action.VIEW, {"tc"}),
        (Role.UNIT_OFFICER, "bqp", False, None, None, Action.VIEW, {"bqp"}),
        # validity window: expired yesterday / starts tomorrow → nothing; boundaries today are inclusive
        (Role.UNIT_OFFICER, "tc", True, None, YESTERDAY, Action.VIEW, set()),
        (Role.UNIT_OFFICER, "tc", True, TOMORROW, None, Action.VIEW, set()),
        (Role.UNIT_OFFICER, "tc", True, TODAY, TODAY, Action.VIEW, {"tc", "cuc", "nm"}),
        (Role.UNIT_OFFICER, "tc", True, YESTERDAY, TOMORROW, Action.VIEW, {"tc", "cuc", "nm"}),
        # viewer: may look, may not change
        (Role.VIEWER, "tc", True, None, None, Action.VIEW, {"tc", "cuc", "nm"}),
        (Role.VIEWER, "tc", True, None, None, Action.CHANGE, set()),
        (Role.COUNCIL, "nm", True, None, None, Action.VIEW, {"nm"}),
        (Role.COMMANDER, "nm", True, None, None, Action.CHANGE, set()),
        (Role.OFFICE, "other", True, None, None, Action.CHANGE, {"other"}),
    ],
)
def test_scope_decision_table(tree, role, unit, descendants, valid_from, valid_to, action, expected):
    user = make_user("u", role, getattr(tree, unit), include_descendants=descendants)
    RoleAssignment.objects.filter(user=user).update(valid_from=valid_from, valid_to=valid_to)
    assert _names(tree, scope_unit_ids(user, action)) == expected


def test_superuser_sees_everything(users):
    assert scope_unit_ids(users.superuser, Action.VIEW) is ALL
    assert scope_unit_ids(users.superuser, Action.MANAGE) is ALL


def test_fixture_users(tree, users):
    assert scope_unit_ids(users.admin) is ALL
    assert _names(tree, scope_unit_ids(users.officer, Action.CHANGE)) == {"tc", "cuc", "nm"}
    assert _names(tree, scope_unit_ids(users.viewer, Action.VIEW)) == {"tc", "cuc", "nm"}
    assert scope_unit_ids(users.viewer, Action.CHANGE) == frozenset()
    assert _names(tree, scope_unit_ids(users.outsider)) == {"other"}


@pytest.mark.parametrize("who", ["norole", "anonymous", "none", "inactive"])
def test_nobody_sees_nothing(tree, users, who):
    user = {
        "norole": users.norole,
        "anonymous": AnonymousUser(),
        "none": None,
        "inactive": make_user("gone", Role.ADMIN, tree.bqp, is_active=False),
    }[who]
    assert scope_unit_ids(user) == frozenset()
    assert not in_scope(user, tree.bqp.pk)
    if user is not None:
        assert not OrgUnit.objects.visible_to(user).exists()


def test_union_of_several_assignments(tree):
    user = make_user("two", Role.VIEWER, tree.cuc, include_descendants=False)
    RoleAssignment.objects.create(user=user, role=Role.VIEWER, unit=tree.other)
    assert _names(tree, scope_unit_ids(user)) == {"cuc", "other"}


def test_in_scope(tree, users):
    assert in_scope(users.officer, tree.nm.pk, Action.CHANGE)
    assert not in_scope(users.officer, tree.other.pk)
    assert not in_scope(users.officer, tree.bqp.pk)
    assert not in_scope(users.officer, None)
    assert in_scope(users.superuser, None)


def test_scope_is_cached_until_cleared(tree, users):
    user = users.norole
    assert scope_unit_ids(user) == frozenset()
    RoleAssignment.objects.create(user=user, role=Role.VIEWER, unit=tree.nm)
    assert scope_unit_ids(user) == frozenset()  # computed once per request
    clear_scope_cache(user)
    assert _names(tree, scope_unit_ids(user)) == {"nm"}


def test_units_visible_to(tree, users):
    assert set(OrgUnit.objects.visible_to(users.officer)) == {tree.tc, tree.cuc, tree.nm}
    assert list(OrgUnit.objects.visible_to(users.admin)) == list(OrgUnit.objects.all())
    assert set(OrgUnit.objects.visible_to(users.outsider)) == {tree.other}
    assert not OrgUnit.objects.visible_to(users.viewer, Action.CHANGE).exists()


def test_people_visible_to(users, people):
    assert set(Person.objects.visible_to(users.officer)) == {people.hung, people.worker}
    assert set(Person.objects.visible_to(users.viewer, Action.VIEW)) == {people.hung, people.worker}
    assert not Person.objects.visible_to(users.viewer, Action.CHANGE).exists()
    assert list(Person.objects.visible_to(users.outsider)) == [people.far]
    assert Person.objects.visible_to(users.superuser).count() == 3
    assert not Person.objects.visible_to(users.norole).exists()
    assert not Person.objects.visible_to(AnonymousUser()).exists()


def test_people_follow_their_current_unit(tree, users, people):
    services.person_transfer(actor=None, person=people.far, to_unit=tree.nm, on=dt.date(2020, 1, 1))
    assert set(Person.objects.visible_to(users.officer)) == {people.hung, people.worker, people.far}
    assert not Person.objects.visible_to(users.outsider).exists()


@pytest.fixture
def groups(tree):
    """A group set up by TCCT with Z111 and Cục Chính trị as members, one set up by Tổng cục CNQP, one by BQP."""
    via_member = services.group_create(
        actor=None, authority=tree.other, name="Cụm liên ngành", year=2025, members=[tree.nm, tree.cuc, tree.other]
    )
    own = services.group_create(actor=None, authority=tree.tc, name="Khối cơ quan", year=2025, members=[tree.cuc])
    far = services.group_create(actor=None, authority=tree.bqp, name="Khối BQP", year=2025, members=[tree.other])
    return via_member, own, far


def test_groups_visible_via_authority_or_member(users, groups):
    via_member, own, far = groups
    visible = list(EmulationGroup.objects.visible_to(users.officer))
    assert sorted(g.pk for g in visible) == sorted([via_member.pk, own.pk])  # no duplicate rows for two members
    assert EmulationGroup.objects.visible_to(users.officer).count() == 2
    assert set(EmulationGroup.objects.visible_to(users.outsider)) == {via_member, far}
    assert EmulationGroup.objects.visible_to(users.superuser).count() == 3
    assert not EmulationGroup.objects.visible_to(users.norole).exists()
    assert not EmulationGroup.objects.visible_to(users.viewer, Action.CHANGE).exists()


def test_group_visibility_keeps_member_counts(users, groups):
    """Scoping through member units must not restrict the rows that later annotations count."""
    from thidua.org import selectors

    via_member, own, _ = groups
    counts = {g.pk: g.member_count for g in selectors.groups_list(users.officer)}
    assert counts == {via_member.pk: 3, own.pk: 1}


# --- every unit-bearing model --------------------------------------------------------------------------------------

# Their scoping is reworked with the task framework (Job, and the runs that refer to it).
SCOPED_ELSEWHERE = {"core.Job", "awards.EligibilityRun", "awards.EligibilityResult"}


def test_every_unit_bearing_model_has_visible_to():
    """A model with a foreign key to a unit or a person says how it hangs on the tree, and its manager filters by it."""
    from django.apps import apps

    missing = []
    for label in ("core", "org", "records", "emulation", "awards"):
        for model in apps.get_app_config(label).get_models():
            bearing = any(f.many_to_one and f.related_model in (OrgUnit, Person) for f in model._meta.get_fields())
            if not bearing or model._meta.label in SCOPED_ELSEWHERE:
                continue
            if not (hasattr(model, "scope_filter") and hasattr(model._default_manager.all(), "visible_to")):
                missing.append(model._meta.label)
    assert missing == []


def test_audit_events_visible_to(tree, users):
    """Events are seen where their unit is seen; events without a unit only by whole-tree scopes."""
    from thidua.core.models import AuditEvent

    for unit in (tree.tc, tree.nm, tree.other, None):
        AuditEvent.objects.create(event_type="thu", target_type="org.orgunit", target_id="1", unit=unit)
    seen = AuditEvent.objects.filter(event_type="thu")
    assert {e.unit_id for e in seen.visible_to(users.officer)} == {tree.tc.pk, tree.nm.pk}
    assert {e.unit_id for e in seen.visible_to(users.outsider)} == {tree.other.pk}
    assert not seen.visible_to(users.norole).exists()
    assert seen.visible_to(users.superuser).count() == 4


def test_histories_follow_their_person_and_group_rows_their_group(tree, users, people, groups):
    """A position is seen where its person is seen; a group's membership rows where the group is seen."""
    from thidua.org.models import GroupMembership, Position

    position = services.position_add(
        actor=None, person=people.hung, title="Phó Chính ủy", kind="chi_huy", unit=tree.tc, start_on=dt.date(2019, 1, 1)
    )
    assert Position.objects.visible_to(users.officer).filter(pk=position.pk).exists()
    assert not Position.objects.visible_to(users.outsider).filter(pk=position.pk).exists()
    visible_groups = set(EmulationGroup.objects.visible_to(users.outsider).values_list("pk", flat=True))
    rows = GroupMembership.objects.visible_to(users.outsider)
    assert set(rows.values_list("group_id", flat=True)) == visible_groups
    assert rows.count() == GroupMembership.objects.filter(group_id__in=visible_groups).count()
