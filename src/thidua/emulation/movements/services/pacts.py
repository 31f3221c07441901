"""Writes on emulation pacts (giao ước thi đua): a block's pact for a year, drafted by the block's authority and
signed by each member unit; once every member has signed it is locked. Same rules as :mod:`.movements`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.core.audit import record, snapshot
from thidua.core.locking import versioned_update
from thidua.org.models import OrgUnit

from .. import policies
from ..models import Pact, PactSignature
from ..selectors import pact_is_locked
from .movements import OUT_OF_SCOPE, _text

# --- pacts -----------------------------------------------------------------------------------------------------


@transaction.atomic
def pact_create(*, actor, group, year: int, content: str) -> Pact:
    """Write a block's pact (giao ước thi đua) for a year; the block's authority drafts it."""
    if actor is not None and not policies.can_register(actor, group.authority):
        raise ValidationError({"group": [f"Khối «{group.name}» {OUT_OF_SCOPE}"]})
    content = _text(content)
    if not content:
        raise ValidationError({"content": ["Nhập nội dung giao ước."]})
    if Pact.objects.filter(group=group, year=year).exists():
        raise ValidationError({"year": [f"«{group.name}» đã có giao ước năm {year}."]})
    pact = Pact(group=group, year=year, content=content)
    pact.full_clean()
    pact.save()
    record(actor=actor, event_type="pact.create", target=pact, unit=group.authority, after=snapshot(pact))
    return pact


@transaction.atomic
def pact_update(*, actor, pact: Pact, content: str, expected_version: int | None = None) -> Pact:
    """Change the content of a pact nobody has signed yet."""
    if actor is not None and not policies.can_change_pact(actor, pact):
        raise ValidationError({"group": [f"Khối «{pact.group.name}» {OUT_OF_SCOPE}"]})
    if pact.signatures.exists():
        raise ValidationError({"content": ["Giao ước đã có đơn vị ký, không sửa nội dung được."]})
    content = _text(content)
    if not content:
        raise ValidationError({"content": ["Nhập nội dung giao ước."]})
    before = snapshot(pact)
    pact.content = content
    versioned_update(pact, expected_version=expected_version, changes={"content": content})
    record(
        actor=actor,
        event_type="pact.update",
        target=pact,
        unit=pact.group.authority,
        before=before,
        after=snapshot(pact),
    )
    return pact


@transaction.atomic
def pact_sign(*, actor, pact: Pact, unit: OrgUnit, signed_on: dt.date, signer=None) -> PactSignature:
    """A member unit signs the pact; when the last member signs, the pact is locked (signed_on set)."""
    pact = Pact.objects.select_for_update().select_related("group").get(pk=pact.pk)
    if pact_is_locked(pact):
        raise ValidationError({"__all__": ["Giao ước đã được tất cả thành viên ký, đã khoá."]})
    if not pact.group.memberships.filter(unit=unit).exists():
        raise ValidationError({"unit": [f"«{unit}» không phải thành viên của {pact.group.name}, không ký được."]})
    if actor is not None and not policies.can_sign_pact_for(actor, unit):
        raise ValidationError({"unit": [f"Đơn vị «{unit}» {OUT_OF_SCOPE}"]})
    if pact.signatures.filter(unit=unit).exists():
        raise ValidationError({"unit": [f"«{unit}» đã ký giao ước này."]})
    if signer is not None and signer.unit_id != unit.pk:
        raise ValidationError({"signer": [f"«{signer.full_name}» không thuộc «{unit}»."]})
    signature = PactSignature(pact=pact, unit=unit, signer=signer, signed_on=signed_on)
    signature.full_clean()
    signature.save()
    locked = pact_is_locked(pact)
    if locked:
        versioned_update(pact, expected_version=None, changes={"signed_on": signed_on})
    record(
        actor=actor,
        event_type="pact.sign",
        target=pact,
        unit=unit,
        after={"unit": unit.pk, "signer": getattr(signer, "pk", None), "signed_on": signed_on, "locked": locked},
    )
    return signature
