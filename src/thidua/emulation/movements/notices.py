"""In-app notifications of registrations (sent up, approved, returned), sent through core's :func:`notify`."""

from __future__ import annotations

from django.urls import reverse

from thidua.core.choices import Role
from thidua.core.notifications import notify, officers_of, unit_recipients
from thidua.org.models import OrgUnit

from .models import Registration


def _who(registration: Registration) -> str:
    """ "của <person>" for a personal registration, "tập thể <unit>" for the unit's own."""
    if registration.person_id:
        return f"của {registration.person.full_name}"
    return f"tập thể {registration.unit.label}"


def _link(registration: Registration) -> str:
    return reverse("registration_detail", args=[registration.pk])


def registration_sent(*, actor, registration: Registration) -> None:
    """Tell the superior level (its officers and standing office) that a registration waits for its decision."""
    unit = registration.unit
    parent = OrgUnit.objects.get_parent(unit) if unit.depth > 1 else None
    text = f"{unit.name} gửi đăng ký thi đua năm {registration.year} ({_who(registration)}) để duyệt."
    notify(
        recipients=unit_recipients(parent, [Role.UNIT_OFFICER, Role.OFFICE]),
        text=text,
        link=_link(registration),
        exclude=actor,
    )


def registration_decided(*, actor, registration: Registration, approved: bool) -> None:
    """Tell the registering unit's officers that their registration was approved or returned (with the reason)."""
    if approved:
        text = f"Đăng ký thi đua năm {registration.year} ({_who(registration)}) đã được duyệt."
    else:
        text = (
            f"Đăng ký thi đua năm {registration.year} ({_who(registration)}) bị trả lại: {registration.return_reason}"
        )
    notify(recipients=officers_of(registration.unit), text=text, link=_link(registration), exclude=actor)
