"""Load the demo organisation (see :mod:`.data`) idempotently.

Every object is looked up by a stable natural key before it is created — a unit by (parent, name), a named officer
by (name, date of birth), a generated person by CCCD, a group by (authority, name, year), a user by username — so a
second run changes nothing except resetting the demo passwords. Units, named officers, history and groups go
through :mod:`thidua.org.services` (``actor=None``) so they carry audit events; the ~550 generated staff are
bulk-inserted with their histories for speed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from thidua.core.models import RoleAssignment, User
from thidua.demo.synth.people import PeopleGenerator, UnitSlot, write_people
from thidua.org import services
from thidua.org.choices import Category, Gender, UnitEventKind
from thidua.org.models import EmulationGroup, OrgUnit, Person

from . import data


class DemoRefused(RuntimeError):
    """Raised when the demo would run against a production installation."""


@dataclass(frozen=True)
class DemoResult:
    """What the run found or created."""

    units: int
    people: int
    people_created: int
    groups: int
    users: list[tuple[str, str, str, str]]  # username, password, role label, unit name
    seconds: float


def _walk(spec: data.U, parent: data.U | None = None):
    yield spec, parent
    for child in spec.children:
        yield from _walk(child, spec)


def _units() -> dict[str, OrgUnit]:
    """Find or create every unit of the tree; a renamed unit is also found by its old name."""
    units: dict[str, OrgUnit] = {}
    for spec, parent_spec in _walk(data.TREE):
        parent = units[parent_spec.key] if parent_spec else None
        names = [spec.name] + ([spec.old_name] if spec.old_name else [])
        qs = OrgUnit.objects.filter(name__in=names)
        qs = qs.filter(depth=parent.depth + 1, path__startswith=parent.path) if parent else qs.filter(depth=1)
        unit = qs.first()
        if unit is None:
            unit = services.unit_create(
                actor=None,
                parent=parent,
                name=spec.old_name or spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                valid_from=data.DEFAULT_SINCE,
                is_enterprise=spec.enterprise,
            )
        elif unit.is_enterprise != spec.enterprise:  # a demo loaded before units had the flag
            unit = services.unit_update(actor=None, unit=unit, expected_version=None, is_enterprise=spec.enterprise)
        if parent is not None:
            parent.refresh_from_db()  # treebeard changed numchild under us
        units[spec.key] = unit
    return units


def _history(units: dict[str, OrgUnit]) -> None:
    """The illustrative 2019 rename and 2020 merge, each recorded once."""
    specs = {spec.key: spec for spec, _ in _walk(data.TREE)}
    for key, day, ref in data.RENAMES:
        unit = units[key]
        if not unit.events.filter(kind=UnitEventKind.RENAME).exists():
            units[key] = services.unit_rename(
                actor=None, unit=unit, new_name=specs[key].name, occurred_on=day, decision_ref=ref
            )
    for key, into, day, ref in data.MERGES:
        unit = units[key]
        unit.refresh_from_db()
        if unit.successor_id is None:
            units[key] = services.unit_merge(actor=None, unit=unit, into=units[into], occurred_on=day, decision_ref=ref)


def _officers(units: dict[str, OrgUnit]) -> dict[str, Person]:
    """The officers named in the reports, with rank history and positions, created through the services."""
    people: dict[str, Person] = {}
    for off in data.OFFICERS:
        person = Person.objects.filter(full_name=off.name, date_of_birth=off.born).first()
        if person is None:
            (first_rank, first_day), *later = off.ranks
            unit = units[off.unit]
            person = services.person_create(
                actor=None,
                unit=unit,
                full_name=off.name,
                gender=Gender.MALE,
                date_of_birth=off.born,
                category=Category.OFFICER,
                rank=first_rank,
                rank_since=first_day,
                party_joined_on=off.party,
                enlisted_on=off.enlisted,
                joined_unit_on=off.joined_unit,
            )
            for rank, day in later:
                services.person_rank_change(
                    actor=None,
                    person=person,
                    rank=rank,
                    effective_on=day,
                    decision_ref="Quyết định thăng quân hàm (minh họa)",
                )
            for title, kind, since in off.positions:
                services.position_add(actor=None, person=person, title=title, kind=kind, unit=unit, start_on=since)
            person.refresh_from_db()
        people[off.name] = person
    return people


def _generated(units: dict[str, OrgUnit]) -> int:
    """~550 generated staff, the same ones on every run (seeded); only those whose CCCD is new are inserted."""
    specs = {spec.key: spec for spec, _ in _walk(data.TREE)}
    generator = PeopleGenerator(
        data.GENERATED_SEED,
        serial_base=data.GENERATED_SERIAL_BASE,
        cccd_limit=10**6,
        avoid_names={o.name for o in data.OFFICERS},
    )
    slots = {key: UnitSlot(u.pk, u.kind, specs[key].name, specs[key].titles) for key, u in units.items()}
    open_slots = [slots[k] for k, u in units.items() if u.valid_to is None and specs[k].people]
    rows = []
    for key, spec in specs.items():
        if spec.people and units[key].valid_to is None:
            rows += generator.unit_people(
                slots[key],
                spec.people,
                head_taken=key in data.HEAD_TAKEN,
                deputies_taken=data.DEPUTIES_TAKEN.get(key, 0),
                others=open_slots,
            )
    existing = set(Person.objects.filter(cccd__in=[r.person.cccd for r in rows]).values_list("cccd", flat=True))
    return write_people([r for r in rows if r.person.cccd not in existing])


def _groups(units: dict[str, OrgUnit], officers: dict[str, Person]) -> int:
    """The emulation blocks with members, leaders and the 2018 handover, through the services."""
    for spec in data.GROUPS:
        authority = units[spec.authority]
        if EmulationGroup.objects.filter(authority=authority, name=spec.name, year=spec.year).exists():
            continue
        group = services.group_create(
            actor=None,
            authority=authority,
            name=spec.name,
            year=spec.year,
            short_name=spec.short_name,
            members=[units[k] for k in spec.members],
        )
        for key, role, since, rep in spec.leaders:
            services.group_leader_set(
                actor=None,
                group=group,
                unit=units[key],
                role=role,
                start_on=since,
                representative=officers.get(rep) if rep else None,
            )
        for src, dst, day, place, from_p, to_p, note in spec.handovers:
            services.group_handover(
                actor=None,
                group=group,
                from_unit=units[src],
                to_unit=units[dst],
                occurred_on=day,
                place=place,
                from_person=officers.get(from_p),
                to_person=officers.get(to_p),
                note=note,
            )
    return len(data.GROUPS)


def _users(units: dict[str, OrgUnit]) -> list[tuple[str, str, str, str]]:
    """One login per role; passwords are reset on every run so the printed ones always work."""
    table = []
    for username, full_name, role, key, superuser in data.USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.full_name = full_name
        user.is_superuser = user.is_staff = superuser
        user.is_active = True
        user.set_password(data.DEMO_PASSWORD)
        user.save()
        RoleAssignment.objects.get_or_create(
            user=user, role=role, unit=units[key], defaults={"include_descendants": True}
        )
        table.append((username, data.DEMO_PASSWORD, role.label, units[key].name))
    return table


def load() -> DemoResult:
    """Load (or complete) the demo data in one transaction; refuses on a production installation."""
    if getattr(settings, "PRODUCTION", False):
        raise DemoRefused("Không nạp dữ liệu mẫu trên hệ thống đang vận hành (THIDUA_ENV=production).")
    started = time.perf_counter()
    with transaction.atomic():
        units = _units()
        _history(units)
        officers = _officers(units)
        created = _generated(units)
        groups = _groups(units, officers)
        users = _users(units)
    tree = OrgUnit.objects.filter(path__startswith=units["bqp"].path)
    people = Person.objects.filter(unit__path__startswith=units["bqp"].path).count()
    return DemoResult(
        units=tree.count(),
        people=people,
        people_created=created,
        groups=groups,
        users=users,
        seconds=time.perf_counter() - started,
    )
