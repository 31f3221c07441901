"""Who may run movements, register, approve registrations and sign pacts: pure functions of (user, object)."""

from __future__ import annotations

from thidua.core.choices import Action
from thidua.core.scoping import in_scope

from .choices import MovementStatus, RegistrationStatus


def can_change_movement(user, movement) -> bool:
    """The launching authority's officers edit, document, launch and close a movement."""
    return movement is not None and in_scope(user, movement.authority_id, Action.CHANGE)


def can_register(user, unit) -> bool:
    """A unit's own officers (change scope on the unit) register the unit and its people."""
    return unit is not None and in_scope(user, unit.pk, Action.CHANGE)


def can_edit_registration(user, registration) -> bool:
    """A draft or returned registration is edited (and submitted) by the registering unit's officers."""
    return registration.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED) and can_register(
        user, registration.unit
    )


def superior_unit_id(registration) -> int | None:
    """The level that decides on a registration: the parent of the registering unit (None for a root unit)."""
    unit = registration.unit
    return type(unit).objects.get_parent(unit).pk if unit.depth > 1 else None


def can_decide_registration(user, registration) -> bool:
    """The superior level (change scope on the unit's parent) approves or returns a submitted registration."""
    if registration.status != RegistrationStatus.SUBMITTED:
        return False
    parent_id = superior_unit_id(registration)
    return parent_id is not None and in_scope(user, parent_id, Action.CHANGE)


def can_register_under(movement) -> bool:
    """Registrations may name a movement only while it runs."""
    return movement.status == MovementStatus.LAUNCHED


def can_change_pact(user, pact) -> bool:
    """The block's authority edits the pact's content (until it is locked)."""
    return in_scope(user, pact.group.authority_id, Action.CHANGE)


def can_sign_pact_for(user, unit) -> bool:
    """A member unit signs through its own officers."""
    return unit is not None and in_scope(user, unit.pk, Action.CHANGE)
