"""Choices of the core app: roles and the actions each allows."""

from django.db import models


class Role(models.TextChoices):
    """A user's role on an org unit (DESIGN.md §1)."""

    ADMIN = "admin", "Quản trị hệ thống"
    OFFICE = "office", "Cơ quan thường trực Hội đồng TĐKT"
    UNIT_OFFICER = "unit_officer", "Cán bộ TĐKT đơn vị"
    COUNCIL = "council", "Thành viên Hội đồng TĐKT"
    COMMANDER = "commander", "Thủ trưởng, người ký"
    VIEWER = "viewer", "Người xem"


class Action(models.TextChoices):
    """What a user wants to do with an object; roles grant a set of actions."""

    VIEW = "view", "Xem"
    CHANGE = "change", "Sửa"
    MANAGE = "manage", "Quản trị"


ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({Action.VIEW, Action.CHANGE, Action.MANAGE}),
    Role.OFFICE: frozenset({Action.VIEW, Action.CHANGE}),
    Role.UNIT_OFFICER: frozenset({Action.VIEW, Action.CHANGE}),
    Role.COUNCIL: frozenset({Action.VIEW}),
    Role.COMMANDER: frozenset({Action.VIEW}),
    Role.VIEWER: frozenset({Action.VIEW}),
}
