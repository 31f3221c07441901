"""Fixtures of the records tests: the award catalogue (seeded the way the data migration does it)."""

from __future__ import annotations

import pytest

from thidua.catalogue.models import Award
from thidua.catalogue.seed import seed_catalogue


@pytest.fixture
def awards(db):
    """The catalogue as a dict by code (idempotent: the data migration may already have seeded it)."""
    seed_catalogue(Award)
    return {a.code: a for a in Award.objects.all()}
