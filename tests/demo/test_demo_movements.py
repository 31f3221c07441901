"""The demo Quyết thắng movement of 2020, Khối 2's registrations and pact: loaded by ``thidua demo``, idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from thidua.demo.emulation.movements import KHOI_2, MOVEMENT_NAME, SLOGAN
from thidua.emulation.models import Movement, MovementUnit, Pact, PactSignature, Registration, RegistrationItem
from thidua.emulation.movements.choices import MovementStatus, RegistrationStatus

MODELS = [Movement, MovementUnit, Registration, RegistrationItem, Pact, PactSignature]


@pytest.mark.django_db
def test_demo_twice_loads_movement_registrations_and_locked_pact():
    call_command("demo", stdout=io.StringIO())
    counts = {m: m.objects.count() for m in MODELS}
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert {m: m.objects.count() for m in MODELS} == counts
    assert MOVEMENT_NAME in out.getvalue()

    movement = Movement.objects.get(name=MOVEMENT_NAME, start_on=dt.date(2020, 1, 1))
    assert movement.status == MovementStatus.LAUNCHED
    assert (movement.authority.name, movement.kind, movement.slogan) == (
        "Tổng cục Công nghiệp quốc phòng",
        "thuong_xuyen",
        SLOGAN,
    )
    assert movement.end_on == dt.date(2020, 12, 31)

    registrations = Registration.objects.filter(movement=movement, year=2020)
    assert registrations.count() == 6
    assert set(registrations.values_list("status", flat=True)) == {RegistrationStatus.APPROVED}
    codes = set(RegistrationItem.objects.filter(registration__in=registrations).values_list("award__code", flat=True))
    assert codes <= {"DVQT", "DVTT"} and "DVQT" in codes

    pact = Pact.objects.get(group__name=KHOI_2, year=2020)
    members = set(pact.group.memberships.values_list("unit_id", flat=True))
    assert len(members) == 6
    assert set(pact.signatures.values_list("unit_id", flat=True)) == members
    assert pact.signed_on is not None
    assert set(registrations.values_list("unit_id", flat=True)) == members
