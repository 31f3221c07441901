"""Optimistic locking: versioned_update bumps the version, and a stale version is a conflict that changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.errors import ConflictError
from thidua.core.locking import versioned_update
from thidua.core.models import AuditEvent
from thidua.org import services
from thidua.org.models import OrgUnit, Person


def test_versioned_update_bumps_version(people):
    person = people.worker
    assert person.version == 1
    person.hometown = "Nam Định"
    result = versioned_update(person, expected_version=1, changes={"hometown": "Nam Định"})
    assert result is person and person.version == 2
    stored = Person.objects.get(pk=person.pk)
    assert (stored.version, stored.hometown) == (2, "Nam Định")


def test_no_expected_version_skips_the_check(people):
    person = Person.objects.get(pk=people.worker.pk)
    Person.objects.filter(pk=person.pk).update(version=7)
    versioned_update(person, expected_version=None, changes={"hometown": "Huế"})
    assert Person.objects.get(pk=person.pk).version == 8


def test_stale_version_raises_with_current_values(people):
    person = people.worker
    updated_at = Person.objects.get(pk=person.pk).updated_at
    with pytest.raises(ConflictError) as caught:
        versioned_update(person, expected_version=0, changes={"hometown": "Huế"})
    err = caught.value
    assert err.current["version"] == 1 and err.current["hometown"] == "" and err.current["full_name"] == "Trần Thị Hoà"
    assert err.instance.pk == person.pk
    assert "người khác sửa" in str(err)
    stored = Person.objects.get(pk=person.pk)
    assert (stored.version, stored.hometown, stored.updated_at) == (1, "", updated_at)


def test_two_concurrent_edits_second_loses(users, people):
    """Two officers open the same form (version 1); the first save wins, the second gets a conflict."""
    first = Person.objects.get(pk=people.hung.pk)
    second = Person.objects.get(pk=people.hung.pk)
    services.person_update(actor=None, person=first, expected_version=first.version, hometown="Hà Nội")
    events = AuditEvent.objects.count()
    with pytest.raises(ConflictError) as caught:
        services.person_update(actor=None, person=second, expected_version=second.version, hometown="Hải Phòng")
    assert caught.value.current["hometown"] == "Hà Nội" and caught.value.current["version"] == 2
    stored = Person.objects.get(pk=people.hung.pk)
    assert (stored.hometown, stored.version) == ("Hà Nội", 2)
    assert AuditEvent.objects.count() == events  # the losing edit left no trace


def test_unit_update_conflict_leaves_unit_unchanged(tree):
    a = OrgUnit.objects.get(pk=tree.nm.pk)
    b = OrgUnit.objects.get(pk=tree.nm.pk)
    services.unit_update(actor=None, unit=a, expected_version=a.version, code="Z111")
    with pytest.raises(ConflictError):
        services.unit_update(actor=None, unit=b, expected_version=b.version, code="Z999")
    stored = OrgUnit.objects.get(pk=tree.nm.pk)
    assert (stored.code, stored.version) == ("Z111", 2)


def test_history_writes_bump_the_person_version(tree, people):
    """A transfer after the form was opened makes the stale identity edit a conflict too."""
    stale = Person.objects.get(pk=people.worker.pk)
    services.person_transfer(actor=None, person=people.worker, to_unit=tree.cuc, on=dt.date(2024, 1, 1))
    with pytest.raises(ConflictError):
        services.person_update(actor=None, person=stale, expected_version=stale.version, hometown="Huế")
    assert Person.objects.get(pk=people.worker.pk).hometown == ""
