"""Helpers for API tests: JSON calls with the Django test client and personal access tokens."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from thidua.core.models import ApiToken

API = "/api/v1"


def make_token(user, *, days: int = 30, revoked: bool = False, expired: bool = False) -> str:
    """A raw token for ``user`` (rows created directly, so the test does not depend on the token service)."""
    raw = ApiToken.generate()
    now = timezone.now()
    ApiToken.objects.create(
        user=user,
        name="test",
        digest=ApiToken.hash(raw),
        hint=raw[-4:],
        expires_at=now - dt.timedelta(days=1) if expired else now + dt.timedelta(days=days),
        revoked_at=now if revoked else None,
    )
    return raw


def send(client, method: str, path: str, data=None, **extra):
    """Send JSON to the API and return the response."""
    call = getattr(client, method.lower())
    return call(f"{API}{path}", data=json.dumps(data or {}), content_type="application/json", **extra)


@pytest.fixture
def as_user(client):
    """Log the test client in as a user and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login


NEW_UNIT = {"name": "Phân xưởng Cơ khí", "short_name": "PX CK", "kind": "phan_xuong"}
