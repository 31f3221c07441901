"""Writes of the core app: personal access tokens for the API (created and revoked with an audit event each)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import audit, vn
from .models import ApiToken


@transaction.atomic
def token_create(*, actor, name: str, days: int) -> tuple[ApiToken, str]:
    """Create a personal access token for ``actor`` valid ``days`` days; returns the row and the raw token.

    Only the SHA-256 digest is stored, so the raw token must be shown to the user now and never again.
    """
    name = vn.nfc(name)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Tên mã truy cập không được để trống."]
    elif len(name) > ApiToken._meta.get_field("name").max_length:
        errors["name"] = ["Tên mã truy cập quá dài (tối đa 80 ký tự)."]
    max_days = settings.API_TOKEN_MAX_DAYS
    if not isinstance(days, int) or days < 1 or days > max_days:
        errors["days"] = [f"Thời hạn phải từ 1 đến {max_days} ngày."]
    if errors:
        raise ValidationError(errors)
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        digest=ApiToken.hash(raw),
        hint=raw[-4:],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        actor=actor,
        event_type="token.create",
        target=token,
        after={"name": token.name, "hint": token.hint, "expires_at": token.expires_at},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke ``token`` (its owner or a superuser only); revoking an already revoked token changes nothing."""
    if actor is not None and token.user_id != actor.pk and not actor.is_superuser:
        raise ValidationError({"token": ["Bạn chỉ được thu hồi mã truy cập của chính mình."]})
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        event_type="token.revoke",
        target=token,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at},
    )
    return token
