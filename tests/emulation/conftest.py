"""Fixtures shared by the emulation tests."""

from __future__ import annotations

import pytest

from thidua.org import services as org_services

from . import movements_world as mw


@pytest.fixture
def world(tree, users, people):
    """Movements, registrations and a pact of a two-member block (see :mod:`.movements_world`)."""
    group = org_services.group_create(
        actor=None, authority=tree.tc, name="Khối các cơ quan", year=mw.YEAR, members=[tree.cuc, tree.nm]
    )
    return mw.build(tree, group=group)
