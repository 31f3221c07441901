"""Writes of review periods: open a period (its units, templates and previous period), grant a unit an extension,
close it. Same rules as :mod:`.unit_reports`: keyword-only, atomic, scope-checked, audited once.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.core import vn
from thidua.core.audit import record, snapshot, with_comment
from thidua.core.errors import field_error
from thidua.core.locking import versioned_update
from thidua.core.scoping import require_change_scope

from .. import notices
from ..choices import PeriodStatus
from ..models import PeriodExtension, ReviewPeriod


@transaction.atomic
def period_create(
    *,
    actor,
    name: str,
    kind: str,
    year: int,
    authority,
    templates,
    opens_on: dt.date,
    due_on: dt.date,
    group=None,
    units=None,
    remind_days: int = 3,
    previous: ReviewPeriod | None = None,
    movement=None,
) -> ReviewPeriod:
    """Open a review period of ``authority`` (optionally for a block ``group``) with its templates and units.

    The reporting units default to the block's members; otherwise they must be given and lie in the authority's
    subtree. ``previous`` is the period the central report compares against.
    """
    require_change_scope(actor, authority, "authority", "Bạn không có quyền mở kỳ báo cáo cho đơn vị này.")
    errors: dict[str, list[str]] = {}
    templates = list(templates or [])
    if not templates:
        errors.setdefault("templates", []).append("Chọn ít nhất một mẫu chỉ tiêu.")
    if group is not None and group.authority_id != authority.pk:
        errors.setdefault("group", []).append("Khối, cụm thi đua không thuộc cấp tổ chức đã chọn.")
    if units:
        units = list(units)
    elif group is not None:
        units = list(group.members.all())
    else:
        units = []
    if not units:
        errors.setdefault("units", []).append("Chọn ít nhất một đơn vị báo cáo.")
    elif group is not None:
        member_ids = set(group.members.values_list("pk", flat=True))
        outside = [u.name for u in units if u.pk not in member_ids]
        if outside:
            errors.setdefault("units", []).append("Đơn vị không phải thành viên của khối: " + ", ".join(outside) + ".")
    else:
        outside = [u.name for u in units if not u.path.startswith(authority.path)]
        if outside:
            errors.setdefault("units", []).append(
                "Đơn vị không thuộc cấp tổ chức mở kỳ báo cáo: " + ", ".join(outside) + "."
            )
    if opens_on and due_on and due_on < opens_on:
        errors.setdefault("due_on", []).append("Hạn nộp phải sau ngày mở nhận báo cáo.")
    if previous is not None and previous.authority_id != authority.pk:
        errors.setdefault("previous", []).append("Kỳ trước phải cùng cấp tổ chức.")
    if errors:
        raise ValidationError(errors)
    period = ReviewPeriod(
        name=vn.nfc(name),
        kind=kind,
        year=year,
        authority=authority,
        group=group,
        movement=movement,
        previous=previous,
        opens_on=opens_on,
        due_on=due_on,
        remind_days=remind_days,
    )
    period.full_clean()
    period.save()
    period.templates.set(templates)
    period.units.set(units)
    after = {**snapshot(period), "templates": [t.pk for t in templates], "units": [u.pk for u in units]}
    record(actor=actor, event_type="period.create", target=period, unit=authority, after=after)
    notices.period_opened(actor=actor, period=period)
    return period


@transaction.atomic
def period_extend(*, actor, period: ReviewPeriod, unit, due_on: dt.date, reason: str) -> PeriodExtension:
    """Grant ``unit`` a later deadline for ``period`` (replacing an earlier extension), with the reason."""
    require_change_scope(actor, period.authority, "unit", "Bạn không có quyền gia hạn báo cáo của kỳ này.")
    reason = vn.nfc(reason)
    errors: dict[str, list[str]] = {}
    if period.status == PeriodStatus.CLOSED:
        raise field_error("__all__", "Kỳ báo cáo đã khoá, không gia hạn được.")
    if not period.units.filter(pk=unit.pk).exists():
        errors["unit"] = [f"{unit.name} không phải đơn vị báo cáo của kỳ này."]
    if due_on <= period.due_on:
        errors["due_on"] = [f"Hạn mới phải sau hạn chung ({vn.format_date(period.due_on, 'short')})."]
    if not reason:
        errors["reason"] = ["Phải ghi lý do gia hạn."]
    if errors:
        raise ValidationError(errors)
    extension = PeriodExtension.objects.filter(period=period, unit=unit).first()
    before = snapshot(extension) if extension else None
    if extension is None:
        extension = PeriodExtension(period=period, unit=unit)
    extension.due_on, extension.reason = due_on, reason
    extension.full_clean(validate_constraints=False)
    extension.save()
    record(
        actor=actor,
        event_type="period.extend",
        target=period,
        unit=unit,
        before=before,
        after=snapshot(extension),
    )
    return extension


@transaction.atomic
def period_close(
    *, actor, period: ReviewPeriod, expected_version: int | None = None, comment: str = ""
) -> ReviewPeriod:
    """Close the period: no report may be saved or submitted any more (``comment``, optional, is kept in the audit
    event)."""
    require_change_scope(actor, period.authority, "__all__", "Bạn không có quyền khoá kỳ báo cáo này.")
    if period.status == PeriodStatus.CLOSED:
        raise field_error("__all__", "Kỳ báo cáo đã khoá.")
    before = snapshot(period, ["status"])
    period.status = PeriodStatus.CLOSED
    versioned_update(period, expected_version=expected_version, changes={"status": PeriodStatus.CLOSED})
    record(
        actor=actor,
        event_type="period.close",
        target=period,
        unit=period.authority,
        before=before,
        after=snapshot(period, ["status"]),
        extra=with_comment(None, comment),
    )
    return period
